package it.segreteria.voicemail.sip.control;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessorFactory;
import gov.nist.javax.sip.stack.NioMessageProcessorFactory;
import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.NioTlsMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.ListeningPoint;

/**
 * JAIN-SIP's non-blocking transports (one selector thread for all TCP connections, instead of two
 * threads per connection), with {@link ConnectionLimits} applied to every accepted connection: a
 * connection beyond its source's or the service's cap is closed at once. Named in the stack
 * property {@code gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY}; reads its caps from the stack
 * properties {@link #PER_SOURCE} and {@link #TOTAL}.
 */
public final class GuardedMessageProcessorFactory implements MessageProcessorFactory {

    public static final String PER_SOURCE = "voicemail.sip.tcp.max-connections-per-source";
    public static final String TOTAL = "voicemail.sip.tcp.max-connections";

    /**
     * Connections the kernel may hold for us before we accept them. JAIN-SIP binds with Java's
     * default of 50: under a connection flood the queue overflows and every connection, a
     * legitimate caller's too, waits for SYN retransmissions (1, 3, 7 s...); ours are accepted (or
     * refused by the caps) at once. The kernel caps it at {@code net.core.somaxconn}.
     */
    static final int BACKLOG = 4096;

    /** The caps of each stack, by stack name, for metrics. */
    private static final Map<String, ConnectionLimits> LIMITS = new ConcurrentHashMap<>();

    private final NioMessageProcessorFactory standard = new NioMessageProcessorFactory();

    @Override
    public MessageProcessor createMessageProcessor(
            SIPTransactionStack stack, InetAddress address, int port, String transport)
            throws IOException {
        boolean tls = ListeningPoint.TLS.equalsIgnoreCase(transport);
        if (!ListeningPoint.TCP.equalsIgnoreCase(transport) && !tls) {
            return standard.createMessageProcessor(stack, address, port, transport);
        }
        Properties properties = ((SipStackImpl) stack).getConfigurationProperties();
        ConnectionLimits limits =
                LIMITS.computeIfAbsent(
                        ((SipStackImpl) stack).getStackName(),
                        name ->
                                new ConnectionLimits(
                                        Integer.parseInt(properties.getProperty(PER_SOURCE)),
                                        Integer.parseInt(properties.getProperty(TOTAL))));
        return tls
                ? new GuardedTlsProcessor(address, stack, port, limits)
                : new GuardedTcpProcessor(address, stack, port, limits);
    }

    /** The caps of a stack's TCP transport, once it listens. */
    public static java.util.Optional<ConnectionLimits> limits(String stackName) {
        return java.util.Optional.ofNullable(LIMITS.get(stackName));
    }

    /** Forgets a stopped stack's caps. */
    public static void release(String stackName) {
        LIMITS.remove(stackName);
    }

    /** Thrown on the selector thread for a refused connection; logged quietly. */
    public static final class ConnectionRefused extends IOException {
        ConnectionRefused(InetAddress source) {
            super("SIP connection from " + source.getHostAddress() + " refused: too many open");
        }
    }

    private static final class GuardedTcpProcessor extends NioTcpMessageProcessor {

        private final ConnectionLimits limits;

        GuardedTcpProcessor(
                InetAddress address, SIPTransactionStack stack, int port, ConnectionLimits limits) {
            super(address, stack, port);
            this.limits = limits;
        }

        /** JAIN-SIP's start, with a larger accept backlog ({@link #BACKLOG}). */
        @Override
        public void start() throws IOException {
            selector = java.nio.channels.Selector.open();
            channel = java.nio.channels.ServerSocketChannel.open();
            channel.configureBlocking(false);
            channel.bind(new InetSocketAddress(getIpAddress(), getPort()), BACKLOG);
            channel.register(selector, java.nio.channels.SelectionKey.OP_ACCEPT);
            selectorThread = new Thread(createProcessorTask());
            selectorThread.start();
            selectorThread.setName(
                    "NioSelector-TCP-" + getIpAddress().getHostAddress() + '/' + getPort());
        }

        @Override
        public NioTcpMessageChannel createMessageChannel(
                NioTcpMessageProcessor processor, SocketChannel client) throws IOException {
            InetAddress source = ((InetSocketAddress) client.getRemoteAddress()).getAddress();
            if (!limits.admit(source, client)) {
                client.close();
                throw new ConnectionRefused(source);
            }
            return super.createMessageChannel(processor, client);
        }
    }

    /** The same caps for SIP over TLS, counted with the TCP connections. */
    private static final class GuardedTlsProcessor extends NioTlsMessageProcessor {

        private final ConnectionLimits limits;

        GuardedTlsProcessor(
                InetAddress address, SIPTransactionStack stack, int port, ConnectionLimits limits) {
            super(address, stack, port);
            this.limits = limits;
        }

        /** JAIN-SIP's start, with a larger accept backlog ({@link #BACKLOG}). */
        @Override
        public void start() throws IOException {
            selector = java.nio.channels.Selector.open();
            channel = java.nio.channels.ServerSocketChannel.open();
            channel.configureBlocking(false);
            channel.bind(new InetSocketAddress(getIpAddress(), getPort()), BACKLOG);
            channel.register(selector, java.nio.channels.SelectionKey.OP_ACCEPT);
            selectorThread = new Thread(createProcessorTask());
            selectorThread.start();
            selectorThread.setName(
                    "NioSelector-TLS-" + getIpAddress().getHostAddress() + '/' + getPort());
        }

        @Override
        public NioTcpMessageChannel createMessageChannel(
                NioTcpMessageProcessor processor, SocketChannel client) throws IOException {
            InetAddress source = ((InetSocketAddress) client.getRemoteAddress()).getAddress();
            if (!limits.admit(source, client)) {
                client.close();
                throw new ConnectionRefused(source);
            }
            return super.createMessageChannel(processor, client);
        }
    }
}
