package it.segreteria.voicemail.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the README's run command ({@code ./mvnw -Prun package}) runs inside Maven: it starts the
 * helpers (the mail catcher) and then the service as child processes that share the terminal, and
 * whatever ends Maven (Ctrl-C, SIGTERM) ends them too: the service first, with SIGTERM so it drains
 * its calls, then the helpers. Without it, a SIGTERM to Maven left Payara running, orphaned.
 *
 * <p>Arguments: optionally {@value #DEMO_PBX} followed by the demo PBX's ports ({@link DemoPbx},
 * run in this process), optionally {@value #KEYCLOAK} followed by {@code
 * zip,home,realm,port,management-port,log} (Keycloak, {@link Keycloak}, a helper whose output goes
 * to the log file), then commands separated by {@value #NEXT}; the last one is the service. When
 * the service exits by itself, the helpers are stopped (and Maven fails if its exit code was not
 * 0).
 */
public final class RunService {

    static final String NEXT = "---";

    /** Runs the demo PBX in this process: {@code -demo-pbx <pbx port>,<trunk port>,<http port>}. */
    static final String DEMO_PBX = "-demo-pbx";

    /** Runs Keycloak as the first helper: {@code -keycloak zip,home,realm,port,management,log}. */
    static final String KEYCLOAK = "-keycloak";

    /** How long the service may take to drain and stop before it is killed. */
    static final long STOP_SECONDS = 60;

    private RunService() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 1 && DEMO_PBX.equals(args[0])) {
            String[] ports = args[1].split(",");
            try {
                new DemoPbx()
                        .start(
                                Integer.parseInt(ports[0]),
                                Integer.parseInt(ports[1]),
                                Integer.parseInt(ports[2]));
            } catch (Exception e) {
                // e.g. a port in use: said plainly, and nothing left running (the SIP stack's
                // threads)
                System.err.println("The demo PBX cannot start on ports " + args[1] + ": " + e);
                System.exit(2);
            }
            args = java.util.Arrays.copyOfRange(args, 2, args.length);
        }
        String[] keycloak = null;
        if (args.length > 1 && KEYCLOAK.equals(args[0])) {
            keycloak = args[1].split(",");
            args = java.util.Arrays.copyOfRange(args, 2, args.length);
        }
        List<List<String>> commands = split(args);
        if (commands.isEmpty()) {
            throw new IllegalArgumentException("usage: RunService helper... " + NEXT + " service");
        }
        List<Process> helpers = new ArrayList<>();
        List<Process> started = new ArrayList<>();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> stopAll(started), "run-service-stop"));
        if (keycloak != null) {
            Process process = startKeycloak(keycloak);
            helpers.add(process);
            started.add(process);
        }
        for (List<String> helper : commands.subList(0, commands.size() - 1)) {
            Process process = start(helper);
            helpers.add(process);
            started.add(process);
        }
        Process service = start(commands.get(commands.size() - 1));
        started.add(service);
        int exit = service.waitFor();
        stopAll(helpers);
        if (exit != 0) {
            throw new IllegalStateException("the service exited with code " + exit);
        }
    }

    /** Keycloak with the demo realm, its output in a log file; says when it is ready. */
    private static Process startKeycloak(String[] settings) throws IOException {
        Path home = Path.of(settings[1]);
        int port = Integer.parseInt(settings[3]);
        Path log = Path.of(settings[5]);
        System.out.println("Keycloak: unpacking into " + home + " unless it is there");
        Keycloak.unpack(Path.of(settings[0]), home);
        Keycloak server = new Keycloak(home, port, Integer.parseInt(settings[4]));
        Files.createDirectories(log.getParent());
        Process process =
                server.process(Path.of(settings[2]))
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        Thread ready =
                new Thread(
                        () -> {
                            try {
                                server.awaitReady(process, java.time.Duration.ofMinutes(3));
                                System.out.println(
                                        "Keycloak ready: http://localhost:"
                                                + port
                                                + " (realm voicemail, admin console user admin"
                                                + " / admin; log: "
                                                + log
                                                + ")");
                            } catch (IllegalStateException e) {
                                System.err.println("Keycloak did not start (" + log + "): " + e);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "keycloak-ready");
        ready.setDaemon(true);
        ready.start();
        return process;
    }

    private static Process start(List<String> command) throws IOException {
        return new ProcessBuilder(command).inheritIO().start();
    }

    /** The last started first (the service before its helpers), each given time to stop. */
    private static void stopAll(List<Process> processes) {
        List<Process> reversed = new ArrayList<>(processes);
        java.util.Collections.reverse(reversed);
        for (Process process : reversed) {
            if (!process.isAlive()) {
                continue;
            }
            process.destroy(); // SIGTERM: the service drains its calls
            try {
                if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly); // kc.sh's java
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    static List<List<String>> split(String[] args) {
        List<List<String>> commands = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String arg : args) {
            if (NEXT.equals(arg)) {
                if (!current.isEmpty()) {
                    commands.add(current);
                }
                current = new ArrayList<>();
            } else {
                current.add(arg);
            }
        }
        if (!current.isEmpty()) {
            commands.add(current);
        }
        return commands;
    }
}
