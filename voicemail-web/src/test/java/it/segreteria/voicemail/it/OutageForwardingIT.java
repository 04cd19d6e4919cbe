package it.segreteria.voicemail.it;

import static it.segreteria.voicemail.it.support.Service.json;
import static org.assertj.core.api.Assertions.assertThat;

import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.it.support.FreePorts;
import it.segreteria.voicemail.it.support.KeyingCaller;
import it.segreteria.voicemail.it.support.ListeningCaller;
import it.segreteria.voicemail.it.support.Service;
import it.segreteria.voicemail.it.support.Sipp;
import it.segreteria.voicemail.it.support.TestAudio;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * During an outage, a call for Mario (acme 100, whose outage plan rings his own mobile through
 * acme's trunk) rings the mobile first: played by sipp behind the "trunk". A mobile that answers
 * and presses 1 is bridged with the caller (the caller hears what the mobile says); a busy mobile
 * sends the caller on to Mario's mailbox, where the message is stored.
 */
class OutageForwardingIT {

    private static final String ACME_100 = "+390255500100";
    private static final String MARIO_MOBILE = "+393337654321";
    private static Service service;
    private static int trunkPort;
    private static Path work;

    @BeforeAll
    static void start() throws Exception {
        work = Path.of(System.getProperty("it.work.dir", "target/it")).resolve("forwarding");
        Files.createDirectories(work);
        trunkPort = FreePorts.tcpAndUdp();
        service = Service.startPrivate("forwarding");
        String fixture = Service.fixture();
        String marioBefore =
                "        keyStaff: true\n"
                        + "        mailbox: {number: \"100\", pin: \"4826\", directNumbers: [\"+39 02"
                        + " 5550 0100\"]}";
        assertThat(fixture).contains(marioBefore);
        Files.writeString(
                service.provisioningFile(),
                fixture.replace(
                                "    skipMailboxQuestion: true",
                                "    skipMailboxQuestion: true\n    trunk: sip:127.0.0.1:"
                                        + trunkPort)
                        .replace(
                                marioBefore,
                                marioBefore.replace(
                                        "keyStaff: true",
                                        "keyStaff: true\n"
                                                + "        phones: [\"+39 333 765 4321\"]\n"
                                                + "        outage: {ring: [mrossi]}")));
        var applied = service.post("api/provisioning");
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        var on =
                service.send(
                        service.request("api/tenants/acme/continuity")
                                .header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString("{\"mode\": \"ON\"}"))
                                .build());
        assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void theMobileThatPressesOneIsBridgedWithTheCaller() throws Exception {
        TestAudio voice = TestAudio.warble(Codec.PCMU, 4.0, 700);
        Process mobile = mobile("mobile-accepts", voice.write("mobile-voice"));
        short[] heard;
        try (KeyingCaller caller =
                KeyingCaller.dial(service.process().sipPort(), ACME_100, "3334445555")) {
            heard = caller.listen(Duration.ofSeconds(9));
        }
        assertThat(mobile.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(work.resolve("mobile-accepts.log"));
        assertThat(mobile.exitValue())
                .as("the mobile rang, took the call and got the BYE: %s", log)
                .isZero();
        assertThat(log)
                .as("Mario's mobile rung, the caller's number shown")
                .contains("to " + MARIO_MOBILE + " from")
                .contains("3334445555");
        short[] said = voice.expectedPcm(voice.samples());
        short[] snippet = Arrays.copyOfRange(said, 8000, 8800); // a tenth of a second, 1 s in
        assertThat(ListeningCaller.indexOf(heard, snippet))
                .as("the caller hears the mobile")
                .isNotNegative();
        service.process()
                .await(
                        "the call in acme's audit trail",
                        () ->
                                json(service.get(
                                                "api/tenants/acme/audit?action=CALL_ENDED_WITHOUT_MESSAGE"))
                                        .toString()
                                        .contains("answered by phone 1 of the outage plan"),
                        Duration.ofSeconds(20));
    }

    @Test
    void aBusyMobileSendsTheCallerToTheMailbox() throws Exception {
        Process mobile = mobile("mobile-busy", null);
        TestAudio message = TestAudio.warble(Codec.PCMU, 3.0);
        Sipp.Result call =
                Sipp.call(
                        "deposit",
                        ACME_100,
                        service.process().sipPort(),
                        Map.of(
                                "AUDIO", message.write("after-busy").toString(),
                                "PT", "0",
                                "TALK", "3000"),
                        Map.of("caller", "3336667777", "name", "Busy Test", "pt", "0", "te", "96"));
        assertThat(call.succeeded()).as(call.output()).isTrue();
        assertThat(mobile.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(mobile.exitValue()).as("the mobile was rung").isZero();
        DepositIT.awaitMessage(service, "acme", call.callId());
    }

    /** sipp as Mario's mobile behind acme's trunk: one call, then it exits. */
    private static Process mobile(String scenario, Path audio) throws IOException {
        return Sipp.serve(
                scenario,
                trunkPort,
                work,
                audio == null ? Map.of() : Map.of("AUDIO", audio.toString()),
                1);
    }
}
