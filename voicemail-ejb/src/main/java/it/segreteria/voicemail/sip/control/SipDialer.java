package it.segreteria.voicemail.sip.control;

import it.segreteria.voicemail.call.control.Dialer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ListeningPoint;
import javax.sip.ResponseEvent;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Outbound INVITEs for the call sessions ({@link Dialer}): one client transaction per leg, its
 * dialog once answered; responses, time-outs, the far end's BYE and INFO keys are routed here by
 * {@link SipCallAgent} through the leg's Call-ID. Translates, decides nothing: how long to ring and
 * what to do with the answer is the call session's.
 */
public final class SipDialer implements Dialer {

    private static final Logger LOG = Logger.getLogger(SipDialer.class.getName());

    private final SipProvider provider;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final String address;
    private final Map<String, Leg> legs = new ConcurrentHashMap<>();

    public SipDialer(
            SipProvider provider,
            MessageFactory messages,
            HeaderFactory headers,
            AddressFactory addresses,
            String address) {
        this.provider = provider;
        this.messages = messages;
        this.headers = headers;
        this.addresses = addresses;
        this.address = address;
    }

    /** One outbound leg. */
    private final class Leg implements Outbound {
        private final String callId;
        private final Events events;
        private int rtpPort;
        private long sdpVersion = 1;
        private ClientTransaction invite;
        private Dialog dialog;
        private boolean ringing;
        private boolean answered;
        private boolean ended;

        Leg(String callId, Events events) {
            this.callId = callId;
            this.events = events;
        }

        @Override
        public synchronized void end() {
            if (ended) {
                return;
            }
            ended = true;
            try {
                if (answered && dialog != null) {
                    Request bye = dialog.createRequest(Request.BYE);
                    dialog.sendRequest(provider.getNewClientTransaction(bye));
                    legs.remove(callId);
                } else if (invite != null) {
                    Request cancel = invite.createCancel();
                    provider.getNewClientTransaction(cancel).sendRequest();
                    // a 200 racing the CANCEL is ACKed and hung up in response()
                }
            } catch (Exception e) {
                // e.g. no provisional answer yet to CANCEL: the leg stays known, so that an answer
                // that still comes is ACKed and hung up, and the INVITE's own time-out forgets it
                LOG.log(Level.FINE, "outbound " + callId + ": not ended cleanly", e);
                if (answered) {
                    legs.remove(callId);
                }
            }
        }
    }

    @Override
    public Outbound dial(Call call, Events events) {
        String callId = provider.getNewCallId().getCallId();
        Leg leg = new Leg(callId, events);
        try {
            leg.rtpPort = call.localRtpPort();
            Request request = invite(call, callId);
            leg.invite = provider.getNewClientTransaction(request);
            leg.dialog = provider.getNewDialog(leg.invite); // no automatic dialogs in our stack
            legs.put(callId, leg);
            leg.invite.sendRequest();
        } catch (Exception e) {
            LOG.log(
                    Level.INFO,
                    "call " + call.callId() + ": INVITE to " + call.trunk() + " not sent",
                    e);
            legs.remove(callId);
            events.failed(Response.SERVICE_UNAVAILABLE);
        }
        return leg;
    }

    private Request invite(Call call, String callId) throws Exception {
        javax.sip.address.URI trunkUri = addresses.createURI(call.trunk());
        if (!(trunkUri instanceof SipURI trunk)) {
            throw new IllegalArgumentException("not a SIP URI: " + call.trunk());
        }
        SipURI target = addresses.createSipURI(call.number(), trunk.getHost());
        if (trunk.getPort() > 0) {
            target.setPort(trunk.getPort());
        }
        String transport =
                trunk.getTransportParam() == null ? ListeningPoint.UDP : trunk.getTransportParam();
        if (trunk.getTransportParam() != null) {
            target.setTransportParam(transport);
        }
        ListeningPoint point = provider.getListeningPoint(transport.toLowerCase());
        if (point == null) {
            throw new IllegalArgumentException("no " + transport + " listening point");
        }
        ViaHeader via = headers.createViaHeader(address, point.getPort(), transport, null);
        String caller = call.callerNumber() == null ? "anonymous" : call.callerNumber();
        SipURI fromUri = addresses.createSipURI(caller, address);
        Address from = addresses.createAddress(fromUri);
        if (call.callerName() != null) {
            from.setDisplayName(call.callerName());
        }
        SipURI contactUri = addresses.createSipURI("voicemail", address);
        contactUri.setPort(point.getPort());
        Request request =
                messages.createRequest(
                        target,
                        Request.INVITE,
                        headers.createCallIdHeader(callId),
                        headers.createCSeqHeader(1L, Request.INVITE),
                        headers.createFromHeader(from, Tags.next()),
                        headers.createToHeader(addresses.createAddress(target), null),
                        List.of(via),
                        headers.createMaxForwardsHeader(70));
        request.addHeader(headers.createContactHeader(addresses.createAddress(contactUri)));
        request.setContent(
                Sdp.offer(address, call.localRtpPort(), 1).getBytes(StandardCharsets.US_ASCII),
                headers.createContentTypeHeader("application", "sdp"));
        return request;
    }

    /** A response; whether it was for one of our legs. */
    boolean response(ResponseEvent event) {
        Response response = event.getResponse();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        Leg leg = legs.get(callId(response));
        if (leg == null || cseq == null || !Request.INVITE.equals(cseq.getMethod())) {
            return leg != null; // answers to our BYE or CANCEL: nothing to do
        }
        int status = response.getStatusCode();
        synchronized (leg) {
            if (status < 200) {
                if (status > 100 && !leg.ringing && !leg.ended) {
                    leg.ringing = true;
                    leg.events.ringing();
                }
                return true;
            }
            if (status >= 300) {
                legs.remove(leg.callId);
                if (!leg.ended) {
                    leg.ended = true;
                    leg.events.failed(status);
                }
                return true;
            }
            try {
                Dialog dialog = event.getDialog() != null ? event.getDialog() : leg.dialog;
                dialog.sendAck(dialog.createAck(cseq.getSeqNumber()));
                leg.dialog = dialog;
                if (leg.answered) {
                    return true; // a retransmitted 200: ACKed again
                }
                leg.answered = true;
                if (leg.ended) { // answered as we cancelled: hang up at once
                    dialog.sendRequest(
                            provider.getNewClientTransaction(dialog.createRequest(Request.BYE)));
                    legs.remove(leg.callId);
                    return true;
                }
                byte[] body = response.getRawContent();
                var media =
                        body == null
                                ? java.util.Optional.<Sdp.Offer>empty()
                                : Sdp.negotiate(new String(body, StandardCharsets.UTF_8));
                if (media.isEmpty()) {
                    leg.ended = true;
                    dialog.sendRequest(
                            provider.getNewClientTransaction(dialog.createRequest(Request.BYE)));
                    legs.remove(leg.callId);
                    leg.events.failed(Response.NOT_ACCEPTABLE_HERE);
                    return true;
                }
                leg.events.answered(media.get().audio());
            } catch (Exception e) {
                LOG.log(Level.INFO, "outbound " + leg.callId + ": answer not ACKed", e);
                legs.remove(leg.callId);
                leg.ended = true;
                leg.events.failed(Response.SERVER_INTERNAL_ERROR);
            }
            return true;
        }
    }

    /** The stack gave up on a transaction; whether it was one of our legs' INVITE. */
    boolean timeout(TimeoutEvent event) {
        ClientTransaction transaction = event.getClientTransaction();
        if (transaction == null) {
            return false;
        }
        Leg leg = legs.get(callId(transaction.getRequest()));
        if (leg == null) {
            return false;
        }
        synchronized (leg) {
            if (leg.invite == transaction && !leg.answered) {
                legs.remove(leg.callId);
                if (!leg.ended) {
                    leg.ended = true;
                    leg.events.failed(Response.REQUEST_TIMEOUT);
                }
            }
        }
        return true;
    }

    /** The far end of one of our legs hung up; whether it was one. */
    boolean hungUp(String callId) {
        Leg leg = legs.remove(callId);
        if (leg == null) {
            return false;
        }
        synchronized (leg) {
            if (!leg.ended) {
                leg.ended = true;
                leg.events.hungUp();
            }
        }
        return true;
    }

    /** A key pressed on one of our legs (SIP INFO); whether it was one. */
    boolean digit(String callId, char key) {
        Leg leg = legs.get(callId);
        if (leg == null) {
            return false;
        }
        if (key != 0) {
            leg.events.digit(key);
        }
        return true;
    }

    /** Whether {@code callId} is one of our legs. */
    boolean knows(String callId) {
        return legs.containsKey(callId);
    }

    /**
     * The SDP to answer a re-INVITE on one of our legs with (a session refresh, hold): the same
     * media port, following the new offer's codec if it makes one; empty if it is no leg of ours.
     * The leg's media keeps going where it went (its new address is not followed).
     */
    Optional<String> reOffer(String callId, Optional<Sdp.Offer> offer) {
        Leg leg = legs.get(callId);
        if (leg == null) {
            return Optional.empty();
        }
        synchronized (leg) {
            leg.sdpVersion++;
            return Optional.of(
                    offer.isPresent()
                            ? Sdp.answer(offer.get(), address, leg.rtpPort, leg.sdpVersion)
                            : Sdp.offer(address, leg.rtpPort, leg.sdpVersion));
        }
    }

    /** Outbound legs in progress. */
    public int active() {
        return legs.size();
    }

    private static String callId(javax.sip.message.Message message) {
        CallIdHeader id = (CallIdHeader) message.getHeader(CallIdHeader.NAME);
        return id == null ? "" : id.getCallId();
    }
}
