package it.segreteria.voicemail.call.boundary;

import it.segreteria.voicemail.call.control.CallRouting;
import it.segreteria.voicemail.call.control.Destination;
import it.segreteria.voicemail.mailbox.boundary.Mailboxes;
import it.segreteria.voicemail.mailbox.control.NumberDirectory;
import it.segreteria.voicemail.mailbox.control.NumberDirectory.NumberOwner;
import it.segreteria.voicemail.mailbox.entity.Mailbox;
import it.segreteria.voicemail.mailbox.entity.MailboxNumber;
import it.segreteria.voicemail.shared.PhoneNumber;
import it.segreteria.voicemail.shared.RoutingChanged;
import it.segreteria.voicemail.shared.TenantId;
import it.segreteria.voicemail.tenant.boundary.Tenants;
import it.segreteria.voicemail.tenant.entity.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Routes a call by the public numbers it was for: the first one that is a direct number of an
 * active mailbox wins. A number that reaches nothing is answered like every other unknown number.
 *
 * <p>Routes are cached: a call costs no database read when its numbers were routed in the last
 * {@value #CACHE_SECONDS} seconds. Provisioning and greeting changes clear the cache at once (on
 * this instance; other instances follow within that time). When the database cannot be read, the
 * last route known for the numbers is used however old: during a database outage callers still
 * reach the mailboxes they reached before, and their messages wait in the spool.
 */
@ApplicationScoped
public class CallRouter implements CallRouting {

    static final long CACHE_SECONDS = 5;
    private static final int CACHE_SIZE = 20_000;

    private record Cached(Optional<Destination> destination, long expiresNanos) {}

    private final Map<List<String>, Cached> cache = new ConcurrentHashMap<>();

    @Inject NumberDirectory directory;

    @Inject Mailboxes mailboxes;

    @Inject Tenants tenants;

    @Inject GreetingCache greetings;

    @Override
    public Optional<Destination> route(List<String> calledNumbers) {
        long now = System.nanoTime();
        Cached cached = cache.get(calledNumbers);
        if (cached != null && now - cached.expiresNanos() < 0) {
            return cached.destination();
        }
        Optional<Destination> destination;
        try {
            destination = lookUp(calledNumbers);
        } catch (RuntimeException databaseUnavailable) {
            if (cached != null) {
                return cached.destination();
            }
            throw databaseUnavailable;
        }
        if (cache.size() >= CACHE_SIZE) {
            cache.clear(); // a flood of distinct numbers must not grow the heap
        }
        cache.put(
                List.copyOf(calledNumbers),
                new Cached(destination, now + TimeUnit.SECONDS.toNanos(CACHE_SECONDS)));
        return destination;
    }

    /** Provisioning or a greeting changed: route afresh. */
    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) RoutingChanged change) {
        cache.clear();
    }

    private Optional<Destination> lookUp(List<String> calledNumbers) {
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
                            destination(tenant.get(), mailbox.get(), number.get().value()));
                }
            }
        }
        return forwardedToTenantNumber(calledNumbers);
    }

    /**
     * A call to one of a tenant's own numbers (where its PBX forwards unanswered calls) reaches the
     * active mailbox whose number one of the other called numbers is, typically the extension in
     * {@code Diversion}.
     */
    private Optional<Destination> forwardedToTenantNumber(List<String> calledNumbers) {
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
                    return Optional.of(destination(owner.get(), mailbox.get(), called));
                }
            }
        }
        return Optional.empty();
    }

    private Destination destination(Tenant tenant, Mailbox mailbox, String calledNumber) {
        return new Destination(
                tenant.id(),
                mailbox.id(),
                mailbox.number().value(),
                mailbox.effectiveLanguage(tenant),
                calledNumber,
                greetings.greeting(tenant.id(), mailbox.id()),
                tenant.limits());
    }

    private static Optional<PhoneNumber> parse(String called) {
        try {
            return Optional.of(PhoneNumber.parse(called));
        } catch (IllegalArgumentException notANumber) {
            return Optional.empty();
        }
    }
}
