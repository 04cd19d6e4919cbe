package it.segreteria.voicemail.call.boundary;

import it.segreteria.voicemail.call.control.CallRouting;
import it.segreteria.voicemail.call.control.Destination;
import it.segreteria.voicemail.continuity.boundary.Continuities;
import it.segreteria.voicemail.continuity.boundary.OutageCalls;
import it.segreteria.voicemail.continuity.boundary.PbxMonitor;
import it.segreteria.voicemail.continuity.entity.Drill;
import it.segreteria.voicemail.mailbox.boundary.Mailboxes;
import it.segreteria.voicemail.mailbox.control.NumberDirectory;
import it.segreteria.voicemail.mailbox.control.NumberDirectory.NumberOwner;
import it.segreteria.voicemail.mailbox.entity.Mailbox;
import it.segreteria.voicemail.mailbox.entity.MailboxNumber;
import it.segreteria.voicemail.mailbox.entity.OutagePlan;
import it.segreteria.voicemail.shared.PhoneNumber;
import it.segreteria.voicemail.shared.RoutingChanged;
import it.segreteria.voicemail.shared.TenantId;
import it.segreteria.voicemail.tenant.boundary.Tenants;
import it.segreteria.voicemail.tenant.entity.Tenant;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Routes a call by the public numbers it was for: the first one that is a direct number of an
 * active mailbox wins; then a tenant number with the forwarded extension; then a tenant's access
 * number (the caller logs in to hear messages). A number that reaches nothing is answered like
 * every other unknown number.
 *
 * <p>Routes are cached: a call costs no database read when its numbers were routed in the last
 * {@value #CACHE_SECONDS} seconds. An older route is still used at once, and read afresh in the
 * background (once per numbers at a time), so a slow database delays no call whose numbers were
 * routed before: only numbers never seen wait for it. Provisioning and greeting changes clear the
 * cache at once (on this instance; other instances follow within that time, plus the calls that
 * arrive while the fresh read runs). When the database cannot be read, the last route known for the
 * numbers is used however old: during a database outage callers still reach the mailboxes they
 * reached before, and their messages wait in the spool.
 */
@ApplicationScoped
public class CallRouter implements CallRouting {

    static final long CACHE_SECONDS = 5;
    private static final int CACHE_SIZE = 20_000;
    private static final int REFRESH_THREADS = 2;
    private static final int REFRESH_QUEUE = 1_000;
    private static final Logger LOG = Logger.getLogger(CallRouter.class.getName());

    private record Cached(Optional<Destination> destination, long expiresNanos) {}

    private final Map<List<String>, Cached> cache = new ConcurrentHashMap<>();
    private final Set<List<String>> refreshing = ConcurrentHashMap.newKeySet();
    private ThreadPoolExecutor refresher;

    // by name: a CDI bean of the EJB module gets no default resource injected (it came null)
    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Inject NumberDirectory directory;

    @Inject Mailboxes mailboxes;

    @Inject Tenants tenants;

    @Inject GreetingCache greetings;

    @Inject Continuities continuities;

    @Inject OutageCalls outageCalls;

    @Inject PbxMonitor pbxMonitor;

    @Override
    public Destination failedOver(
            List<String> calledNumbers, Destination routed, String why, String actor) {
        try {
            if (!pbxMonitor.failedOver(routed.tenant(), why, actor)) {
                return routed;
            }
        } catch (RuntimeException e) {
            // the call goes on as routed; the PBX monitor finds the outage by itself
            LOG.log(Level.WARNING, "[" + routed.tenant() + "] " + why + ", not recorded", e);
            return routed;
        }
        cache.clear(); // the outage changed every route of the tenant (also cleared by the event)
        return route(calledNumbers).orElse(routed);
    }

    private record CachedDrill(Optional<Drill> drill, long expiresNanos) {}

    private final Map<TenantId, CachedDrill> drills = new ConcurrentHashMap<>();

    @Override
    public Optional<Destination> drill(
            List<String> calledNumbers, Destination routed, String callerNumber, String callId) {
        if (routed.outage() || routed.access() || routed.attendant()) {
            return Optional.empty();
        }
        TenantId tenant = routed.tenant();
        CachedDrill cached = drills.get(tenant);
        if (cached == null) {
            cached = loadDrill(tenant);
        } else if (System.nanoTime() - cached.expiresNanos() >= 0) {
            refreshDrillLater(tenant); // like routes: a slow database delays no call
        }
        if (cached.drill().isEmpty()
                || !cached.drill().get().covers(callerNumber, java.time.Instant.now())) {
            return Optional.empty();
        }
        Optional<Destination> drilled = lookUp(calledNumbers, true);
        drilled.ifPresent(
                d ->
                        continuities.drillCall(
                                tenant,
                                callId,
                                callerNumber,
                                d.calledNumber(),
                                "mailbox "
                                        + d.mailboxNumber()
                                        + d.forwarding()
                                                .map(
                                                        plan ->
                                                                ", first ringing "
                                                                        + String.join(
                                                                                plan.together()
                                                                                        ? " and "
                                                                                        : " then ",
                                                                                plan.numbers()))
                                                .orElse("")));
        return drilled;
    }

    private final Set<TenantId> refreshingDrills = ConcurrentHashMap.newKeySet();

    /**
     * Reads the tenant's drill and caches it; a database that cannot be read means no drill (the
     * call is served as usual, never refused for it).
     */
    private CachedDrill loadDrill(TenantId tenant) {
        try {
            return readDrill(tenant);
        } catch (RuntimeException databaseUnavailable) {
            LOG.log(Level.FINE, "[" + tenant + "] drill not read", databaseUnavailable);
            return cacheDrill(tenant, Optional.empty());
        }
    }

    private CachedDrill readDrill(TenantId tenant) {
        return cacheDrill(tenant, continuities.drill(tenant));
    }

    private CachedDrill cacheDrill(TenantId tenant, Optional<Drill> drill) {
        CachedDrill cached =
                new CachedDrill(drill, System.nanoTime() + TimeUnit.SECONDS.toNanos(CACHE_SECONDS));
        drills.put(tenant, cached);
        return cached;
    }

    private void refreshDrillLater(TenantId tenant) {
        inBackground(refreshingDrills, tenant, () -> readDrill(tenant), "drill of " + tenant);
    }

    @Override
    public Optional<Destination> route(List<String> calledNumbers) {
        Optional<Destination> destination;
        Cached cached = cache.get(calledNumbers);
        if (cached != null) {
            if (System.nanoTime() - cached.expiresNanos() >= 0) {
                refreshLater(List.copyOf(calledNumbers));
            }
            destination = cached.destination();
        } else {
            destination = refresh(List.copyOf(calledNumbers));
        }
        destination
                .filter(Destination::outage)
                .ifPresent(taken -> outageCalls.taken(taken.tenant()));
        return destination;
    }

    @PostConstruct
    void start() {
        refresher =
                new ThreadPoolExecutor(
                        REFRESH_THREADS,
                        REFRESH_THREADS,
                        30,
                        TimeUnit.SECONDS,
                        new ArrayBlockingQueue<>(REFRESH_QUEUE),
                        threads);
        refresher.allowCoreThreadTimeOut(true);
    }

    @PreDestroy
    void stop() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    /** Reads the route of these numbers and caches it. */
    private Optional<Destination> refresh(List<String> calledNumbers) {
        long now = System.nanoTime();
        Optional<Destination> destination = lookUp(calledNumbers, false);
        if (cache.size() >= CACHE_SIZE) {
            cache.clear(); // a flood of distinct numbers must not grow the heap
        }
        cache.put(
                calledNumbers,
                new Cached(destination, now + TimeUnit.SECONDS.toNanos(CACHE_SECONDS)));
        return destination;
    }

    /**
     * Reads the route again off the call's thread, once per numbers at a time; while the database
     * cannot be read (or the refresh queue is full) the cached route stays.
     */
    private void refreshLater(List<String> calledNumbers) {
        inBackground(
                refreshing,
                calledNumbers,
                () -> refresh(calledNumbers),
                "route of " + calledNumbers);
    }

    /**
     * Runs {@code read} on the refresh threads, once per key at a time ({@code running} holds the
     * keys in progress); while the database cannot be read (or the queue is full) what is cached
     * stays.
     */
    private <K> void inBackground(Set<K> running, K key, Runnable read, String what) {
        if (refresher == null || !running.add(key)) {
            return;
        }
        Runnable task =
                () -> {
                    try {
                        read.run();
                    } catch (RuntimeException databaseUnavailable) {
                        LOG.log(Level.FINE, what + " not refreshed", databaseUnavailable);
                    } finally {
                        running.remove(key);
                    }
                };
        try {
            refresher.execute(task);
        } catch (RejectedExecutionException busy) {
            running.remove(key);
        }
    }

    /** Provisioning or a greeting changed: route afresh. */
    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) RoutingChanged change) {
        cache.clear();
        drills.clear();
    }

    /** The route of these numbers; as in an outage if {@code drill} (a drill's test call). */
    private Optional<Destination> lookUp(List<String> calledNumbers, boolean drill) {
        for (String called : calledNumbers) {
            Optional<PhoneNumber> number = parse(called);
            if (number.isEmpty()) {
                continue;
            }
            Optional<NumberOwner> owner = directory.find(number.get());
            if (owner.isPresent()) {
                Optional<Tenant> tenant = tenants.find(owner.get().tenant());
                Optional<Mailbox> mailbox =
                        mailboxes.byId(owner.get().tenant(), owner.get().mailboxId());
                if (tenant.isPresent() && mailbox.isPresent()) {
                    return Optional.of(
                            destination(tenant.get(), mailbox.get(), number.get().value(), drill));
                }
            }
        }
        Optional<Destination> forwarded = forwardedToTenantNumber(calledNumbers, drill);
        if (forwarded.isPresent()) {
            return forwarded;
        }
        Optional<Destination> access = accessNumber(calledNumbers);
        return access.isPresent() ? access : attendant(calledNumbers);
    }

    /**
     * A call to a tenant's own number that names no mailbox of it (no extension forwarded, or one
     * without a mailbox): the caller is asked for the extension, instead of a dead end.
     */
    private Optional<Destination> attendant(List<String> calledNumbers) {
        for (String called : calledNumbers) {
            Optional<PhoneNumber> number = parse(called);
            Optional<Tenant> tenant = number.flatMap(directory::tenantOf).flatMap(tenants::find);
            if (tenant.isPresent()) {
                return Optional.of(
                        Destination.attendantOf(
                                tenant.get().id(),
                                tenant.get().language(),
                                number.get().value(),
                                tenant.get().limits()));
            }
        }
        return Optional.empty();
    }

    /** A call to a tenant's access number: one of its employees calls to hear their messages. */
    private Optional<Destination> accessNumber(List<String> calledNumbers) {
        for (String called : calledNumbers) {
            Optional<PhoneNumber> number = parse(called);
            Optional<Tenant> tenant =
                    number.flatMap(directory::accessTenantOf).flatMap(tenants::find);
            if (tenant.isPresent()) {
                return Optional.of(
                        Destination.accessPoint(
                                tenant.get().id(),
                                tenant.get().language(),
                                number.get().value(),
                                tenant.get().limits(),
                                tenant.get().skipMailboxQuestion()));
            }
        }
        return Optional.empty();
    }

    /**
     * A call to one of a tenant's own numbers (where its PBX forwards unanswered calls) reaches the
     * active mailbox whose number one of the other called numbers is, typically the extension in
     * {@code Diversion}.
     */
    private Optional<Destination> forwardedToTenantNumber(
            List<String> calledNumbers, boolean drill) {
        for (String called : calledNumbers) {
            Optional<TenantId> tenant = parse(called).flatMap(directory::tenantOf);
            if (tenant.isEmpty()) {
                continue;
            }
            for (String extension : calledNumbers) {
                if (extension.equals(called) || !extension.matches("[0-9]{1,15}")) {
                    continue;
                }
                Optional<Mailbox> mailbox =
                        mailboxes
                                .byNumber(tenant.get(), MailboxNumber.of(extension))
                                .filter(Mailbox::active);
                Optional<Tenant> owner = tenants.find(tenant.get());
                if (mailbox.isPresent() && owner.isPresent()) {
                    return Optional.of(destination(owner.get(), mailbox.get(), called, drill));
                }
            }
        }
        return Optional.empty();
    }

    private Destination destination(
            Tenant tenant, Mailbox mailbox, String calledNumber, boolean drill) {
        boolean outage = drill || continuities.outage(tenant.id());
        if (!outage) {
            return mailboxDestination(tenant, mailbox, calledNumber, false);
        }
        // the owner's outage plan: the phones to ring first, and the mailbox it ends in
        OutagePlan plan = mailbox.owner().outage();
        Mailbox target =
                plan.mailbox()
                        .flatMap(number -> mailboxes.byNumber(tenant.id(), number))
                        .filter(Mailbox::active)
                        .orElse(mailbox);
        Destination destination =
                mailboxDestination(tenant, target, calledNumber, true)
                        .withOutageNotice(greetings.outageGreeting(tenant.id()));
        List<String> phones =
                plan.rings() && tenant.trunkUri() != null
                        ? mailboxes.phonesToRing(tenant.id(), plan.ring()).stream()
                                .map(PhoneNumber::value)
                                .toList()
                        : List.of();
        return phones.isEmpty()
                ? destination
                : destination.forwardedFirst(
                        new Destination.Forwarding(
                                tenant.trunkUri(),
                                phones,
                                plan.together(),
                                mailbox.ringsBeforeVoicemail()));
    }

    private Destination mailboxDestination(
            Tenant tenant, Mailbox mailbox, String calledNumber, boolean outage) {
        return new Destination(
                        tenant.id(),
                        mailbox.id(),
                        mailbox.number().value(),
                        mailbox.effectiveLanguage(tenant),
                        calledNumber,
                        greetings.greeting(tenant.id(), mailbox.id()),
                        tenant.limits())
                .inOutage(outage);
    }

    private static Optional<PhoneNumber> parse(String called) {
        try {
            return Optional.of(PhoneNumber.parse(called));
        } catch (IllegalArgumentException notANumber) {
            return Optional.empty();
        }
    }
}
