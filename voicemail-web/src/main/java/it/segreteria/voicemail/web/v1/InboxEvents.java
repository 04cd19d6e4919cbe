package it.segreteria.voicemail.web.v1;

import it.segreteria.voicemail.message.boundary.EmployeeMessages;
import it.segreteria.voicemail.message.entity.MessageStored;
import it.segreteria.voicemail.shared.TenantId;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The open event streams of the portal's pages ({@code GET /api/v1/events}), by tenant and
 * employee: when a message is stored, its owner's pages get a {@code message-stored} event (the
 * message id, nothing else) and reload their inbox. The owner is looked up off the storing thread;
 * nobody else's stream hears of it. A comment every 25 s keeps idle streams open through proxies
 * and finds the closed ones.
 */
@ApplicationScoped
public class InboxEvents {

    private static final Logger LOG = Logger.getLogger(InboxEvents.class.getName());

    /** Streams one employee may hold open (tabs, devices). */
    static final int MAX_PER_EMPLOYEE = 10;

    record Key(TenantId tenant, String employee) {}

    private record Stream(SseEventSink sink, Sse sse) {}

    private final Map<Key, Set<Stream>> streams = new ConcurrentHashMap<>();

    @Inject EmployeeMessages messages;

    @Resource ManagedExecutorService executor;

    @Resource ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> keepAlive;

    @PostConstruct
    void start() {
        keepAlive = scheduler.scheduleWithFixedDelay(this::ping, 25, 25, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        keepAlive.cancel(false);
        streams.values().forEach(set -> set.forEach(s -> s.sink().close()));
    }

    /** Keeps a page's stream; false when the employee has too many open already. */
    boolean open(Key key, SseEventSink sink, Sse sse) {
        Set<Stream> set = streams.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet());
        set.removeIf(s -> s.sink().isClosed());
        if (set.size() >= MAX_PER_EMPLOYEE) {
            return false;
        }
        set.add(new Stream(sink, sse));
        return true;
    }

    void onStored(@Observes(during = TransactionPhase.AFTER_SUCCESS) MessageStored stored) {
        if (streams.isEmpty()) {
            return;
        }
        executor.execute(
                () -> {
                    try {
                        messages.owner(stored.tenant(), stored.messageId())
                                .ifPresent(
                                        owner ->
                                                send(
                                                        new Key(stored.tenant(), owner),
                                                        stored.messageId()));
                    } catch (RuntimeException e) {
                        LOG.log(Level.FINE, "no event for message " + stored.messageId(), e);
                    }
                });
    }

    private void send(Key key, long messageId) {
        for (Stream stream : streams.getOrDefault(key, Set.of())) {
            OutboundSseEvent event =
                    stream.sse()
                            .newEventBuilder()
                            .name("message-stored")
                            .data(Long.toString(messageId))
                            .build();
            deliver(key, stream, event);
        }
    }

    private void ping() {
        streams.forEach(
                (key, set) -> {
                    for (Stream stream : set) {
                        deliver(key, stream, stream.sse().newEventBuilder().comment("").build());
                    }
                });
        streams.values().removeIf(Set::isEmpty);
    }

    private void deliver(Key key, Stream stream, OutboundSseEvent event) {
        if (stream.sink().isClosed()) {
            streams.getOrDefault(key, Set.of()).remove(stream);
            return;
        }
        stream.sink()
                .send(event)
                .exceptionally(
                        failure -> {
                            streams.getOrDefault(key, Set.of()).remove(stream);
                            stream.sink().close();
                            return null;
                        });
    }
}
