package it.segreteria.voicemail.it;

import static org.assertj.core.api.Assertions.assertThat;

import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.it.support.Service;
import it.segreteria.voicemail.it.support.Sipp;
import it.segreteria.voicemail.it.support.TestAudio;
import it.segreteria.voicemail.it.support.VoicemailService;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Calls in progress and RTP ports in use are published as metrics, count a call while it lasts and
 * return to zero when the calls end.
 */
@ExtendWith(VoicemailService.class)
class MetricsIT {

    /**
     * Payara's {@code /metrics} and {@code /openapi} answer the operator only (through
     * voicemail-management.war at the root context); readiness and liveness stay open.
     */
    @Test
    void metricsAndOpenApiAreTheOperatorsAndHealthIsEveryones(Service service) throws Exception {
        for (String path :
                java.util.List.of("/metrics", "/metrics?scope=application", "/openapi")) {
            assertThat(status(service, path, null)).as("%s anonymously", path).isEqualTo(401);
            assertThat(status(service, path, "Basic b3BlcmF0b3I6d3Jvbmc=")) // operator:wrong
                    .as("%s with a wrong password", path)
                    .isEqualTo(401);
            assertThat(status(service, path, "Basic !!!")).as("%s malformed", path).isEqualTo(401);
            assertThat(status(service, path, Service.operatorAuthorization()))
                    .as("%s as the operator", path)
                    .isEqualTo(200);
        }
        assertThat(status(service, "/health/ready", null)).isEqualTo(200);
        assertThat(status(service, "/health/live", null)).isEqualTo(200);
    }

    private static int status(Service service, String path, String authorization) throws Exception {
        var request =
                java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create(
                                        "http://127.0.0.1:" + service.process().httpPort() + path))
                        .timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return service.http()
                .send(request.build(), java.net.http.HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void callsAndPortsInUseReturnToZeroAfterTheCalls(Service service) throws Exception {
        TestAudio audio = TestAudio.warble(Codec.PCMU, 6);
        Sipp.Running caller =
                Sipp.start(
                        "deposit",
                        "+390255500100",
                        service.process().sipPort(),
                        java.util.Map.of(
                                "AUDIO", audio.write("metrics").toString(),
                                "PT", "0",
                                "TALK", "6000"),
                        java.util.Map.of(
                                "caller", "3337770000", "name", "Metrics", "pt", "0", "te", "96"),
                        3,
                        "metrics-%u@127.0.0.1");
        service.process()
                .await(
                        "the calls, their RTP ports and their spooled recordings to be counted",
                        () -> // a port opens after routing, a spool entry at the tone
                        service.gauge("voicemail_calls_active").orElse(0) >= 1
                                        && service.gauge("voicemail_calls_connected").orElse(0) >= 1
                                        && service.gauge("voicemail_rtp_ports_in_use").orElse(0)
                                                >= 1
                                        && service.gauge("voicemail_messages_spooled").orElse(0)
                                                >= 1,
                        Duration.ofSeconds(20));

        Sipp.Result calls = caller.await();
        assertThat(calls.succeeded()).as(calls.output()).isTrue();
        service.process()
                .await(
                        "no call, no port and no uncommitted recording left",
                        () ->
                                service.gauge("voicemail_calls_active").orElse(-1) == 0
                                        && service.gauge("voicemail_calls_connected").orElse(-1)
                                                == 0
                                        && service.gauge("voicemail_rtp_ports_in_use").orElse(-1)
                                                == 0
                                        && service.gauge("voicemail_messages_spooled").orElse(-1)
                                                == 0,
                        Duration.ofSeconds(20));
    }
}
