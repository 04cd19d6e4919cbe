package it.segreteria.voicemail.sip.control;

import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.call.control.CallRouting;
import it.segreteria.voicemail.call.control.DepositSettings;
import it.segreteria.voicemail.call.control.Deposits;
import it.segreteria.voicemail.call.control.Deposits.CallRecord;
import it.segreteria.voicemail.call.control.Destination;
import it.segreteria.voicemail.call.control.PromptLibrary;
import it.segreteria.voicemail.call.control.SerialExecutor;
import it.segreteria.voicemail.call.entity.CallEvent;
import it.segreteria.voicemail.call.entity.CallState;
import it.segreteria.voicemail.media.control.MediaEngine;
import it.segreteria.voicemail.media.control.MediaEngine.NoMediaPortException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ServerHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The SIP user agent server of the voicemail: finds the owner of every request and turns SIP into
 * call events. Out of dialog: OPTIONS → 200; INVITE → 100 at once, then routing, SDP negotiation
 * and the answer on the call's own executor (404 for an unknown number, 488 without a common codec,
 * 503 when out of media ports); methods we do not serve → 405, unknown ones → 501. In a dialog:
 * ACK, BYE, CANCEL, INFO (DTMF), re-INVITE. Business decisions are the call state machine's; this
 * class only translates. Every callback is guarded: nothing a peer sends can kill the stack's
 * threads.
 */
public final class SipCallAgent implements SipListener {

    private static final Logger LOG = Logger.getLogger(SipCallAgent.class.getName());
    static final String ALLOWED = "INVITE, ACK, BYE, CANCEL, OPTIONS, INFO";
    private static final String PRODUCT = "segreteria-voicemail";
    private static final Set<String> KNOWN_METHODS =
            Set.of(
                    Request.INVITE,
                    Request.ACK,
                    Request.BYE,
                    Request.CANCEL,
                    Request.OPTIONS,
                    Request.REGISTER,
                    Request.INFO,
                    Request.PRACK,
                    Request.SUBSCRIBE,
                    Request.NOTIFY,
                    Request.UPDATE,
                    Request.MESSAGE,
                    Request.REFER,
                    Request.PUBLISH);
    private static final Pattern DTMF_RELAY =
            Pattern.compile("(?im)^\\s*signal\\s*=\\s*([0-9*#A-Da-d])");
    private static final long ACK_TIMEOUT_SECONDS = 32; // RFC 3261 Timer H

    private final SipProvider provider;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final String localAddress;
    private final int localPort;
    private final CallRouting routing;
    private final Deposits deposits;
    private final MediaEngine mediaEngine;
    private final PromptLibrary prompts;
    private final DepositSettings settings;
    private final Executor pool;
    private final ScheduledExecutorService timers;
    private final ServerHeader server;
    private final Map<String, SipDeposit> calls = new ConcurrentHashMap<>();
    private final int maxCalls;

    public SipCallAgent(
            SipProvider provider,
            MessageFactory messages,
            HeaderFactory headers,
            AddressFactory addresses,
            String localAddress,
            int localPort,
            CallRouting routing,
            Deposits deposits,
            MediaEngine mediaEngine,
            PromptLibrary prompts,
            DepositSettings settings,
            Executor pool,
            ScheduledExecutorService timers,
            int maxCalls) {
        this.maxCalls = maxCalls;
        this.provider = provider;
        this.messages = messages;
        this.headers = headers;
        this.addresses = addresses;
        this.localAddress = localAddress;
        this.localPort = localPort;
        this.routing = routing;
        this.deposits = deposits;
        this.mediaEngine = mediaEngine;
        this.prompts = prompts;
        this.settings = settings;
        this.pool = pool;
        this.timers = timers;
        try {
            this.server = headers.createServerHeader(List.of(PRODUCT));
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        try {
            dispatch(event, request);
        } catch (Exception e) {
            LOG.log(
                    Level.WARNING,
                    "SIP "
                            + request.getMethod()
                            + " "
                            + callId(request)
                            + " could not be handled: "
                            + e.getMessage(),
                    e);
            if (!Request.ACK.equals(request.getMethod())) {
                tryRespond(event, Response.SERVER_INTERNAL_ERROR);
            }
        }
    }

    private void dispatch(RequestEvent event, Request request) throws Exception {
        String method = request.getMethod();
        if (!Request.ACK.equals(method) && malformed(event, request)) {
            return;
        }
        boolean inDialog = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
        switch (method) {
            case Request.OPTIONS -> respond(event, Response.OK);
            case Request.INVITE -> {
                if (inDialog) {
                    reInvite(event);
                } else {
                    invite(event);
                }
            }
            case Request.ACK -> ack(request);
            case Request.BYE -> bye(event);
            case Request.CANCEL -> cancel(event);
            case Request.INFO -> info(event);
            default ->
                    respond(
                            event,
                            KNOWN_METHODS.contains(method)
                                    ? Response.METHOD_NOT_ALLOWED
                                    : Response.NOT_IMPLEMENTED);
        }
    }

    /**
     * What the stack's parser lets through but a UAS must refuse (RFC 4475): another SIP version
     * (505), or conflicting Content-Length headers (400). Answers and returns true for those.
     */
    private boolean malformed(RequestEvent event, Request request) throws Exception {
        String version =
                ((gov.nist.javax.sip.message.SIPRequest) request).getRequestLine().getSipVersion();
        if (!"SIP/2.0".equalsIgnoreCase(version)) {
            respond(event, Response.VERSION_NOT_SUPPORTED);
            return true;
        }
        java.util.ListIterator<?> lengths =
                request.getHeaders(javax.sip.header.ContentLengthHeader.NAME);
        int count = 0;
        while (lengths != null && lengths.hasNext()) {
            lengths.next();
            count++;
        }
        if (count > 1) {
            respond(event, Response.BAD_REQUEST);
            return true;
        }
        return false;
    }

    private void invite(RequestEvent event) throws Exception {
        Request request = event.getRequest();
        ServerTransaction transaction = serverTransaction(event);
        if (transaction == null) {
            return; // a retransmission: the transaction answers it
        }
        transaction.sendResponse(response(Response.TRYING, request));
        String callId = callId(request);
        if (calls.size() >= maxCalls) {
            // refuse before overload: a caller told to retry loses nothing, a caller in a saturated
            // service might
            LOG.fine(() -> "call " + callId + " refused: " + maxCalls + " calls in progress");
            respond(transaction, Response.SERVICE_UNAVAILABLE);
            return;
        }
        SipDeposit call = new SipDeposit(this, callId, transaction, new SerialExecutor(pool));
        if (calls.putIfAbsent(callId, call) != null) {
            respond(
                    transaction,
                    Response.LOOP_DETECTED); // same Call-ID, new branch: a loop or a fork
            return;
        }
        call.events.execute(() -> route(call, request));
    }

    /** On the call's executor: find the mailbox, agree on media, answer. */
    private void route(SipDeposit call, Request request) {
        try {
            Optional<Destination> destination = routing.route(CallParties.calledNumbers(request));
            if (call.cancelled && destination.isEmpty()) {
                finish(call, Response.REQUEST_TERMINATED);
                return;
            }
            if (destination.isEmpty()) {
                LOG.fine(() -> call + ": no mailbox for " + CallParties.calledNumbers(request));
                finish(call, Response.NOT_FOUND);
                return;
            }
            call.destination = destination.get();
            CallParties.Caller caller = CallParties.caller(request);
            call.record =
                    new CallRecord(
                            call.callId,
                            caller.number(),
                            caller.name(),
                            call.destination.calledNumber(),
                            CallParties.originalCalledNumber(request).orElse(null));
            byte[] body = request.getRawContent();
            if (body != null && body.length > 0) {
                Optional<Sdp.Offer> offer = Sdp.negotiate(new String(body, StandardCharsets.UTF_8));
                if (offer.isEmpty()) {
                    finish(call, Response.NOT_ACCEPTABLE_HERE);
                    return;
                }
                call.offer = offer.get();
            }
            if (call.cancelled) {
                return; // the queued Cancelled event answers 487 and audits the call
            }
            call.media = mediaEngine.open();
            if (call.offer != null) {
                call.media.connect(call.offer.audio(), call);
            }
            call.handle(new CallEvent.Invited());
        } catch (NoMediaPortException busy) {
            LOG.warning(() -> call + ": no free RTP port, call refused");
            finish(call, Response.SERVICE_UNAVAILABLE);
        } catch (Exception e) {
            LOG.log(Level.WARNING, call + ": could not be set up", e);
            if (call.media != null) {
                call.media.close();
            }
            finish(call, Response.SERVER_INTERNAL_ERROR);
        }
    }

    private void finish(SipDeposit call, int status) {
        calls.remove(call.callId, call);
        try {
            respond(call.invite, status);
        } catch (Exception e) {
            LOG.log(Level.FINE, call + ": final response " + status + " not sent", e);
        }
    }

    /** Action Answer: 200 OK with our SDP (answer, or offer when the INVITE had none). */
    void answer(SipDeposit call) throws Exception {
        Request request = call.invite.getRequest();
        call.dialog = provider.getNewDialog(call.invite);
        String sdp =
                call.offer != null
                        ? Sdp.answer(call.offer, localAddress, call.media.localPort(), 1)
                        : Sdp.offer(localAddress, call.media.localPort(), 1);
        Response ok = okWithSdp(request, sdp);
        ok.addHeader(headers.createAllowHeader(ALLOWED));
        call.invite.sendResponse(ok);
        // only a call still waiting for its ACK reacts to this (RFC 3261 Timer H)
        timers.schedule(
                () -> call.post(new CallEvent.AckTimedOut()),
                ACK_TIMEOUT_SECONDS,
                TimeUnit.SECONDS);
    }

    private void ack(Request request) {
        SipDeposit call = calls.get(callId(request));
        if (call == null) {
            return;
        }
        byte[] body = request.getRawContent();
        call.events.execute(
                () -> {
                    if (call.state() != CallState.WAITING_ACK) {
                        return; // the ACK of a re-INVITE, or a late retransmission
                    }
                    if (call.offer == null) { // late offer: the answer is in the ACK
                        Optional<Sdp.Offer> answer =
                                body == null
                                        ? Optional.empty()
                                        : Sdp.negotiate(new String(body, StandardCharsets.UTF_8));
                        if (answer.isEmpty()) {
                            LOG.info(
                                    () ->
                                            call
                                                    + ": the ACK carried no usable SDP answer, hanging up");
                            call.handle(new CallEvent.AckTimedOut());
                            return;
                        }
                        call.offer = answer.get();
                        call.media.connect(call.offer.audio(), call);
                    }
                    call.handle(new CallEvent.Acked());
                });
    }

    private void bye(RequestEvent event) throws Exception {
        SipDeposit call = calls.get(callId(event.getRequest()));
        respond(event, call == null ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : Response.OK);
        if (call != null) {
            call.post(new CallEvent.HungUp());
        }
    }

    private void cancel(RequestEvent event) throws Exception {
        SipDeposit call = calls.get(callId(event.getRequest()));
        respond(event, call == null ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : Response.OK);
        if (call != null) {
            call.cancelled = true; // seen at once by a routing still in progress
            call.post(new CallEvent.Cancelled());
        }
    }

    private void info(RequestEvent event) throws Exception {
        Request request = event.getRequest();
        SipDeposit call = calls.get(callId(request));
        if (call == null) {
            respond(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        respond(event, Response.OK);
        byte[] body = request.getRawContent();
        if (body == null) {
            return;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        String subtype = type == null ? "" : type.getContentSubType().toLowerCase();
        char key = 0;
        if (subtype.equals("dtmf-relay")) {
            Matcher signal = DTMF_RELAY.matcher(text);
            if (signal.find()) {
                key = Character.toUpperCase(signal.group(1).charAt(0));
            }
        } else if (subtype.equals("dtmf")) {
            String digit = text.strip();
            if (digit.length() == 1 && "0123456789*#ABCDabcd".indexOf(digit.charAt(0)) >= 0) {
                key = Character.toUpperCase(digit.charAt(0));
            } else if (digit.matches("1[01]")) {
                key = digit.equals("10") ? '*' : '#';
            }
        }
        if (key != 0) {
            call.post(new CallEvent.Digit(key));
        }
    }

    /**
     * Hold, unhold and session refresh: answer with the same media port, following the new offer.
     */
    private void reInvite(RequestEvent event) throws Exception {
        Request request = event.getRequest();
        SipDeposit call = calls.get(callId(request));
        ServerTransaction transaction = serverTransaction(event);
        if (transaction == null) {
            return;
        }
        if (call == null || call.media == null) {
            respond(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        byte[] body = request.getRawContent();
        String sdp;
        if (body != null && body.length > 0) {
            Optional<Sdp.Offer> offer = Sdp.negotiate(new String(body, StandardCharsets.UTF_8));
            if (offer.isEmpty()) {
                respond(transaction, Response.NOT_ACCEPTABLE_HERE);
                return;
            }
            call.offer = offer.get();
            call.media.connect(call.offer.audio(), call);
            sdp = Sdp.answer(call.offer, localAddress, call.media.localPort(), 2);
        } else {
            sdp = Sdp.offer(localAddress, call.media.localPort(), 2);
        }
        transaction.sendResponse(okWithSdp(request, sdp));
    }

    /** A 200 OK to an INVITE: our Contact and the SDP. */
    private Response okWithSdp(Request request, String sdp) throws Exception {
        Response ok = response(Response.OK, request);
        SipURI contactUri = addresses.createSipURI(null, localAddress);
        contactUri.setPort(localPort);
        ok.addHeader(headers.createContactHeader(addresses.createAddress(contactUri)));
        ok.setContent(
                sdp.getBytes(StandardCharsets.US_ASCII),
                headers.createContentTypeHeader("application", "sdp"));
        return ok;
    }

    void startRecording(SipDeposit call) {
        DepositSettings limits = call.settings();
        call.media.startRecording(
                (int) (limits.maxLength().toMillis() * Codec.SAMPLE_RATE / 1000),
                limits.silenceLimit().toMillis());
    }

    void forget(SipDeposit call) {
        calls.remove(call.callId, call);
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    SipProvider provider() {
        return provider;
    }

    Deposits deposits() {
        return deposits;
    }

    PromptLibrary prompts() {
        return prompts;
    }

    DepositSettings settings() {
        return settings;
    }

    // responses

    private ServerTransaction serverTransaction(RequestEvent event) throws Exception {
        ServerTransaction transaction = event.getServerTransaction();
        if (transaction != null) {
            return transaction;
        }
        try {
            return provider.getNewServerTransaction(event.getRequest());
        } catch (TransactionAlreadyExistsException retransmission) {
            return null;
        }
    }

    private void respond(RequestEvent event, int status) throws Exception {
        ServerTransaction transaction = serverTransaction(event);
        if (transaction != null) {
            respond(transaction, status);
        }
    }

    void respond(ServerTransaction transaction, int status) throws Exception {
        transaction.sendResponse(response(status, transaction.getRequest()));
    }

    private void tryRespond(RequestEvent event, int status) {
        try {
            respond(event, status);
        } catch (Exception e) {
            LOG.log(Level.FINE, "no " + status + " sent", e);
        }
    }

    private Response response(int status, Request request) throws Exception {
        Response response = messages.createResponse(status, request);
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        if (status > 100 && to.getTag() == null) {
            to.setTag(Tags.next()); // RFC 3261 8.2.6.2
        }
        response.addHeader(server);
        if (status == Response.OK && Request.OPTIONS.equals(request.getMethod())) {
            response.addHeader(headers.createAllowHeader(ALLOWED));
            response.addHeader(headers.createAcceptHeader("application", "sdp"));
        }
        if (status == Response.METHOD_NOT_ALLOWED || status == Response.NOT_IMPLEMENTED) {
            response.addHeader(headers.createAllowHeader(ALLOWED));
        }
        if (status == Response.SERVICE_UNAVAILABLE) {
            response.addHeader(headers.createRetryAfterHeader(5));
        }
        return response;
    }

    private static String callId(Request request) {
        javax.sip.header.CallIdHeader id =
                (javax.sip.header.CallIdHeader)
                        request.getHeader(javax.sip.header.CallIdHeader.NAME);
        return id == null ? "?" : id.getCallId();
    }

    @Override
    public void processResponse(ResponseEvent event) {}

    @Override
    public void processTimeout(TimeoutEvent event) {}

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.fine(
                () ->
                        "SIP I/O error towards "
                                + event.getHost()
                                + ":"
                                + event.getPort()
                                + "/"
                                + event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {}

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {}
}
