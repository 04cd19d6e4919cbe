package it.segreteria.voicemail.continuity.entity;

import it.segreteria.voicemail.tenant.entity.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A failover drill: until it ends, calls from its test callers are routed as in an outage (the
 * outage greeting, the employees' outage plans) while the tenant is not in one, so that its
 * administrators see where calls would go without an outage. A caller is matched on the last 9
 * digits of the number as the network presents it (with or without country code or trunk 0).
 */
@Entity
@Table(name = "continuity_drill")
public class Drill extends TenantOwned {

    /** The longest a drill may run. */
    public static final Duration MAX = Duration.ofHours(4);

    /** Digits of a caller's number that must match. */
    static final int SIGNIFICANT_DIGITS = 9;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "continuity_drill_ids")
    @SequenceGenerator(
            name = "continuity_drill_ids",
            sequenceName = "continuity_drill_seq",
            allocationSize = 1)
    private Long id;

    /** The test callers' numbers, comma-separated, as given. */
    @Column(name = "callers", nullable = false)
    private String callers;

    @Column(name = "started_by", nullable = false)
    private String startedBy;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "ends_at", nullable = false)
    private Instant endsAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Version private long version;

    protected Drill() {}

    public Drill(List<String> callers, Duration length, String startedBy, Instant now) {
        refusal(callers, length)
                .ifPresent(
                        why -> {
                            throw new IllegalArgumentException(why);
                        });
        this.callers = String.join(",", callers);
        this.startedBy = Objects.requireNonNull(startedBy, "started by");
        this.startedAt = now;
        this.endsAt = now.plus(length);
    }

    /** Why a drill of these callers and this length cannot start; empty if it can. */
    public static Optional<String> refusal(List<String> callers, Duration length) {
        if (callers.isEmpty() || callers.stream().anyMatch(c -> digits(c).length() < 6)) {
            return Optional.of("a drill needs its test callers' phone numbers");
        }
        if (length.isNegative() || length.isZero() || length.compareTo(MAX) > 0) {
            return Optional.of("a drill lasts from 1 minute to " + MAX.toHours() + " h");
        }
        return Optional.empty();
    }

    /** Whether a call from {@code callerNumber} at {@code now} is a drill call. */
    public boolean covers(String callerNumber, Instant now) {
        if (!running(now) || callerNumber == null) {
            return false;
        }
        String caller = tail(digits(callerNumber));
        return caller.length() >= 6
                && callers().stream().anyMatch(c -> tail(digits(c)).equals(caller));
    }

    public boolean running(Instant now) {
        return endedAt == null && now.isBefore(endsAt);
    }

    /** Ends the drill now (if it still runs). */
    public void end(Instant now) {
        if (running(now)) {
            endedAt = now;
        }
    }

    public List<String> callers() {
        return Arrays.stream(callers.split(",")).map(String::strip).toList();
    }

    public String startedBy() {
        return startedBy;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant endsAt() {
        return endsAt;
    }

    /** When it was ended before its time, if it was. */
    public Optional<Instant> endedAt() {
        return Optional.ofNullable(endedAt);
    }

    /** When it stopped (or will stop) taking calls. */
    public Instant until() {
        return endedAt != null ? endedAt : endsAt;
    }

    private static String digits(String number) {
        return number.replaceAll("[^0-9]", "");
    }

    private static String tail(String digits) {
        return digits.length() <= SIGNIFICANT_DIGITS
                ? digits
                : digits.substring(digits.length() - SIGNIFICANT_DIGITS);
    }
}
