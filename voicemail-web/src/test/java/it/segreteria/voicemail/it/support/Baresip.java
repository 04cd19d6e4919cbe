package it.segreteria.voicemail.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * baresip (Debian's {@code baresip-core}), the softphone a newcomer would use, run headless on
 * loopback: its microphone is a WAV file, it does not register, and it is driven over its {@code
 * ctrl_tcp} interface (JSON in netstrings) as a user would press buttons: dial, send a key, hang
 * up.
 */
public final class Baresip implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path output;
    private final Socket control;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    private Baresip(Process process, Path output, Socket control) {
        this.process = process;
        this.output = output;
        this.control = control;
        Thread reader = new Thread(this::readEvents, "baresip-events");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts baresip as the user {@code caller} (a telephone number), with {@code microphone} (8
     * kHz 16-bit mono samples) followed by a minute of silence as what it says.
     */
    public static Baresip start(Path dir, String caller, short[] microphone) {
        return start(dir, caller, microphone, null, "");
    }

    /**
     * Like {@link #start(Path, String, short[])}, trusting {@code caFile} (PEM) for SIP over TLS
     * and with more account parameters (e.g. {@code ;mediaenc=srtp-mand}).
     */
    public static Baresip start(
            Path dir, String caller, short[] microphone, Path caFile, String accountParameters) {
        int sipPort = FreePorts.tcpAndUdpWithNextTcp(); // its TLS listener takes the next port
        int controlPort = FreePorts.tcp();
        while (controlPort == sipPort + 1) {
            controlPort = FreePorts.tcp();
        }
        int rtpBase = 46000 + 200 * (int) (ProcessHandle.current().pid() % 10);
        try {
            Files.createDirectories(dir);
            Path wav = dir.resolve("microphone.wav");
            short[] padded = java.util.Arrays.copyOf(microphone, microphone.length + 60 * 8000);
            Files.write(wav, wav(padded));
            Files.writeString(
                    dir.resolve("config"),
                    String.join(
                            "\n",
                            "poll_method epoll",
                            // the SIP-TLS listener takes the port above sip_listen's
                            "sip_listen 127.0.0.1:" + sipPort,
                            "net_interface 127.0.0.1",
                            "rtp_ports " + rtpBase + "-" + (rtpBase + 199),
                            "call_local_timeout 120",
                            "audio_source aufile," + wav,
                            "audio_player aubridge,nil",
                            "audio_alert aubridge,nil",
                            "module_path /usr/lib/baresip/modules",
                            caFile == null ? "" : "sip_cafile " + caFile,
                            "module g711.so",
                            "module srtp.so",
                            "module aufile.so",
                            "module aubridge.so",
                            "module ctrl_tcp.so",
                            "ctrl_tcp_listen 127.0.0.1:" + controlPort,
                            "module_tmp account.so",
                            "module_app menu.so",
                            ""));
            // no registration: the service takes calls from any phone that reaches it
            Files.writeString(
                    dir.resolve("accounts"),
                    "\"Baresip Caller\" <sip:"
                            + caller
                            + "@127.0.0.1:"
                            + sipPort
                            + ">;regint=0;audio_codecs=PCMU,PCMA"
                            + accountParameters
                            + "\n");
            Files.writeString(dir.resolve("contacts"), "");
            Path output = dir.resolve("baresip.out");
            Process process =
                    new ProcessBuilder("baresip", "-f", dir.toString(), "-s", "-t", "120")
                            .redirectErrorStream(true)
                            .redirectOutput(output.toFile())
                            .start();
            Socket control = connect(controlPort, process, output);
            return new Baresip(process, output, control);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot start baresip (apt-get install baresip-core)", e);
        }
    }

    private static Socket connect(int port, Process process, Path output) throws IOException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            try {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return socket;
            } catch (IOException notYet) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IOException(
                            "baresip's control port did not open: " + Files.readString(output),
                            notYet);
                }
                pause(100); // polling for the control port, bounded by the deadline
            }
        }
    }

    /** Sends one command of baresip's menu, e.g. {@code dial sip:...} or {@code hangup}. */
    public void command(String command) {
        String[] parts = command.split(" ", 2);
        String json =
                JSON.createObjectNode()
                        .put("command", parts[0])
                        .put("params", parts.length > 1 ? parts[1] : "")
                        .put("token", "t")
                        .toString();
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try {
            OutputStream out = control.getOutputStream();
            out.write((body.length + ":").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.write(',');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for an event of this type (e.g. {@code CALL_ESTABLISHED}) and returns it. */
    public JsonNode awaitEvent(String type, Duration timeout) {
        return awaitEvent(e -> type.equals(e.path("type").asText()), type, timeout);
    }

    private JsonNode awaitEvent(Predicate<JsonNode> match, String what, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode event : events) {
                if (match.test(event)) {
                    return event;
                }
            }
            pause(50); // polling the events read so far, bounded by the deadline
        }
        throw new IllegalStateException(
                "baresip: no " + what + " within " + timeout + "; events " + events + "\n" + log());
    }

    /** What baresip printed (with {@code -s}, every SIP message it sent and received). */
    public String log() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private void readEvents() {
        try {
            InputStream in = control.getInputStream();
            while (true) {
                int length = 0;
                int c;
                while ((c = in.read()) != ':') {
                    if (c < 0) {
                        return;
                    }
                    length = length * 10 + (c - '0');
                }
                byte[] body = in.readNBytes(length);
                in.read(); // the netstring's comma
                JsonNode message = JSON.readTree(body);
                if (message.path("event").asBoolean()) {
                    events.add(message);
                }
            }
        } catch (IOException closed) {
            // baresip stopped
        }
    }

    private static byte[] wav(short[] samples) {
        ByteBuffer wav =
                ByteBuffer.allocate(44 + 2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * samples.length);
        wav.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        wav.putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000);
        wav.putShort((short) 2).putShort((short) 16);
        wav.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * samples.length);
        for (short sample : samples) {
            wav.putShort(sample);
        }
        return wav.array();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            command("quit");
        } catch (RuntimeException gone) {
            // already stopped
        }
        try {
            control.close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
