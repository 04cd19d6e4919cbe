package it.segreteria.voicemail.run;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TooManyListenersException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The demo's office phone system, for the README's run command: something to stop and start to see
 * continuity mode at work. Two SIP UDP ports on 127.0.0.1 and a small HTTP control:
 *
 * <ul>
 *   <li>the PBX ({@code pbx} of the demo tenant acme): answers the service's SIP OPTIONS probes
 *       with 200 while it is up, and with nothing at all once stopped (a dead PBX);
 *   <li>the carrier's trunk ({@code trunk} of acme): the key staff's mobiles rung through it during
 *       an outage. The demo's mobile is busy: it rings for a few seconds, then answers 486, so the
 *       call ends in the mailbox, as the outage plan says;
 *   <li>the control: {@code POST /pbx/stop}, {@code POST /pbx/start} and {@code GET /pbx}.
 * </ul>
 *
 * <p>{@link RunService} runs it beside the service, in its own process (Maven's).
 */
public final class DemoPbx implements SipListener {

    /** How long the demo mobile rings before it answers busy. */
    static final long RING_MILLIS = 4_000;

    private final AtomicBoolean up = new AtomicBoolean(true);
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "demo-pbx-timer");
                        t.setDaemon(true);
                        return t;
                    });

    /** The mobile's ringing calls by Call-ID, so that a CANCEL ends the right one. */
    private final Map<String, Ringing> ringing = new ConcurrentHashMap<>();

    private MessageFactory messages;
    private SipProvider pbx;

    private record Ringing(ServerTransaction invite, ScheduledFuture<?> busy) {}

    void start(int pbxPort, int trunkPort, int httpPort) throws Exception {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "demo-pbx");
        p.setProperty(
                "gov.nist.javax.sip.STACK_LOGGER",
                it.segreteria.voicemail.sip.control.JulStackLogger.class.getName());
        SipStack stack = factory.createSipStack(p);
        messages = factory.createMessageFactory();
        pbx = provider(stack, pbxPort);
        provider(stack, trunkPort);

        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", httpPort), 0);
        http.createContext("/pbx", this::control);
        http.start();
        System.out.printf(
                "Demo PBX up: SIP 127.0.0.1:%d, trunk 127.0.0.1:%d; stop it with curl -X POST"
                        + " localhost:%d/pbx/stop, start it with …/pbx/start%n",
                pbxPort, trunkPort, httpPort);
    }

    private SipProvider provider(SipStack stack, int port)
            throws SipException, InvalidArgumentException, TooManyListenersException {
        ListeningPoint point = stack.createListeningPoint("127.0.0.1", port, ListeningPoint.UDP);
        SipProvider provider = stack.createSipProvider(point);
        provider.addSipListener(this);
        return provider;
    }

    private void control(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        int status = 200;
        if ("POST".equals(method) && path.equals("/pbx/stop")) {
            if (up.getAndSet(false)) {
                System.out.println("Demo PBX stopped: it no longer answers anything");
            }
        } else if ("POST".equals(method) && path.equals("/pbx/start")) {
            if (!up.getAndSet(true)) {
                System.out.println("Demo PBX started again");
            }
        } else if (!"GET".equals(method) || !path.equals("/pbx")) {
            status = 404;
        }
        byte[] body =
                (status == 404
                                ? "POST /pbx/stop, POST /pbx/start or GET /pbx\n"
                                : "{\"up\": " + up.get() + "}\n")
                        .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders()
                .set("Content-Type", status == 404 ? "text/plain" : "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        try {
            if (event.getSource() == pbx) {
                // the PBX itself: a live one answers the probes; calls reach it only through its
                // carrier, never from the service, so anything else is refused
                if (up.get()) {
                    answer(event, request.getMethod().equals(Request.OPTIONS) ? 200 : 403);
                }
                return;
            }
            switch (request.getMethod()) {
                case Request.INVITE -> ring(event);
                case Request.CANCEL -> cancel(event);
                case Request.ACK -> {
                    // the ACK of our 486 or 487 is absorbed by the transaction
                }
                case Request.OPTIONS -> answer(event, 200);
                default -> answer(event, 481);
            }
        } catch (SipException | InvalidArgumentException | java.text.ParseException e) {
            System.err.println("Demo PBX: " + e);
        }
    }

    /** The mobile rings, then answers busy: the outage plan moves on to the mailbox. */
    private void ring(RequestEvent event)
            throws SipException, InvalidArgumentException, java.text.ParseException {
        ServerTransaction invite = transaction(event);
        javax.sip.address.SipURI mobile =
                (javax.sip.address.SipURI) event.getRequest().getRequestURI();
        System.out.printf(
                "Demo mobile %s rings: busy in %d s%n", mobile.getUser(), RING_MILLIS / 1000);
        Response ringingResponse = messages.createResponse(Response.RINGING, event.getRequest());
        tag(ringingResponse);
        invite.sendResponse(ringingResponse);
        String callId = callId(event.getRequest());
        ScheduledFuture<?> busy =
                timer.schedule(
                        () -> end(callId, Response.BUSY_HERE), RING_MILLIS, TimeUnit.MILLISECONDS);
        ringing.put(callId, new Ringing(invite, busy));
    }

    private void cancel(RequestEvent event)
            throws SipException, InvalidArgumentException, java.text.ParseException {
        answer(event, 200);
        Ringing call = ringing.get(callId(event.getRequest()));
        if (call != null) {
            call.busy().cancel(false);
            end(callId(event.getRequest()), Response.REQUEST_TERMINATED);
        }
    }

    private void end(String callId, int status) {
        Ringing call = ringing.remove(callId);
        if (call == null) {
            return;
        }
        try {
            Response response = messages.createResponse(status, call.invite().getRequest());
            tag(response);
            call.invite().sendResponse(response);
        } catch (SipException | InvalidArgumentException | java.text.ParseException e) {
            System.err.println("Demo PBX: " + e);
        }
    }

    private void answer(RequestEvent event, int status)
            throws SipException, InvalidArgumentException, java.text.ParseException {
        Response response = messages.createResponse(status, event.getRequest());
        tag(response);
        transaction(event).sendResponse(response);
    }

    private static ServerTransaction transaction(RequestEvent event) throws SipException {
        ServerTransaction existing = event.getServerTransaction();
        return existing != null
                ? existing
                : ((SipProvider) event.getSource()).getNewServerTransaction(event.getRequest());
    }

    private static void tag(Response response) throws java.text.ParseException {
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        if (to.getTag() == null && response.getStatusCode() > 100) {
            to.setTag("demo-pbx");
        }
    }

    private static String callId(Request request) {
        return ((javax.sip.header.CallIdHeader)
                        request.getHeader(javax.sip.header.CallIdHeader.NAME))
                .getCallId();
    }

    @Override
    public void processResponse(ResponseEvent event) {
        // the demo sends no requests
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        // nothing to retry
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        // UDP: nothing to close
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // no per-transaction state beyond the ringing calls
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // no dialogs: the mobile never answers
    }
}
