package it.segreteria.voicemail.sip.control;

import it.segreteria.voicemail.continuity.control.PbxProbe.Answer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ClientTransaction;
import javax.sip.ListeningPoint;
import javax.sip.ResponseEvent;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;

/**
 * Sends out-of-dialog OPTIONS to a PBX and reports how it went. No thread waits: the request goes
 * out as a client transaction, the answer comes back through {@link SipCallAgent}'s response and
 * timeout callbacks, and a timer of our own ends the wait after the probe's timeout (the stack's
 * own would take 32 s).
 */
public final class OptionsProber {

    private static final Logger LOG = Logger.getLogger(OptionsProber.class.getName());

    private final SipProvider provider;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final String address;
    private final ScheduledExecutorService timers;
    private final Map<ClientTransaction, Pending> pending = new ConcurrentHashMap<>();

    private record Pending(Consumer<Answer> answer, ScheduledFuture<?> timeout) {}

    public OptionsProber(
            SipProvider provider,
            MessageFactory messages,
            HeaderFactory headers,
            AddressFactory addresses,
            String address,
            ScheduledExecutorService timers) {
        this.provider = provider;
        this.messages = messages;
        this.headers = headers;
        this.addresses = addresses;
        this.address = address;
        this.timers = timers;
    }

    /** Probes {@code sipUri}; {@code answer} is called once, within about {@code timeout}. */
    public void probe(String sipUri, Duration timeout, Consumer<Answer> answer) {
        ClientTransaction transaction;
        try {
            transaction = provider.getNewClientTransaction(options(sipUri));
        } catch (Exception e) {
            LOG.log(Level.FINE, "OPTIONS to " + sipUri + " not sent", e);
            answer.accept(Answer.TRANSPORT_ERROR);
            return;
        }
        ScheduledFuture<?> timer =
                timers.schedule(
                        () -> finish(transaction, Answer.TIMEOUT),
                        timeout.toMillis(),
                        TimeUnit.MILLISECONDS);
        pending.put(transaction, new Pending(answer, timer));
        try {
            transaction.sendRequest();
        } catch (Exception e) {
            LOG.log(Level.FINE, "OPTIONS to " + sipUri + " not sent", e);
            finish(transaction, Answer.TRANSPORT_ERROR);
        }
    }

    /** A response; whether it answered a probe of ours. */
    boolean response(ResponseEvent event) {
        ClientTransaction transaction = event.getClientTransaction();
        if (transaction == null || !pending.containsKey(transaction)) {
            return false;
        }
        int status = event.getResponse().getStatusCode();
        if (status >= 200) {
            finish(transaction, status >= 500 ? Answer.SERVER_ERROR : Answer.ANSWERED);
        }
        return true;
    }

    /** The stack gave up on a transaction; whether it was a probe of ours. */
    boolean timeout(TimeoutEvent event) {
        ClientTransaction transaction = event.getClientTransaction();
        if (transaction == null || !pending.containsKey(transaction)) {
            return false;
        }
        finish(transaction, Answer.TIMEOUT);
        return true;
    }

    /** Probes waiting for an answer. */
    public int pending() {
        return pending.size();
    }

    private void finish(ClientTransaction transaction, Answer result) {
        Pending done = pending.remove(transaction);
        if (done == null) {
            return; // answered already (a response racing its timer)
        }
        done.timeout().cancel(false);
        if (result == Answer.TIMEOUT) {
            try {
                transaction.terminate();
            } catch (Exception ignored) {
                // already gone
            }
        }
        done.answer().accept(result);
    }

    private Request options(String sipUri) throws Exception {
        URI target = addresses.createURI(sipUri);
        if (!(target instanceof SipURI sip)) {
            throw new IllegalArgumentException("not a SIP URI: " + sipUri);
        }
        String transport =
                sip.getTransportParam() == null ? ListeningPoint.UDP : sip.getTransportParam();
        ListeningPoint point = provider.getListeningPoint(transport.toLowerCase());
        if (point == null) {
            throw new IllegalArgumentException("no " + transport + " listening point");
        }
        ViaHeader via = headers.createViaHeader(address, point.getPort(), transport, null);
        SipURI fromUri = addresses.createSipURI("voicemail", address);
        fromUri.setPort(point.getPort());
        Request request =
                messages.createRequest(
                        target,
                        Request.OPTIONS,
                        provider.getNewCallId(),
                        headers.createCSeqHeader(1L, Request.OPTIONS),
                        headers.createFromHeader(addresses.createAddress(fromUri), Tags.next()),
                        headers.createToHeader(addresses.createAddress(target), null),
                        List.of(via),
                        headers.createMaxForwardsHeader(70));
        return request;
    }
}
