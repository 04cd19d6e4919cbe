package it.segreteria.voicemail.sip.boundary;

import it.segreteria.voicemail.call.control.Admission;
import it.segreteria.voicemail.call.control.AdmissionSettings;
import it.segreteria.voicemail.call.control.CallCapacity;
import it.segreteria.voicemail.call.control.CallLog;
import it.segreteria.voicemail.call.control.CallRouting;
import it.segreteria.voicemail.call.control.CallSessions;
import it.segreteria.voicemail.call.control.CallSettings;
import it.segreteria.voicemail.call.control.DepositSettings;
import it.segreteria.voicemail.call.control.Deposits;
import it.segreteria.voicemail.call.control.PhoneAccess;
import it.segreteria.voicemail.call.control.PromptLibrary;
import it.segreteria.voicemail.media.control.MediaEngine;
import it.segreteria.voicemail.sip.control.GuardedMessageProcessorFactory;
import it.segreteria.voicemail.sip.control.JulStackLogger;
import it.segreteria.voicemail.sip.control.OptionsProber;
import it.segreteria.voicemail.sip.control.SipCallAgent;
import it.segreteria.voicemail.sip.control.SipDialer;
import it.segreteria.voicemail.sip.control.SipSettings;
import it.segreteria.voicemail.sip.control.VersionKeepingParserFactory;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ListeningPoint;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The service's SIP endpoint: one JAIN-SIP stack and one RTP engine, started with the application
 * after the tenants are provisioned, stopped cleanly on undeploy. Requests are handled by {@link
 * SipCallAgent}.
 */
@Singleton
@Startup
// after the storage worker, which waits for provisioning: calls are taken only once the tenants
// they
// are for exist; and stopped before it, so the recordings of a drained call are still stored.
// (Naming Provisioning here too makes Payara report a cyclic dependency that is not there.)
@DependsOn("StorageWorker")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SipEndpoint {

    private static final Logger LOG = Logger.getLogger(SipEndpoint.class.getName());
    public static final String RTP_MIN = "voicemail.rtp.port-min";
    private static final int CALL_THREADS = 32;
    private static final int MAX_SIP_MESSAGE = 16 * 1024;
    public static final String RTP_MAX = "voicemail.rtp.port-max";

    /** Set while the endpoint takes calls, for the management WAR's readiness check. */
    static final String STARTED = "voicemail.service.started";

    /**
     * Whether the container has started this singleton and it takes calls ({@link #STARTED} is
     * set); safe at any time: the readiness check asks this before it calls the bean, so a probe
     * never creates the singleton (see {@code Database.migrated()}).
     */
    public static boolean started() {
        return System.getProperty(STARTED) != null;
    }

    /** How long a stopping service lets calls in progress end by themselves. */
    public static final String SHUTDOWN_GRACE = "voicemail.shutdown.grace-seconds";

    private static final java.time.Duration DRAIN_SETTLE = java.time.Duration.ofSeconds(5);

    @Inject Config config;

    @Inject CallRouting routing;

    @Inject Deposits deposits;

    @Inject PhoneAccess phoneAccess;

    @Inject MetricRegistry metrics;

    @Resource ManagedThreadFactory threads;

    /**
     * The events of all calls run here (each call in order); messages are stored elsewhere. Its own
     * pool, from the container's thread factory: the default managed executor grows only when its
     * queue is full, i.e. it would run every call on one thread.
     */
    private ExecutorService callPool;

    /** The calls' log lines, written by a thread of their own. */
    private it.segreteria.voicemail.platform.control.LogQueue callLines;

    /**
     * The calls' timers (ACK wait, watchdog, hang-up grace): a plain scheduler on a container
     * thread. The managed scheduled executor captures the application's context for every task,
     * which costs more than the calls' work at hundreds of calls a second.
     */
    private ScheduledThreadPoolExecutor callTimers;

    private SipStack stack;
    private SipProvider provider;
    private MediaEngine media;
    private SipCallAgent agent;
    private OptionsProber prober;
    private CallSessions sessions;
    private final List<ListeningPoint> listeningPoints = new ArrayList<>();
    private volatile boolean listening;
    private java.time.Duration shutdownGrace;
    private Thread stopSignal;

    @PostConstruct
    void start() {
        SipSettings settings = SipSettings.from(config);
        String address = settings.address();
        shutdownGrace =
                java.time.Duration.ofSeconds(
                        config.getOptionalValue(SHUTDOWN_GRACE, Long.class).orElse(20L));
        // every thread started now: the service's footprint does not depend on the load it has seen
        ThreadPoolExecutor callThreads =
                new ThreadPoolExecutor(
                        CALL_THREADS,
                        CALL_THREADS,
                        0,
                        TimeUnit.MILLISECONDS,
                        new LinkedBlockingQueue<>(),
                        threads);
        callThreads.prestartAllCoreThreads();
        callPool = callThreads;
        callLines = new it.segreteria.voicemail.platform.control.LogQueue(threads);
        callTimers = new ScheduledThreadPoolExecutor(2, threads);
        callTimers.prestartAllCoreThreads();
        callTimers.setRemoveOnCancelPolicy(true);
        media =
                new MediaEngine(
                        address,
                        config.getOptionalValue(RTP_MIN, Integer.class).orElse(20000),
                        config.getOptionalValue(RTP_MAX, Integer.class).orElse(29999),
                        threads);
        try {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            stack = factory.createSipStack(stackProperties(settings));
            for (String transport : settings.transports()) {
                listeningPoints.add(
                        stack.createListeningPoint(address, settings.port(transport), transport));
            }
            provider = stack.createSipProvider(listeningPoints.get(0));
            for (ListeningPoint extra : listeningPoints.subList(1, listeningPoints.size())) {
                provider.addListeningPoint(extra);
            }
            CallSettings calls = CallSettings.from(config);
            sessions =
                    new CallSessions(
                            routing,
                            deposits,
                            phoneAccess,
                            media,
                            new PromptLibrary(
                                    config.getOptionalValue(PromptLibrary.DIR, String.class)
                                            .map(Path::of)),
                            DepositSettings.from(config),
                            calls,
                            callPool,
                            callTimers,
                            new Admission(AdmissionSettings.from(config, calls.maxCalls())),
                            new CallCapacity(calls.maxCalls(), CallCapacity.Settings.from(config)),
                            new CallLog(
                                    config.getOptionalValue(CallLog.FULL_NUMBERS, Boolean.class)
                                            .orElse(false),
                                    callLines));
            agent =
                    new SipCallAgent(
                            provider,
                            factory.createMessageFactory(),
                            factory.createHeaderFactory(),
                            factory.createAddressFactory(),
                            address,
                            settings.port(),
                            settings.tlsPort(),
                            sessions,
                            calls.sessionExpires());
            prober =
                    new OptionsProber(
                            provider,
                            factory.createMessageFactory(),
                            factory.createHeaderFactory(),
                            factory.createAddressFactory(),
                            address,
                            callTimers);
            agent.probesWith(prober);
            SipDialer dialer =
                    new SipDialer(
                            provider,
                            factory.createMessageFactory(),
                            factory.createHeaderFactory(),
                            factory.createAddressFactory(),
                            address);
            agent.dialsWith(dialer);
            sessions.dialsWith(dialer);
            metrics.gauge(
                    Metadata.builder()
                            .withName("voicemail.calls.outbound")
                            .withDescription(
                                    "outbound legs in progress: phones an outage plan rings or"
                                            + " put through")
                            .build(),
                    dialer::active);
            provider.addSipListener(agent);
            register("voicemail.calls.active", "calls in progress", CallSessions::active);
            register(
                    "voicemail.calls.connected",
                    "calls in progress whose answer the caller acknowledged (with media)",
                    CallSessions::connected);
            register(
                    "voicemail.calls.limit",
                    "connected calls taken at once now: voicemail.calls.max, or less while the"
                            + " service runs late",
                    CallSessions::limit);
            metrics.gauge(
                    Metadata.builder()
                            .withName("voicemail.calls.refused.overload")
                            .withDescription(
                                    "new calls refused (503) since start because the service ran"
                                            + " late")
                            .build(),
                    () -> sessions.overloadRefusals());
            metrics.gauge(
                    Metadata.builder()
                            .withName("voicemail.media.clock.late.ms")
                            .withDescription(
                                    "median lateness of the media clock's 20 ms ticks over the last"
                                            + " second, milliseconds (bucket bound)")
                            .build(),
                    () -> sessions.capacity().clockLate());
            metrics.gauge(
                    Metadata.builder()
                            .withName("voicemail.calls.event.wait.ms")
                            .withDescription(
                                    "median wait of the calls' events for a thread over the last"
                                            + " second, milliseconds (bucket bound)")
                            .build(),
                    () -> sessions.capacity().eventWait());
            String stackName = stack.getStackName();
            metrics.gauge(
                    Metadata.builder()
                            .withName("voicemail.sip.tcp.connections")
                            .withDescription("SIP TCP connections open")
                            .build(),
                    () ->
                            GuardedMessageProcessorFactory.limits(stackName)
                                    .map(l -> l.open())
                                    .orElse(0));
            metrics.gauge(
                    Metadata.builder()
                            .withName("voicemail.sip.tcp.connections.refused")
                            .withDescription(
                                    "SIP TCP connections refused (caps per source or in total)")
                            .build(),
                    () ->
                            GuardedMessageProcessorFactory.limits(stackName)
                                    .map(l -> l.refused())
                                    .orElse(0L));
            metrics.gauge(
                    Metadata.builder()
                            .withName("voicemail.sip.requests.throttled")
                            .withDescription(
                                    "INVITEs and OPTIONS refused (503) for their source's rate")
                            .build(),
                    () -> sessions.throttled());
            register(
                    "voicemail.rtp.ports.in-use",
                    "RTP ports held by calls",
                    CallSessions::mediaPortsInUse);
            stack.start();
            listening = true;
            // read by voicemail-management.war's readiness check (another application in this JVM)
            System.setProperty(STARTED, java.time.Instant.now().toString());
            // SIGTERM: the container reaches this bean's @PreDestroy only seconds later; new calls
            // are refused from the signal on, so none is taken that the shutdown would cut
            CallSessions drained = sessions;
            stopSignal = new Thread(drained::refuseNewCalls, "sip-refuse-new-calls");
            Runtime.getRuntime().addShutdownHook(stopSignal);
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

    private void register(
            String name, String description, java.util.function.ToIntFunction<CallSessions> value) {
        CallSessions calls = sessions;
        metrics.gauge(
                Metadata.builder().withName(name).withDescription(description).build(),
                () -> value.applyAsInt(calls));
    }

    private static Properties stackProperties(SipSettings settings) {
        Properties p = new Properties();
        // a name of its own each start: SipFactory hands back the stack of a name it has seen,
        // stopped
        // or not, so a redeployment in the same JVM would get the old, stopped one
        p.setProperty(
                "javax.sip.STACK_NAME", "voicemail-" + settings.port() + "-" + System.nanoTime());
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", JulStackLogger.class.getName());
        // TCP on one selector thread (the default costs two threads per connection), with caps
        // per source and in total, and idle connections closed
        p.setProperty(
                "gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY",
                GuardedMessageProcessorFactory.class.getName());
        p.setProperty(
                GuardedMessageProcessorFactory.PER_SOURCE,
                Integer.toString(settings.tcpPerSource()));
        p.setProperty(GuardedMessageProcessorFactory.TOTAL, Integer.toString(settings.tcpTotal()));
        p.setProperty(
                "gov.nist.javax.sip.NIO_MAX_SOCKET_IDLE_TIME",
                Long.toString(settings.tcpIdle().toMillis()));
        settings.tlsKeystore()
                .ifPresent(
                        keystore -> {
                            // the certificate of SIP over TLS, for this stack only (not the JVM's
                            // javax.net.ssl settings); callers are not asked for certificates
                            p.setProperty("javax.net.ssl.keyStore", keystore.toString());
                            p.setProperty("javax.net.ssl.keyStorePassword", settings.tlsPassword());
                            p.setProperty("javax.net.ssl.keyStoreType", "PKCS12");
                            p.setProperty("javax.net.ssl.trustStore", keystore.toString());
                            p.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
                            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
                            p.setProperty("gov.nist.javax.sip.SSL_HANDSHAKE_TIMEOUT", "10000");
                        });
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        // keeps the SIP version of a request, which the stack's parser loses (505 for SIP/7.0)
        p.setProperty(
                "gov.nist.javax.sip.MESSAGE_PARSER_FACTORY",
                VersionKeepingParserFactory.class.getName());
        // Requests of different calls are handled in parallel; one slow request never stalls the
        // stack.
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "16");
        // A peer cannot make us buffer an endless TCP message. The stack also allocates a receive
        // buffer of this size for every UDP datagram: 64 KiB made most of the garbage at hundreds
        // of calls a second; SIP requests to a voicemail are a few KiB at most.
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(MAX_SIP_MESSAGE));
        // Transaction timers on a scheduled executor: the default java.util.Timer is one lock
        // that every transaction of every call contends for.
        p.setProperty(
                "gov.nist.javax.sip.TIMER_CLASS_NAME",
                "gov.nist.javax.sip.stack.timers.ScheduledExecutorSipTimer");
        return p;
    }

    /**
     * On undeploy and on SIGTERM: new calls and probes get 503 while the calls in progress end (up
     * to {@value #SHUTDOWN_GRACE}); those still going then are ended, their recordings kept; then
     * the stack stops.
     */
    @PreDestroy
    void shutdown() {
        if (sessions != null && listening) {
            int active = sessions.active();
            LOG.info(
                    () ->
                            "SIP endpoint stopping: new calls refused, "
                                    + active
                                    + " in progress may go on for up to "
                                    + shutdownGrace.toSeconds()
                                    + " s");
            int ended = sessions.drain(shutdownGrace, DRAIN_SETTLE);
            LOG.info(
                    () ->
                            "SIP endpoint drained"
                                    + (ended > 0
                                            ? " (" + ended + " calls ended by the service)"
                                            : ""));
        }
        stop();
    }

    void stop() {
        listening = false;
        System.clearProperty(STARTED);
        if (stopSignal != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopSignal);
            } catch (IllegalStateException shuttingDown) {
                // the hook has run or is running: nothing to remove
            }
            stopSignal = null;
        }
        if (stack != null) {
            try {
                if (provider != null) {
                    if (agent != null) {
                        provider.removeSipListener(agent);
                    }
                    stack.deleteSipProvider(provider);
                }
                for (ListeningPoint point : listeningPoints) {
                    stack.deleteListeningPoint(point);
                }
            } catch (Exception e) {
                LOG.log(
                        Level.WARNING,
                        "SIP endpoint did not release its listening points cleanly",
                        e);
            } finally {
                listeningPoints.clear();
                stack.stop();
                GuardedMessageProcessorFactory.release(stack.getStackName());
                stack = null;
            }
        }
        if (media != null) {
            media.close();
            media = null;
        }
        if (callPool != null) {
            callPool.shutdownNow();
            callPool = null;
        }
        if (callTimers != null) {
            callTimers.shutdownNow();
            callTimers = null;
        }
        if (callLines != null) {
            callLines.close();
            callLines = null;
        }
        LOG.info("SIP endpoint stopped");
    }

    /** The calls in progress (for metrics and readiness). */
    public CallSessions sessions() {
        return sessions;
    }

    /** The PBX probes' sender, while the endpoint listens; empty otherwise. */
    public java.util.Optional<OptionsProber> prober() {
        return listening ? java.util.Optional.ofNullable(prober) : java.util.Optional.empty();
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
}
