package it.segreteria.voicemail.media.control;

import it.segreteria.voicemail.call.control.Lateness;
import it.segreteria.voicemail.call.control.MediaEvents;
import it.segreteria.voicemail.call.control.MediaPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The RTP engine of the whole service: a pool of UDP ports, one receive thread that reads every
 * session's socket through one selector into one reused buffer, and one media clock that sends the
 * next 20 ms frame of every session. Two threads for all calls, no allocation per packet, no lock
 * shared by all calls.
 */
public final class MediaEngine implements MediaPorts, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MediaEngine.class.getName());
    private static final long FRAME_MICROS = 20_000;
    private static final long FRAME_NANOS = FRAME_MICROS * 1_000;

    private final String address;
    private final Queue<Integer> freePorts = new ArrayDeque<>();
    private final Set<RtpSession> sessions = ConcurrentHashMap.newKeySet();
    private final Queue<RtpSession> toRegister = new ConcurrentLinkedQueue<>();

    /**
     * Sessions whose sockets the receive thread closes: a channel registered with a selector stays
     * bound until the selector has dropped its key, so its port goes back to the pool only then.
     */
    private final Queue<RtpSession> toClose = new ConcurrentLinkedQueue<>();

    /** Sessions whose waiting packets the receive thread reads, then runs the task. */
    private final Queue<Map.Entry<RtpSession, Runnable>> toDrain = new ConcurrentLinkedQueue<>();

    private final Selector selector;
    private final Thread receiver;
    private final ScheduledExecutorService clock;
    private volatile boolean running = true;
    private final Lateness clockLateness = new Lateness();
    private final long clockStart;
    private volatile long ticks; // written by the clock's thread only

    public MediaEngine(String address, int portMin, int portMax, ThreadFactory threads) {
        if (portMin < 1024 || portMax > 65534 || portMin > portMax) {
            throw new IllegalArgumentException(
                    "RTP port range must lie within 1024-65534, got " + portMin + "-" + portMax);
        }
        this.address = address;
        for (int port = portMin + (portMin & 1); port <= portMax; port += 2) {
            freePorts.add(port); // even ports: RTP convention, the odd one above is RTCP's
        }
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        receiver = threads.newThread(this::receiveLoop);
        receiver.setName("rtp-receiver");
        receiver.setPriority(Thread.MAX_PRIORITY);
        receiver.start();
        clock =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread thread = threads.newThread(runnable);
                            thread.setName("rtp-clock");
                            thread.setPriority(Thread.MAX_PRIORITY);
                            return thread;
                        });
        clockStart = System.nanoTime();
        clock.scheduleAtFixedRate(this::tick, FRAME_MICROS, FRAME_MICROS, TimeUnit.MICROSECONDS);
    }

    @Override
    public RtpSession open(MediaEvents events) {
        for (int attempts = 0; attempts < 64; attempts++) {
            Integer port;
            synchronized (freePorts) {
                port = freePorts.poll();
            }
            if (port == null) {
                break;
            }
            try {
                DatagramChannel channel = DatagramChannel.open();
                try {
                    channel.setOption(StandardSocketOptions.SO_RCVBUF, 64 * 1024);
                    channel.bind(new InetSocketAddress(address, port));
                    channel.configureBlocking(false);
                } catch (IOException e) {
                    channel.close();
                    throw e;
                }
                RtpSession session = new RtpSession(this, channel, port, events);
                sessions.add(session);
                toRegister.add(session);
                selector.wakeup();
                return session;
            } catch (BindException taken) {
                giveBack(port); // used by another program for now: try the next one
            } catch (IOException e) {
                giveBack(port);
                throw new UncheckedIOException("cannot open an RTP port", e);
            }
        }
        throw new NoMediaPortException();
    }

    @Override
    public int inUse() {
        return sessions.size();
    }

    void release(RtpSession session) {
        if (sessions.remove(session)) {
            if (running) {
                toClose.add(session);
                selector.wakeup();
            } else {
                closeNow(session);
            }
        }
    }

    /**
     * Receive thread: drops the keys of released sessions, lets the selector forget them, and only
     * then closes their sockets and gives their ports back (closing a registered channel first
     * would leave its port bound until the selector next wakes, which with no traffic is never).
     */
    private void closeReleased() throws IOException {
        if (toClose.isEmpty()) {
            return;
        }
        List<RtpSession> closing = new ArrayList<>();
        for (RtpSession session; (session = toClose.poll()) != null; ) {
            SelectionKey key = session.channel().keyFor(selector);
            if (key != null) {
                key.cancel();
            }
            closing.add(session);
        }
        selector.selectNow(); // deregisters the cancelled keys
        closing.forEach(this::closeNow);
    }

    private void closeNow(RtpSession session) {
        try {
            session.channel().close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing RTP port " + session.localPort(), e);
        }
        giveBack(session.localPort());
    }

    private void giveBack(int port) {
        synchronized (freePorts) {
            freePorts.add(port);
        }
    }

    /** See {@link RtpSession#afterPendingPackets}. */
    void afterPendingPackets(RtpSession session, Runnable then) {
        if (!running || !session.channel().isOpen()) {
            then.run();
            return;
        }
        toDrain.add(Map.entry(session, then));
        selector.wakeup();
    }

    private void receiveLoop() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(65536);
        while (running) {
            try {
                selector.select();
                drainRequested(buffer);
                closeReleased();
                for (RtpSession session; (session = toRegister.poll()) != null; ) {
                    if (session.channel().isOpen()) {
                        session.channel().register(selector, SelectionKey.OP_READ, session);
                    }
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    RtpSession session = (RtpSession) key.attachment();
                    DatagramChannel channel = (DatagramChannel) key.channel();
                    for (int i = 0; i < 64; i++) { // drain, but let other sessions have their turn
                        buffer.clear();
                        SocketAddress source = channel.receive(buffer);
                        if (source == null) {
                            break;
                        }
                        buffer.flip();
                        try {
                            session.receive(buffer, source);
                        } catch (RuntimeException e) {
                            LOG.log(
                                    Level.WARNING,
                                    "RTP packet on port "
                                            + session.localPort()
                                            + " could not be handled",
                                    e);
                        }
                    }
                }
            } catch (ClosedSelectorException e) {
                return;
            } catch (IOException e) {
                if (running) {
                    LOG.log(Level.WARNING, "RTP receive loop", e);
                }
            }
        }
    }

    /** Reads what waits at the ports of the sessions asked for, then runs their tasks. */
    private void drainRequested(ByteBuffer buffer) {
        for (Map.Entry<RtpSession, Runnable> request; (request = toDrain.poll()) != null; ) {
            RtpSession session = request.getKey();
            try {
                for (int i = 0; i < 1_000 && session.channel().isOpen(); i++) {
                    buffer.clear();
                    SocketAddress source = session.channel().receive(buffer);
                    if (source == null) {
                        break;
                    }
                    buffer.flip();
                    session.receive(buffer, source);
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "RTP port " + session.localPort() + " not drained", e);
            } finally {
                request.getValue().run();
            }
        }
    }

    @Override
    public Lateness.Window clockWindow() {
        // a clock stuck now has no late ticks to count yet: each tick it owes counts as late as
        // it is (a second's worth at most), so a clock that stopped is not taken for one on time
        long behind = System.nanoTime() - (clockStart + (ticks + 1) * FRAME_NANOS);
        for (int owed = 0; owed < 50 && behind > FRAME_NANOS; owed++, behind -= FRAME_NANOS) {
            clockLateness.record(behind);
        }
        return clockLateness.take();
    }

    private void tick() {
        long now = System.nanoTime();
        // a fixed-rate tick that could not run in time runs as soon as it can: how late it is
        ticks++;
        long late = now - (clockStart + ticks * FRAME_NANOS);
        clockLateness.record(late);
        if (late >= FRAME_NANOS) {
            // the next tick is due already: it sends, this one does not. A clock that fell
            // behind catches up at once instead of sending every session a burst of late frames,
            // which would cost the most CPU when there is least of it (prompts keep wall-clock
            // time by themselves, see RtpSession)
            return;
        }
        for (RtpSession session : sessions) {
            try {
                session.tick(now);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "RTP send on port " + session.localPort(), e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        clock.shutdownNow();
        for (RtpSession session : sessions) {
            release(session);
        }
        for (RtpSession session; (session = toClose.poll()) != null; ) {
            closeNow(session);
        }
        for (Map.Entry<RtpSession, Runnable> request; (request = toDrain.poll()) != null; ) {
            request.getValue().run(); // nothing more will be read: the message is stored as it is
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing the RTP selector", e);
        }
        receiver.interrupt();
    }
}
