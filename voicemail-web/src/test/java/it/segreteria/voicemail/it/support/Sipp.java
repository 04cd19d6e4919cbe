package it.segreteria.voicemail.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs sipp (Debian's {@code sip-tester}) as a real SIP/RTP peer on loopback with one of the
 * scenarios in {@code src/test/resources/sipp}. sipp cannot take keys in media actions and pauses,
 * so {@code @NAME@} placeholders are replaced in a copy of the scenario; {@code [key]} values go on
 * the command line.
 */
public final class Sipp {

    private static final AtomicInteger RUNS = new AtomicInteger();

    private Sipp() {}

    public record Result(int exitCode, String output, String callId) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    public static Result call(
            String scenario,
            String calledNumber,
            int servicePort,
            Map<String, String> placeholders,
            Map<String, String> keys) {
        Running run = start(scenario, calledNumber, servicePort, placeholders, keys, 1, null);
        return run.await();
    }

    /** A sipp run in progress. */
    public record Running(Process process, Path output, String callId) {

        /** Waits for sipp to end (at most two minutes). */
        public Result await() {
            try {
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                return new Result(process.exitValue(), Files.readString(output), callId);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Ends sipp at once, as a caller whose phone dies. */
        public void kill() {
            process.destroyForcibly();
        }
    }

    /**
     * Starts sipp without waiting: {@code calls} calls at once, their Call-IDs made of {@code
     * callIds} ({@code %u} is the call's number; {@code null} for one call with a fresh id).
     */
    public static Running start(
            String scenario,
            String calledNumber,
            int servicePort,
            Map<String, String> placeholders,
            Map<String, String> keys,
            int calls,
            String callIds) {
        return start(
                scenario,
                calledNumber,
                servicePort,
                placeholders,
                keys,
                calls,
                callIds,
                "u1",
                "127.0.0.1");
    }

    /** Like {@link #start}, from another loopback address (sipp binds its SIP and media to it). */
    public static Running startFrom(
            String sourceAddress,
            String scenario,
            String calledNumber,
            int servicePort,
            Map<String, String> placeholders,
            Map<String, String> keys,
            int calls,
            String callIds) {
        return start(
                scenario,
                calledNumber,
                servicePort,
                placeholders,
                keys,
                calls,
                callIds,
                "u1",
                sourceAddress);
    }

    /** One call over TCP (one connection, sipp's {@code -t t1}). */
    public static Result callOverTcp(
            String scenario,
            String calledNumber,
            int servicePort,
            Map<String, String> placeholders,
            Map<String, String> keys) {
        return start(
                        scenario,
                        calledNumber,
                        servicePort,
                        placeholders,
                        keys,
                        1,
                        null,
                        "t1",
                        "127.0.0.1")
                .await();
    }

    private static Running start(
            String scenario,
            String calledNumber,
            int servicePort,
            Map<String, String> placeholders,
            Map<String, String> keys,
            int calls,
            String callIds,
            String transport,
            String source) {
        Path dir = Path.of(System.getProperty("it.work.dir", "target/it")).resolve("sipp");
        try {
            Files.createDirectories(dir);
            String text = resource("/sipp/" + scenario + ".xml");
            for (Map.Entry<String, String> entry : placeholders.entrySet()) {
                text = text.replace("@" + entry.getKey() + "@", entry.getValue());
            }
            text = text.replace("@CONTACT@", "sip:"); // unless the test checks our Contact
            text = text.replace("@HASH_AFTER@", "300"); // # right after the answer, unless told
            int run = RUNS.incrementAndGet();
            Path file = dir.resolve(scenario + "-" + run + ".xml");
            Files.writeString(file, text);
            String callId =
                    callIds != null
                            ? callIds
                            : "it-" + run + "-" + System.nanoTime() + "@" + source;
            List<String> command =
                    new ArrayList<>(
                            List.of(
                                    "sipp",
                                    "-t",
                                    transport,
                                    "-sf",
                                    file.toString(),
                                    "-i",
                                    source,
                                    "-p",
                                    Integer.toString(FreePorts.tcpAndUdp()), // free on 127/8
                                    "-mi",
                                    source,
                                    "-mp",
                                    Integer.toString(mediaPort()),
                                    "-s",
                                    calledNumber,
                                    "-cid_str",
                                    callId,
                                    "-m",
                                    Integer.toString(calls),
                                    "-l",
                                    Integer.toString(calls),
                                    "-r",
                                    Integer.toString(Math.max(1, calls)),
                                    "-nostdin",
                                    "-timeout",
                                    "90s",
                                    "-timeout_error",
                                    "-buff_size",
                                    "4194304",
                                    "-trace_err",
                                    "-error_file",
                                    dir.resolve(scenario + "-" + run + "-errors.log").toString()));
            keys.forEach((key, value) -> command.addAll(List.of("-key", key, value)));
            command.add("127.0.0.1:" + servicePort);
            Path output = dir.resolve(scenario + "-" + run + ".out");
            Process sipp =
                    new ProcessBuilder(command)
                            .directory(dir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(output.toFile())
                            .start();
            return new Running(sipp, output, callId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run sipp (is sip-tester installed?)", e);
        }
    }

    /**
     * sipp answering on {@code port} with the scenario {@code /sipp/<scenario>.xml} (its
     * {@code @NAME@} placeholders replaced), until killed, or for {@code calls} calls (0: no
     * limit); what it logs with {@code -trace_logs} goes to {@code <dir>/<scenario>.log}, its
     * screen to {@code <dir>/<scenario>.out} (appended, so a restart keeps the history).
     */
    public static Process serve(
            String scenario, int port, Path dir, Map<String, String> placeholders, int calls)
            throws IOException {
        Files.createDirectories(dir);
        String text = resource("/sipp/" + scenario + ".xml");
        for (Map.Entry<String, String> entry : placeholders.entrySet()) {
            text = text.replace("@" + entry.getKey() + "@", entry.getValue());
        }
        Path file = dir.resolve(scenario + ".xml");
        Files.writeString(file, text);
        List<String> command =
                new ArrayList<>(
                        List.of(
                                "sipp",
                                "-sf",
                                file.toString(),
                                "-i",
                                "127.0.0.1",
                                "-p",
                                Integer.toString(port),
                                "-mi",
                                "127.0.0.1",
                                "-mp",
                                Integer.toString(mediaPort()),
                                "-nostdin",
                                "-trace_logs",
                                "-log_file",
                                dir.resolve(scenario + ".log").toString()));
        if (calls > 0) {
            command.addAll(
                    List.of("-m", Integer.toString(calls), "-timeout", "60s", "-timeout_error"));
        }
        return new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(dir.resolve(scenario + ".out").toFile()))
                .start();
    }

    /** sipp binds its media port and the one two above it. */
    private static int mediaPort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = FreePorts.tcpAndUdp() & ~1;
            try (DatagramSocket audio = new DatagramSocket(port, InetAddress.getLoopbackAddress());
                    DatagramSocket video =
                            new DatagramSocket(port + 2, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free media port pair");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Sipp.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
