package it.segreteria.voicemail.it;

import static it.segreteria.voicemail.it.support.Service.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.audio.Wav;
import it.segreteria.voicemail.it.support.Service;
import it.segreteria.voicemail.it.support.ServiceProcess;
import it.segreteria.voicemail.it.support.Sipp;
import it.segreteria.voicemail.it.support.TestAudio;
import it.segreteria.voicemail.it.support.VoicemailService;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Callers leave messages with sipp as the phone: the message is stored once, with the caller's
 * number and name, the right duration, and exactly the audio that was sent.
 */
@ExtendWith(VoicemailService.class)
class DepositIT {

    private static final String ACME_100 = "+390255500100";
    private static final String GLOBEX_100 = "+442079460100";

    @ParameterizedTest
    @EnumSource(Codec.class)
    void aFiveSecondMessageIsStoredWithEverythingNeededToCallBack(Codec codec, Service service)
            throws Exception {
        TestAudio audio = TestAudio.warble(codec, 5.0);

        Sipp.Result call = deposit(service, ACME_100, "3331234567", codec, audio, 5200);

        assertThat(call.succeeded()).as(call.output()).isTrue();
        JsonNode message = awaitMessage(service, "acme", call.callId());
        assertThat(message.path("callerNumber").asText()).isEqualTo("3331234567");
        assertThat(message.path("callerName").asText()).isEqualTo("Test Caller");
        assertThat(message.path("calledNumber").asText()).isEqualTo(ACME_100);
        assertThat(message.path("mailbox").asText()).isEqualTo("100");
        assertThat(message.path("durationMillis").asLong()).isBetween(4900L, 5100L);
        assertThat(Instant.parse(message.path("receivedAt").asText()))
                .isBetween(Instant.now().minusSeconds(60), Instant.now());
        short[] stored = storedAudio(service, "acme", message);
        assertThat(stored.length).isBetween(audio.samples() - 800, audio.samples() + 800);
        assertThat(stored).isEqualTo(audio.expectedPcm(stored.length));
    }

    @Test
    void aMessageLeftOverTcpIsStoredAndOurContactSaysTcp(Service service) throws Exception {
        TestAudio audio = TestAudio.warble(Codec.PCMU, 3.0);

        Sipp.Result call =
                Sipp.callOverTcp(
                        "deposit",
                        ACME_100,
                        service.process().sipPort(),
                        Map.of(
                                "AUDIO", audio.write("deposit-tcp").toString(),
                                "PT", "0",
                                "TALK", "3200",
                                "CONTACT", ";transport=tcp"),
                        Map.of(
                                "caller",
                                "3335550123",
                                "name",
                                "Tcp Caller",
                                "pt",
                                "0",
                                "te",
                                "96"));

        assertThat(call.succeeded()).as(call.output()).isTrue();
        JsonNode message = awaitMessage(service, "acme", call.callId());
        short[] stored = storedAudio(service, "acme", message);
        assertThat(stored.length).isBetween(audio.samples() - 800, audio.samples() + 800);
        assertThat(stored).isEqualTo(audio.expectedPcm(stored.length));
    }

    @Test
    void theCalledNumberDecidesTheTenant(Service service) throws Exception {
        TestAudio audio = TestAudio.warble(Codec.PCMU, 3.0);

        Sipp.Result call = deposit(service, GLOBEX_100, "442071234567", Codec.PCMU, audio, 3200);

        assertThat(call.succeeded()).as(call.output()).isTrue();
        assertThat(awaitMessage(service, "globex", call.callId()).path("mailbox").asText())
                .isEqualTo("100");
        assertThat(findMessage(service, "acme", call.callId())).isEmpty();
    }

    @Test
    void aCallerWhoHangsUpMidSentenceLeavesEverythingTheySaid(Service service) throws Exception {
        TestAudio audio = TestAudio.warble(Codec.PCMA, 6.0);

        // BYE goes out while the audio is still streaming
        Sipp.Result call = deposit(service, ACME_100, "3339999999", Codec.PCMA, audio, 3000);

        assertThat(call.succeeded()).as(call.output()).isTrue();
        JsonNode message = awaitMessage(service, "acme", call.callId());
        short[] stored = storedAudio(service, "acme", message);
        assertThat(stored.length).as("about three seconds").isBetween(2 * 8000, 4 * 8000);
        assertThat(stored)
                .as("every sample up to the hang-up")
                .isEqualTo(audio.expectedPcm(stored.length));
    }

    @Test
    void hashByRfc4733OnItsOwnPayloadTypeEndsTheMessage(Service service) throws Exception {
        TestAudio audio = TestAudio.warble(Codec.PCMU, 6.0);

        Sipp.Result call =
                Sipp.call(
                        "deposit-ended-by-service",
                        ACME_100,
                        service.process().sipPort(),
                        Map.of(
                                "AUDIO", audio.write("hash").toString(),
                                "PT", "0",
                                "TALK", "2500",
                                "DTMF", "<nop><action><exec play_dtmf=\"#,200\"/></action></nop>"),
                        Map.of(
                                "caller",
                                "3330000001",
                                "name",
                                "Test Caller",
                                "pt",
                                "0",
                                "te",
                                "96"));

        assertThat(call.succeeded()).as(call.output()).isTrue();
        JsonNode message = awaitMessage(service, "acme", call.callId());
        assertThat(message.path("durationMillis").asLong()).isBetween(2000L, 3500L);
    }

    @Test
    void theMaximumLengthEndsTheMessage(Service service) throws Exception {
        TestAudio audio = TestAudio.warble(Codec.PCMU, Service.MAX_MESSAGE_SECONDS + 4);

        // still talking when the maximum is reached; the BYE comes after "saved, goodbye"
        Sipp.Result call = endedByService(service, audio, (Service.MAX_MESSAGE_SECONDS + 1) * 1000);

        assertThat(call.succeeded()).as(call.output()).isTrue();
        JsonNode message = awaitMessage(service, "acme", call.callId());
        assertThat(message.path("durationMillis").asLong())
                .isEqualTo(Service.MAX_MESSAGE_SECONDS * 1000L);
    }

    @Test
    void silenceEndsTheMessageAndIsNotKept(Service service) throws Exception {
        TestAudio audio = TestAudio.warble(Codec.PCMU, 2.0); // then nothing

        Sipp.Result call = endedByService(service, audio, 2000);

        assertThat(call.succeeded()).as(call.output()).isTrue();
        JsonNode message = awaitMessage(service, "acme", call.callId());
        assertThat(message.path("durationMillis").asLong()).isBetween(1900L, 2900L);
    }

    @Test
    void hangingUpDuringTheGreetingStoresNothingAndIsAudited(Service service) throws Exception {
        Sipp.Result call =
                Sipp.call(
                        "greeting-hangup",
                        ACME_100,
                        service.process().sipPort(),
                        Map.of("TALK", "1500"),
                        Map.of(
                                "caller",
                                "3330000002",
                                "name",
                                "Test Caller",
                                "pt",
                                "8",
                                "te",
                                "101"));

        assertThat(call.succeeded()).as(call.output()).isTrue();
        service.process().await("the audit of the call", () -> audited(service, call.callId()));
        assertThat(findMessage(service, "acme", call.callId())).isEmpty();
    }

    @Test
    void aCallForwardedByThePbxToTheTenantNumberReachesTheExtensionsMailbox(Service service) {
        TestAudio audio = TestAudio.warble(Codec.PCMU, 2.5);

        Sipp.Result call =
                Sipp.call(
                        "deposit-forwarded",
                        "+390255500000",
                        service.process().sipPort(),
                        Map.of(
                                "AUDIO",
                                audio.write("forwarded").toString(),
                                "PT",
                                "0",
                                "TALK",
                                "2700"),
                        Map.of(
                                "caller",
                                "3330000005",
                                "name",
                                "Forwarded",
                                "pt",
                                "0",
                                "te",
                                "101",
                                "extension",
                                "101"));

        assertThat(call.succeeded()).as(call.output()).isTrue();
        JsonNode message = awaitMessage(service, "acme", call.callId());
        assertThat(message.path("mailbox").asText()).isEqualTo("101");
        assertThat(message.path("calledNumber").asText()).isEqualTo("+390255500000");
        assertThat(message.path("originalCalledNumber").asText()).isEqualTo("101");
    }

    @Test
    void anUnknownNumberGets404(Service service) {
        Sipp.Result call =
                Sipp.call(
                        "unknown-number",
                        "+390299999999",
                        service.process().sipPort(),
                        Map.of(),
                        Map.of("caller", "3330000003"));

        assertThat(call.succeeded()).as(call.output()).isTrue();
    }

    static Sipp.Result deposit(
            Service service,
            String number,
            String caller,
            Codec codec,
            TestAudio audio,
            int talkMillis) {
        return deposit(service.process(), number, caller, codec, audio, talkMillis);
    }

    static Sipp.Result deposit(
            ServiceProcess service,
            String number,
            String caller,
            Codec codec,
            TestAudio audio,
            int talkMillis) {
        return deposit(service, number, caller, "Test Caller", codec, audio, talkMillis);
    }

    static Sipp.Result deposit(
            ServiceProcess service,
            String number,
            String caller,
            String name,
            Codec codec,
            TestAudio audio,
            int talkMillis) {
        String pt = Integer.toString(codec.payloadType());
        return Sipp.call(
                "deposit",
                number,
                service.sipPort(),
                Map.of(
                        "AUDIO",
                        audio.write("deposit-" + caller).toString(),
                        "PT",
                        pt,
                        "TALK",
                        Integer.toString(talkMillis)),
                Map.of("caller", caller, "name", name, "pt", pt, "te", "96"));
    }

    private static Sipp.Result endedByService(Service service, TestAudio audio, int talkMillis) {
        return Sipp.call(
                "deposit-ended-by-service",
                ACME_100,
                service.process().sipPort(),
                Map.of(
                        "AUDIO",
                        audio.write("ended-" + talkMillis).toString(),
                        "PT",
                        "0",
                        "TALK",
                        Integer.toString(talkMillis),
                        "DTMF",
                        ""),
                Map.of("caller", "3330000004", "name", "Test Caller", "pt", "0", "te", "101"));
    }

    static JsonNode awaitMessage(Service service, String tenant, String callId) {
        JsonNode[] found = new JsonNode[1];
        service.process()
                .await(
                        "the message of call " + callId,
                        () -> {
                            Optional<JsonNode> message = findMessage(service, tenant, callId);
                            message.ifPresent(m -> found[0] = m);
                            return message.isPresent();
                        },
                        Duration.ofSeconds(30));
        return found[0];
    }

    static Optional<JsonNode> findMessage(Service service, String tenant, String callId) {
        for (JsonNode mailbox : json(service.get("api/tenants/" + tenant + "/mailboxes"))) {
            for (JsonNode message :
                    json(
                            service.get(
                                    "api/tenants/"
                                            + tenant
                                            + "/mailboxes/"
                                            + mailbox.path("id").asLong()
                                            + "/messages"))) {
                if (message.path("sipCallId").asText().equals(callId)) {
                    return Optional.of(message);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean audited(Service service, String callId) {
        for (JsonNode event :
                json(
                        service.get(
                                "api/tenants/acme/audit?limit=200&action=CALL_ENDED_WITHOUT_MESSAGE"))) {
            if (event.path("action").asText().equals("CALL_ENDED_WITHOUT_MESSAGE")
                    && event.path("details").asText().contains(callId)) {
                return true;
            }
        }
        return false;
    }

    private static short[] storedAudio(Service service, String tenant, JsonNode message)
            throws Exception {
        HttpResponse<byte[]> response =
                service.http()
                        .send(
                                service.request(
                                                "api/tenants/"
                                                        + tenant
                                                        + "/messages/"
                                                        + message.path("id").asLong()
                                                        + "/audio")
                                        .timeout(Duration.ofSeconds(30))
                                        .build(),
                                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return Wav.read(new ByteArrayInputStream(response.body()));
    }
}
