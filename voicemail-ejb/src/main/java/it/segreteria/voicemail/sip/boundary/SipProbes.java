package it.segreteria.voicemail.sip.boundary;

import it.segreteria.voicemail.continuity.control.PbxProbe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The PBX monitor's probes, sent by the service's own SIP stack (OPTIONS from the service's
 * address). Before the endpoint listens, or while it stops, a probe is {@link
 * PbxProbe.Answer#NOT_SENT}: that says nothing about the PBX.
 */
@ApplicationScoped
public class SipProbes implements PbxProbe {

    @Inject SipEndpoint sip;

    @Override
    public void probe(String sipUri, Duration timeout, Consumer<Answer> answer) {
        if (!SipEndpoint.started()) { // never the call that creates the singleton
            answer.accept(Answer.NOT_SENT);
            return;
        }
        sip.prober()
                .ifPresentOrElse(
                        prober -> prober.probe(sipUri, timeout, answer),
                        () -> answer.accept(Answer.NOT_SENT));
    }
}
