package it.segreteria.voicemail.run;

import java.io.IOException;
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
 * run in this process), then commands separated by {@value #NEXT}; the last one is the service.
 * When the service exits by itself, the helpers are stopped (and Maven fails if its exit code was
 * not 0).
 */
public final class RunService {

    static final String NEXT = "---";

    /** Runs the demo PBX in this process: {@code -demo-pbx <pbx port>,<trunk port>,<http port>}. */
    static final String DEMO_PBX = "-demo-pbx";

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
        List<List<String>> commands = split(args);
        if (commands.isEmpty()) {
            throw new IllegalArgumentException("usage: RunService helper... " + NEXT + " service");
        }
        List<Process> helpers = new ArrayList<>();
        List<Process> started = new ArrayList<>();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> stopAll(started), "run-service-stop"));
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
