package it.segreteria.voicemail.sip.control;

import it.segreteria.voicemail.audio.MediaDescription;
import it.segreteria.voicemail.call.control.CallSessions;
import it.segreteria.voicemail.call.control.CallSettings;
import it.segreteria.voicemail.call.control.InboundCall;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
 * The SIP user agent server of the voicemail: finds the owner of every request and translates SIP
 * into reports to the {@link CallSessions} and their decisions back into SIP. Out of dialog:
 * OPTIONS → 200; INVITE → 100 at once, SDP negotiation (488 without a common codec), then the call
 * session service decides (route, answer, 404, 503). In a dialog: ACK, BYE, CANCEL, INFO (DTMF),
 * re-INVITE and UPDATE (hold, session refresh). Methods we do not serve → 405, unknown ones → 501.
 * This class decides nothing about calls; every callback is guarded, so nothing a peer sends can
 * kill the stack's threads.
 */
public final class SipCallAgent implements SipListener {

    private static final Logger LOG = Logger.getLogger(SipCallAgent.class.getName());

    /** A peer can make every request fail: 20 lines a minute of it at most. */
    private static final LogBudget FAILURES = new LogBudget(20);

    static final String ALLOWED = "INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, UPDATE";
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
    private static final Pattern DELTA_SECONDS = Pattern.compile("^\\s*(\\d{1,9})");

    private final SipProvider provider;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final String localAddress;
    private final int localPort;
    private final int tlsPort;
    private final CallSessions sessions;
    private final Duration sessionExpires;
    private final ServerHeader server;
    private volatile SipDialer dialer;
    private OptionsProber prober;

    public SipCallAgent(
            SipProvider provider,
            MessageFactory messages,
            HeaderFactory headers,
            AddressFactory addresses,
            String localAddress,
            int localPort,
            int tlsPort,
            CallSessions sessions,
            Duration sessionExpires) {
        this.provider = provider;
        this.messages = messages;
        this.headers = headers;
        this.addresses = addresses;
        this.localAddress = localAddress;
        this.localPort = localPort;
        this.tlsPort = tlsPort;
        this.sessions = sessions;
        this.sessionExpires = sessionExpires;
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
            FAILURES.log(
                    LOG,
                    Level.WARNING,
                    "SIP " + request.getMethod() + " " + callId(request) + " could not be handled",
                    e);
            if (!Request.ACK.equals(request.getMethod())) {
                tryRespond(event, Response.SERVER_INTERNAL_ERROR);
            }
        }
    }

    private void dispatch(RequestEvent event, Request request) throws Exception {
        String method = request.getMethod();
        boolean inDialog = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
        if (!inDialog
                && (Request.INVITE.equals(method) || Request.OPTIONS.equals(method))
                && event.getServerTransaction() == null
                && !sessions.withinRate(source(request))) {
            // over its source's rate: a stateless 503, no transaction, no call
            provider.sendResponse(response(Response.SERVICE_UNAVAILABLE, request));
            return;
        }
        if (!Request.ACK.equals(method) && malformed(event, request)) {
            return;
        }
        switch (method) {
            // a stopping service says so, so that edge proxies send calls elsewhere
            case Request.OPTIONS ->
                    respond(
                            event,
                            sessions.draining() ? Response.SERVICE_UNAVAILABLE : Response.OK);
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
            case Request.UPDATE -> update(event, inDialog);
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
        // the stack's parser reports every version as 2.0: the real one is kept by our parser
        Object version = ((gov.nist.javax.sip.message.SIPRequest) request).getApplicationData();
        if (version instanceof VersionKeepingParserFactory.UnsupportedVersion) {
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
        Optional<Sdp.Offer> offer = Optional.empty();
        byte[] body = request.getRawContent();
        if (body != null && body.length > 0) {
            offer = Sdp.negotiate(new String(body, StandardCharsets.UTF_8));
            if (offer.isEmpty()) {
                respond(transaction, Response.NOT_ACCEPTABLE_HERE);
                return;
            }
        }
        Optional<Duration> interval = sessionInterval(request);
        if (interval.isPresent()
                && interval.get().compareTo(CallSettings.MIN_SESSION_EXPIRES) < 0) {
            Response tooSmall = response(422, request); // Session Interval Too Small (RFC 4028)
            tooSmall.addHeader(
                    headers.createHeader(
                            "Min-SE", Long.toString(CallSettings.MIN_SESSION_EXPIRES.toSeconds())));
            transaction.sendResponse(tooSmall);
            return;
        }
        CallParties.Caller caller = CallParties.caller(request);
        SipLeg leg = new SipLeg(this, transaction, offer.orElse(null), interval);
        sessions.incoming(
                new InboundCall(
                        callId(request),
                        CallParties.calledNumbers(request),
                        caller.number(),
                        caller.name(),
                        CallParties.originalCalledNumber(request).orElse(null),
                        offer.map(Sdp.Offer::audio),
                        interval,
                        source(request),
                        CallParties.failover(request)),
                leg);
    }

    /**
     * The session interval of RFC 4028, when the caller supports session timers: theirs if they
     * asked for one (never above ours), ours otherwise. Empty without {@code Supported: timer}.
     */
    private Optional<Duration> sessionInterval(Request request) {
        boolean supported = false;
        for (String name : List.of("Supported", "k")) {
            java.util.ListIterator<?> values = request.getHeaders(name);
            while (values != null && values.hasNext()) {
                String value = headerValue(values.next());
                for (String option : value.split(",")) {
                    supported |= option.strip().equalsIgnoreCase("timer");
                }
            }
        }
        if (!supported) {
            return Optional.empty();
        }
        for (String name : List.of("Session-Expires", "x")) {
            javax.sip.header.Header header = request.getHeader(name);
            if (header != null) {
                Matcher seconds = DELTA_SECONDS.matcher(headerValue(header));
                if (seconds.find()) {
                    Duration asked = Duration.ofSeconds(Long.parseLong(seconds.group(1)));
                    return Optional.of(
                            asked.compareTo(sessionExpires) < 0 ? asked : sessionExpires);
                }
            }
        }
        return Optional.of(sessionExpires);
    }

    private static String headerValue(Object header) {
        String text = header.toString();
        int colon = text.indexOf(':');
        return (colon < 0 ? text : text.substring(colon + 1)).strip();
    }

    private void ack(Request request) {
        byte[] body = request.getRawContent();
        Optional<MediaDescription> answer =
                body == null || body.length == 0
                        ? Optional.empty()
                        : Sdp.negotiate(new String(body, StandardCharsets.UTF_8))
                                .map(Sdp.Offer::audio);
        sessions.acked(callId(request), answer);
    }

    private void bye(RequestEvent event) throws Exception {
        String callId = callId(event.getRequest());
        boolean known = (dialer != null && dialer.hungUp(callId)) || sessions.hungUp(callId);
        respond(event, known ? Response.OK : Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
    }

    private void cancel(RequestEvent event) throws Exception {
        boolean known = sessions.cancelled(callId(event.getRequest()));
        respond(event, known ? Response.OK : Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
    }

    private void info(RequestEvent event) throws Exception {
        Request request = event.getRequest();
        char key = infoDigit(request);
        if (dialer != null && dialer.digit(callId(request), key)) {
            respond(event, Response.OK);
            return;
        }
        boolean known =
                key == 0
                        ? sessions.inProgress(callId(request))
                        : sessions.digit(callId(request), key);
        respond(event, known ? Response.OK : Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
    }

    /** The key of a DTMF INFO (application/dtmf-relay or application/dtmf), 0 if none. */
    private static char infoDigit(Request request) {
        byte[] body = request.getRawContent();
        if (body == null) {
            return 0;
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
        return key;
    }

    /**
     * Hold, unhold and session refresh: the call session follows the new offer on its own executor
     * and answers with the same media port.
     */
    private void reInvite(RequestEvent event) throws Exception {
        Request request = event.getRequest();
        ServerTransaction transaction = serverTransaction(event);
        if (transaction == null) {
            return;
        }
        boolean outbound = dialer != null && dialer.knows(callId(request));
        SipLeg leg =
                event.getDialog() != null
                                && event.getDialog().getApplicationData() instanceof SipLeg l
                        ? l
                        : null;
        if (leg == null && !outbound) {
            respond(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        byte[] body = request.getRawContent();
        Optional<Sdp.Offer> offer = Optional.empty();
        if (body != null && body.length > 0) {
            offer = Sdp.negotiate(new String(body, StandardCharsets.UTF_8));
            if (offer.isEmpty()) {
                respond(transaction, Response.NOT_ACCEPTABLE_HERE);
                return;
            }
        }
        if (outbound) { // a phone we called refreshes or holds its leg
            Optional<String> sdp = dialer.reOffer(callId(request), offer);
            if (sdp.isPresent()) {
                transaction.sendResponse(okWithSdp(request, sdp.get()));
            } else {
                respond(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            }
            return;
        }
        Optional<Sdp.Offer> newOffer = offer;
        boolean known =
                sessions.reOffered(
                        callId(request),
                        offer.map(Sdp.Offer::audio),
                        offer.map(Sdp.Offer::onHold).orElse(false),
                        new CallSessions.ReOffer() {
                            @Override
                            public void accept(int localRtpPort) {
                                leg.answerReOffer(transaction, newOffer, localRtpPort);
                            }

                            @Override
                            public void refuse(int status) {
                                tryRespond(transaction, status);
                            }
                        });
        if (!known) {
            respond(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
        }
    }

    /** UPDATE without a body refreshes the session (RFC 4028); we take no new media by UPDATE. */
    private void update(RequestEvent event, boolean inDialog) throws Exception {
        Request request = event.getRequest();
        byte[] body = request.getRawContent();
        if (!inDialog) {
            respond(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
        } else if (body != null && body.length > 0) {
            respond(event, Response.NOT_ACCEPTABLE_HERE);
        } else {
            String callId = callId(request);
            boolean known = (dialer != null && dialer.knows(callId)) || sessions.refreshed(callId);
            respond(event, known ? Response.OK : Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
        }
    }

    /**
     * A 200 OK to an INVITE: our Contact (on the transport the INVITE came by, so the ACK and BYE
     * come back the same way) and the SDP.
     */
    Response okWithSdp(Request request, String sdp) throws Exception {
        Response ok = response(Response.OK, request);
        SipURI contactUri = addresses.createSipURI(null, localAddress);
        javax.sip.header.ViaHeader via =
                (javax.sip.header.ViaHeader) request.getHeader(javax.sip.header.ViaHeader.NAME);
        boolean tls = via != null && "TLS".equalsIgnoreCase(via.getTransport());
        contactUri.setPort(tls ? tlsPort : localPort);
        if (via != null && !"UDP".equalsIgnoreCase(via.getTransport())) {
            contactUri.setTransportParam(via.getTransport().toLowerCase(java.util.Locale.ROOT));
        }
        ok.addHeader(headers.createContactHeader(addresses.createAddress(contactUri)));
        ok.setContent(
                sdp.getBytes(StandardCharsets.US_ASCII),
                headers.createContentTypeHeader("application", "sdp"));
        return ok;
    }

    SipProvider provider() {
        return provider;
    }

    HeaderFactory headers() {
        return headers;
    }

    String localAddress() {
        return localAddress;
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

    void tryRespond(ServerTransaction transaction, int status) {
        try {
            respond(transaction, status);
        } catch (Exception e) {
            LOG.log(Level.FINE, "no " + status + " sent", e);
        }
    }

    private void tryRespond(RequestEvent event, int status) {
        try {
            respond(event, status);
        } catch (Exception e) {
            LOG.log(Level.FINE, "no " + status + " sent", e);
        }
    }

    Response response(int status, Request request) throws Exception {
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

    /** The address the request came from (the packet's source, not what its headers claim). */
    private static java.net.InetAddress source(Request request) {
        return ((gov.nist.javax.sip.message.SIPRequest) request).getRemoteAddress();
    }

    private static String callId(Request request) {
        javax.sip.header.CallIdHeader id =
                (javax.sip.header.CallIdHeader)
                        request.getHeader(javax.sip.header.CallIdHeader.NAME);
        return id == null ? "?" : id.getCallId();
    }

    /** Answers and requests of our outbound legs go to {@code dialer}. */
    public void dialsWith(SipDialer dialer) {
        this.dialer = dialer;
    }

    /** Answers to our own OPTIONS probes go to {@code prober}. */
    public void probesWith(OptionsProber prober) {
        this.prober = prober;
    }

    @Override
    public void processResponse(ResponseEvent event) {
        if (prober != null && prober.response(event)) {
            return;
        }
        if (dialer != null) {
            dialer.response(event);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (prober != null && prober.timeout(event)) {
            return;
        }
        if (dialer != null) {
            dialer.timeout(event);
        }
    }

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
