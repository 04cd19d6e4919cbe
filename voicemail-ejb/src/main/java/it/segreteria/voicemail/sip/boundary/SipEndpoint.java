package it.segreteria.voicemail.sip.boundary;

import it.segreteria.voicemail.sip.control.JulStackLogger;
import it.segreteria.voicemail.sip.control.SipSettings;
import it.segreteria.voicemail.sip.control.Tags;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ServerHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.eclipse.microprofile.config.Config;

/**
 * The service's SIP endpoint: one JAIN-SIP stack started with the application, listening on UDP and
 * TCP on the configured address, stopped cleanly on undeploy.
 *
 * <p>Today it answers out-of-dialog OPTIONS with 200 (the keep-alive probe of edge proxies and
 * PBXs) and refuses what it does not serve yet with 405 and an {@code Allow} header, or 501 for
 * methods it does not know. Every callback is wrapped so that no request, however malformed, can
 * kill the stack's threads.
 */
@Singleton
@Startup
@DependsOn("Provisioning") // calls are taken only once the tenants they are for exist
@LocalBean
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SipEndpoint implements SipListener {

    private static final Logger LOG = Logger.getLogger(SipEndpoint.class.getName());
    private static final String ALLOWED = "OPTIONS";
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

    @Inject Config config;

    private SipStack stack;
    private SipProvider provider;
    private MessageFactory messages;
    private HeaderFactory headers;
    private ServerHeader server;
    private final List<ListeningPoint> listeningPoints = new ArrayList<>();
    private volatile boolean listening;

    @PostConstruct
    void start() {
        SipSettings settings = SipSettings.from(config);
        String address = settings.address();
        try {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            stack = factory.createSipStack(stackProperties(settings));
            messages = factory.createMessageFactory();
            headers = factory.createHeaderFactory();
            server = headers.createServerHeader(List.of(PRODUCT));
            for (String transport : settings.transports()) {
                listeningPoints.add(
                        stack.createListeningPoint(address, settings.port(), transport));
            }
            provider = stack.createSipProvider(listeningPoints.get(0));
            for (ListeningPoint extra : listeningPoints.subList(1, listeningPoints.size())) {
                provider.addListeningPoint(extra);
            }
            provider.addSipListener(this);
            stack.start();
            listening = true;
            LOG.info(() -> "SIP endpoint listening on " + describe());
        } catch (Exception e) {
            stop();
            throw new IllegalStateException(
                    "cannot listen for SIP on "
                            + address
                            + ":"
                            + settings.port()
                            + " "
                            + settings.transports()
                            + " ("
                            + e.getMessage()
                            + "); set "
                            + SipSettings.HOST
                            + " / "
                            + SipSettings.PORT,
                    e);
        }
    }

    private static Properties stackProperties(SipSettings settings) {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "voicemail-" + settings.port());
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", JulStackLogger.class.getName());
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        // Requests of different calls are handled in parallel; one slow request never stalls the
        // stack.
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "16");
        // A peer cannot make us buffer an endless TCP message.
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65536");
        return p;
    }

    @PreDestroy
    void stop() {
        listening = false;
        if (stack == null) {
            return;
        }
        try {
            if (provider != null) {
                provider.removeSipListener(this);
                stack.deleteSipProvider(provider);
            }
            for (ListeningPoint point : listeningPoints) {
                stack.deleteListeningPoint(point);
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "SIP endpoint did not release its listening points cleanly", e);
        } finally {
            listeningPoints.clear();
            stack.stop();
            stack = null;
            LOG.info("SIP endpoint stopped");
        }
    }

    /** Whether the listening points are bound and the stack runs; used by the readiness check. */
    public boolean isListening() {
        return listening;
    }

    /** The bound listening points, e.g. {@code udp 127.0.0.1:5060, tcp 127.0.0.1:5060}. */
    public String describe() {
        return String.join(
                ", ",
                listeningPoints.stream()
                        .map(
                                lp ->
                                        lp.getTransport().toLowerCase()
                                                + " "
                                                + lp.getIPAddress()
                                                + ":"
                                                + lp.getPort())
                        .toList());
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        try {
            String method = request.getMethod();
            if (Request.ACK.equals(method)) {
                return; // ACKs have no response; dialogs are not served yet
            }
            if (Request.OPTIONS.equals(method)) {
                respond(event, Response.OK);
            } else if (KNOWN_METHODS.contains(method)) {
                respond(event, Response.METHOD_NOT_ALLOWED);
            } else {
                respond(event, Response.NOT_IMPLEMENTED);
            }
        } catch (Exception e) {
            LOG.log(
                    Level.WARNING,
                    "SIP " + request.getMethod() + " could not be answered: " + e.getMessage(),
                    e);
        }
    }

    private void respond(RequestEvent event, int status) throws Exception {
        Request request = event.getRequest();
        ServerTransaction transaction = event.getServerTransaction();
        if (transaction == null) {
            try {
                transaction = provider.getNewServerTransaction(request);
            } catch (TransactionAlreadyExistsException retransmission) {
                return; // the stack answers retransmissions from the existing transaction
            }
        }
        Response response = messages.createResponse(status, request);
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        if (to.getTag() == null) {
            to.setTag(Tags.next()); // RFC 3261 8.2.6.2: a UAS tags every final response
        }
        response.addHeader(server);
        if (status == Response.OK || status == Response.METHOD_NOT_ALLOWED) {
            response.addHeader(headers.createAllowHeader(ALLOWED));
        }
        if (status == Response.OK) {
            response.addHeader(headers.createAcceptHeader("application", "sdp"));
        }
        transaction.sendResponse(response);
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
