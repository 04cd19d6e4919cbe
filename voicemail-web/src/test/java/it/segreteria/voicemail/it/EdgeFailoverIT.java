package it.segreteria.voicemail.it;

import static it.segreteria.voicemail.it.support.Service.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.it.support.FreePorts;
import it.segreteria.voicemail.it.support.Service;
import it.segreteria.voicemail.it.support.SipProbe;
import it.segreteria.voicemail.it.support.Sipp;
import it.segreteria.voicemail.it.support.TestAudio;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The edge proxy of {@code failover-config/kamailio} (Debian's Kamailio, the repository's
 * configuration unchanged) in front of acme's office PBX (a sipp) and the built WAR: callers dial
 * the proxy only. PBX up: calls reach the PBX. PBX killed: the next calls reach voicemail without a
 * failed setup, and the first of them puts acme into an outage at once (the proxy marks it failed
 * over; the service's own PBX monitor is set too slow to be the one that notices). PBX back: calls
 * reach it again and the outage ends by itself.
 */
class EdgeFailoverIT {

    private static final String ACME_100 = "+390255500100";
    private static Service service;
    private static int pbxPort;
    private static int proxyPort;
    private static int trunkPort;
    private static Process pbx;
    private static Process proxy;
    private static Path work;

    @BeforeAll
    static void start() throws Exception {
        work = Path.of(System.getProperty("it.work.dir", "target/it")).resolve("edge-failover");
        Files.createDirectories(work.resolve("run"));
        pbxPort = FreePorts.tcpAndUdp();
        service =
                Service.startPrivate(
                        "edge-failover",
                        Map.of(
                                "voicemail.sip.trusted-sources", "127.0.0.1",
                                "voicemail.continuity.probe-interval-seconds", "1",
                                "voicemail.continuity.probe-timeout-millis", "500",
                                // the monitor alone would take 30 s: an outage within seconds
                                // can only come from the failed-over call
                                "voicemail.continuity.failures-to-declare", "30",
                                "voicemail.continuity.successes-to-recover", "2",
                                "voicemail.continuity.hold-down-seconds", "2"));
        trunkPort = FreePorts.tcpAndUdp();
        String mario = "        keyStaff: true\n        mailbox: {number: \"100\"";
        assertThat(Service.fixture()).contains(mario);
        Files.writeString(
                service.provisioningFile(),
                Service.fixture()
                        .replace(
                                "    skipMailboxQuestion: true",
                                "    skipMailboxQuestion: true\n    pbx: sip:127.0.0.1:"
                                        + pbxPort
                                        + "\n    trunk: sip:127.0.0.1:"
                                        + trunkPort)
                        // during an outage Mario's calls ring his mobile first
                        .replace(
                                mario,
                                mario.replace(
                                        "keyStaff: true",
                                        "keyStaff: true\n"
                                                + "        phones: [\"+39 333 765 4321\"]\n"
                                                + "        outage: {ring: [mrossi]}")));
        assertThat(service.post("api/provisioning").statusCode()).isEqualTo(200);
        startPbx();
        startProxy();
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process process : new Process[] {proxy, pbx}) {
            if (process != null) {
                process.destroy(); // Kamailio's main process stops its children on SIGTERM
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void callsFollowThePbxThroughItsOutageAndBack() throws Exception {
        Sipp.Result first = call("edge-1", pbxPort);
        assertThat(first.succeeded())
                .as("PBX up: the call reaches the PBX\n" + first.output())
                .isTrue();
        assertThat(pbxCalls()).contains(first.callId());
        assertThat(status().path("outage").asBoolean()).isFalse();

        // Mario's mobile behind acme's trunk: busy, so the calls go on to his mailbox
        Process mobile = Sipp.serve("mobile-busy", trunkPort, work, Map.of(), 2);
        pbx.destroyForcibly().waitFor();
        long killed = System.nanoTime();
        Sipp.Result failedOver = call("edge-2", service.process().sipPort());
        long setup = (System.nanoTime() - killed) / 1_000_000;
        assertThat(failedOver.succeeded())
                .as("PBX dead: the call reaches voicemail, not a failure\n" + failedOver.output())
                .isTrue();
        DepositIT.awaitMessage(service, "acme", failedOver.callId());
        JsonNode down = status();
        assertThat(down.path("outage").asBoolean())
                .as("the failed-over call put acme into an outage at once: %s", down)
                .isTrue();
        assertThat(down.path("reason").asText())
                .contains(failedOver.callId())
                .contains("failed over");
        assertThat(actions("PBX_DOWN")).contains("sip:127.0.0.1");
        System.out.printf(
                "continuity: PBX killed -> the next call, through the proxy, taken by voicemail and"
                        + " ended %d ms later (the proxy waits 2 s for the PBX, the caller talks 3.3 s);"
                        + " outage declared by that call%n",
                setup);

        Sipp.Result next = call("edge-3", service.process().sipPort());
        assertThat(next.succeeded()).as(next.output()).isTrue();
        DepositIT.awaitMessage(service, "acme", next.callId());
        assertThat(mobile.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(mobile.exitValue())
                .as(
                        "both calls rang Mario's mobile first: %s",
                        Files.readString(work.resolve("mobile-busy.log")))
                .isZero();

        startPbx();
        long back = System.nanoTime();
        service.process()
                .await(
                        "the outage ended by itself",
                        () -> !status().path("outage").asBoolean(),
                        Duration.ofSeconds(30));
        service.process()
                .await(
                        "the proxy sending calls to the PBX again",
                        () -> {
                            Sipp.Result probe = call("edge-4", pbxPort);
                            return probe.succeeded() && pbxCalls().contains(probe.callId());
                        },
                        Duration.ofSeconds(30));
        System.out.printf(
                "continuity: PBX back -> outage over and calls at the PBX within %d ms%n",
                (System.nanoTime() - back) / 1_000_000);
        assertThat(actions("OUTAGE_ENDED")).contains("pbx-monitor");
        assertThat(status("globex").path("outage").asBoolean()).isFalse();
    }

    /**
     * A caller (sipp, the deposit scenario) dialling acme's 100 through the proxy; the call must be
     * answered from {@code answeringPort} (its Contact).
     */
    private static Sipp.Result call(String name, int answeringPort) {
        Path audio = TestAudio.warble(Codec.PCMU, 2.0).write(name);
        return Sipp.call(
                "deposit",
                ACME_100,
                proxyPort,
                Map.of(
                        "AUDIO",
                        audio.toString(),
                        "PT",
                        "0",
                        "TALK",
                        "2000",
                        "CONTACT",
                        "sip:([^>@]*@)?127\\.0\\.0\\.1:" + answeringPort + "[;>]"),
                Map.of("caller", "3331239876", "name", "Edge Caller", "pt", "0", "te", "96"));
    }

    private static JsonNode status() {
        return status("acme");
    }

    private static JsonNode status(String tenant) {
        return json(service.get("api/tenants/" + tenant + "/continuity"));
    }

    /** The actors of acme's audit rows of this action. */
    private static List<String> actions(String action) {
        List<String> actors = new java.util.ArrayList<>();
        json(service.get("api/tenants/acme/audit?action=" + action))
                .forEach(event -> actors.add(event.path("actor").asText()));
        return actors;
    }

    private static String pbxCalls() {
        try {
            Path log = work.resolve("pbx.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void startPbx() throws IOException {
        pbx = Sipp.serve("pbx", pbxPort, work, Map.of(), 0);
    }

    /**
     * Kamailio with the repository's configuration and tenants file; the dispatcher list names this
     * test's PBX and service ports.
     */
    private static void startProxy() throws Exception {
        Path config = Path.of("..", "failover-config", "kamailio");
        Files.copy(
                config.resolve("kamailio.cfg"),
                work.resolve("kamailio.cfg"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(
                config.resolve("tenants.cfg"),
                work.resolve("tenants.cfg"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(
                work.resolve("dispatcher.list"),
                "1 sip:127.0.0.1:"
                        + pbxPort
                        + " 0 10 name=acme-pbx\n"
                        + "100 sip:127.0.0.1:"
                        + service.process().sipPort()
                        + " 0 10 name=voicemail\n");
        proxyPort = FreePorts.tcpAndUdp();
        proxy =
                new ProcessBuilder(
                                "kamailio",
                                "-DD",
                                "-E",
                                "-f",
                                work.resolve("kamailio.cfg").toAbsolutePath().toString(),
                                "-l",
                                "udp:127.0.0.1:" + proxyPort,
                                "-Y",
                                work.resolve("run").toAbsolutePath().toString(),
                                "-w",
                                work.toAbsolutePath().toString(),
                                "-A",
                                "PROBE_INTERVAL=1")
                        .directory(work.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(work.resolve("kamailio.out").toFile())
                        .start();
        SipProbe probe = new SipProbe(proxyPort);
        service.process()
                .await(
                        "Kamailio answering",
                        () -> {
                            try {
                                SipProbe.Response answer = probe.udp("OPTIONS");
                                return answer != null && answer.status() > 0;
                            } catch (IOException notYet) {
                                return false;
                            }
                        },
                        Duration.ofSeconds(20));
    }
}
