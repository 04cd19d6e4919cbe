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
                                        && service.gauge("voicemail_rtp_ports_in_use").orElse(-1)
                                                == 0
                                        && service.gauge("voicemail_messages_spooled").orElse(-1)
                                                == 0,
                        Duration.ofSeconds(20));
    }
}
