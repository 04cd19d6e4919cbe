package it.segreteria.voicemail.sip.control;

import it.segreteria.voicemail.call.control.Signalling;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The SIP side of one call: its INVITE transaction, its dialog once answered, and the SDP it
 * agreed. Carries out what the call session decides ({@link Signalling}) and nothing more; it is
 * attached to its dialog, so in-dialog requests find it without a table of calls.
 */
final class SipLeg implements Signalling {

    private static final Logger LOG = Logger.getLogger(SipLeg.class.getName());

    private final SipCallAgent agent;
    private final ServerTransaction invite;
    private final Sdp.Offer offer; // null: a late offer, answered in the ACK
    private final Optional<Duration> sessionExpires;
    private Dialog dialog;
    private long sdpVersion = 1;

    SipLeg(
            SipCallAgent agent,
            ServerTransaction invite,
            Sdp.Offer offer,
            Optional<Duration> sessionExpires) {
        this.agent = agent;
        this.invite = invite;
        this.offer = offer;
        this.sessionExpires = sessionExpires;
    }

    private String callId() {
        return ((javax.sip.header.CallIdHeader)
                        invite.getRequest().getHeader(javax.sip.header.CallIdHeader.NAME))
                .getCallId();
    }

    @Override
    public void answer(int localRtpPort) {
        try {
            Request request = invite.getRequest();
            dialog = agent.provider().getNewDialog(invite);
            dialog.setApplicationData(this);
            String sdp =
                    offer != null
                            ? Sdp.answer(offer, agent.localAddress(), localRtpPort, sdpVersion)
                            : Sdp.offer(agent.localAddress(), localRtpPort, sdpVersion);
            Response ok = agent.okWithSdp(request, sdp);
            ok.addHeader(agent.headers().createAllowHeader(SipCallAgent.ALLOWED));
            addSessionTimer(ok);
            invite.sendResponse(ok);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "call " + callId() + ": the answer could not be sent", e);
        }
    }

    /** Answers a re-INVITE with the same media port, following its offer (or making one). */
    void answerReOffer(ServerTransaction reInvite, Optional<Sdp.Offer> newOffer, int localRtpPort) {
        try {
            sdpVersion++;
            String sdp =
                    newOffer.isPresent()
                            ? Sdp.answer(
                                    newOffer.get(), agent.localAddress(), localRtpPort, sdpVersion)
                            : Sdp.offer(agent.localAddress(), localRtpPort, sdpVersion);
            Response ok = agent.okWithSdp(reInvite.getRequest(), sdp);
            addSessionTimer(ok);
            reInvite.sendResponse(ok);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "call " + callId() + ": the re-INVITE was not answered", e);
        }
    }

    /** RFC 4028: the caller refreshes the session; the call ends if it stops doing so. */
    private void addSessionTimer(Response ok) throws java.text.ParseException {
        if (sessionExpires.isPresent()) {
            ok.addHeader(
                    agent.headers()
                            .createHeader(
                                    "Session-Expires",
                                    sessionExpires.get().toSeconds() + ";refresher=uac"));
            ok.addHeader(agent.headers().createRequireHeader("timer"));
        }
    }

    @Override
    public void reject(int status) {
        agent.tryRespond(invite, status);
    }

    @Override
    public void hangUp() {
        if (dialog == null) {
            return;
        }
        try {
            Request bye = dialog.createRequest(Request.BYE);
            ClientTransaction transaction = agent.provider().getNewClientTransaction(bye);
            dialog.sendRequest(transaction);
        } catch (Exception e) {
            LOG.log(Level.FINE, "call " + callId() + ": BYE not sent", e);
        }
    }
}
