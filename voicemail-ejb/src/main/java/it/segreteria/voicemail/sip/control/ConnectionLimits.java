package it.segreteria.voicemail.sip.control;

import java.net.InetAddress;
import java.nio.channels.Channel;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Caps on the SIP connections (TCP) held open at once: per source address and in total. A
 * connection is counted from its accept until it is closed, by anyone (the peer, the idle timeout,
 * the stack). Closed connections are noticed lazily, when a source or the total reaches its cap, so
 * the accounting needs no callback from the stack.
 */
public final class ConnectionLimits {

    private final int perSource;
    private final int total;
    private final Map<InetAddress, Set<Channel>> bySource = new ConcurrentHashMap<>();
    private final AtomicInteger counted = new AtomicInteger();
    private final LongAdder refused = new LongAdder();

    public ConnectionLimits(int perSource, int total) {
        if (perSource < 1 || total < perSource) {
            throw new IllegalArgumentException(
                    "connection caps must be at least 1 per source and no lower in total, got "
                            + perSource
                            + " per source, "
                            + total
                            + " in total");
        }
        this.perSource = perSource;
        this.total = total;
    }

    /**
     * Counts a newly accepted connection and answers true, or answers false when its source or the
     * service has as many open connections as allowed (the caller closes it).
     */
    public synchronized boolean admit(InetAddress source, Channel connection) {
        Set<Channel> open = bySource.computeIfAbsent(source, s -> ConcurrentHashMap.newKeySet());
        if (open.size() >= perSource) {
            forgetClosed(open);
        }
        if (counted.get() >= total) {
            bySource.values().forEach(this::forgetClosed);
            bySource.values().removeIf(Set::isEmpty);
            open = bySource.computeIfAbsent(source, s -> ConcurrentHashMap.newKeySet());
        }
        if (open.size() >= perSource || counted.get() >= total) {
            refused.increment();
            return false;
        }
        open.add(connection);
        counted.incrementAndGet();
        return true;
    }

    private void forgetClosed(Set<Channel> open) {
        for (Iterator<Channel> it = open.iterator(); it.hasNext(); ) {
            if (!it.next().isOpen()) {
                it.remove();
                counted.decrementAndGet();
            }
        }
    }

    /** Connections refused since start. */
    public long refused() {
        return refused.sum();
    }

    /** Connections open now (closes are noticed here). */
    public synchronized int open() {
        bySource.values().forEach(this::forgetClosed);
        bySource.values().removeIf(Set::isEmpty);
        return counted.get();
    }
}
