package it.segreteria.voicemail.continuity.entity;

import it.segreteria.voicemail.tenant.entity.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant's business continuity: the mode its administrators chose and what the PBX monitor found.
 * The tenant is in an outage — the service takes over its calls — when the mode is {@link
 * ContinuityMode#ON}, or {@link ContinuityMode#AUTO} while its PBX is down; never when {@link
 * ContinuityMode#OFF}.
 *
 * <p>Life cycle: created on first use (AUTO, PBX not known to be down); the mode changes on an
 * administrator's request, the PBX state on the monitor's verdicts. Each change that starts or ends
 * an outage stamps when and why.
 */
@Entity
@Table(name = "continuity")
public class Continuity extends TenantOwned {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "continuity_ids")
    @SequenceGenerator(name = "continuity_ids", sequenceName = "continuity_seq", allocationSize = 1)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(name = "mode", nullable = false)
    private ContinuityMode mode;

    @Column(name = "pbx_down", nullable = false)
    private boolean pbxDown;

    @Column(name = "pbx_down_since")
    private Instant pbxDownSince;

    @Column(name = "outage_since")
    private Instant outageSince;

    @Column(name = "reason")
    private String reason;

    @Version private long version;

    protected Continuity() {}

    /** A tenant's continuity before anybody changed it: AUTO, no outage. */
    public static Continuity initial() {
        Continuity continuity = new Continuity();
        continuity.mode = ContinuityMode.AUTO;
        return continuity;
    }

    /** What a change did to the outage. */
    public enum Change {
        NONE,
        OUTAGE_STARTED,
        OUTAGE_ENDED
    }

    /** The administrators' choice; {@code why} is said in the status while it causes an outage. */
    public Change setMode(ContinuityMode newMode, String why, Instant now) {
        boolean before = outage();
        mode = Objects.requireNonNull(newMode, "mode");
        return changed(before, why, now);
    }

    /** The PBX monitor's verdict. */
    public Change pbxDown(boolean down, String why, Instant now) {
        boolean before = outage();
        if (down != pbxDown) {
            pbxDown = down;
            pbxDownSince = down ? now : null;
        }
        return changed(before, why, now);
    }

    private Change changed(boolean before, String why, Instant now) {
        boolean after = outage();
        if (before == after) {
            return Change.NONE;
        }
        if (after) {
            outageSince = now;
            reason = why;
            return Change.OUTAGE_STARTED;
        }
        outageSince = null;
        reason = null;
        return Change.OUTAGE_ENDED;
    }

    /** Whether the service takes over the tenant's calls now. */
    public boolean outage() {
        return mode == ContinuityMode.ON || (mode == ContinuityMode.AUTO && pbxDown);
    }

    public ContinuityMode mode() {
        return mode;
    }

    public boolean pbxDown() {
        return pbxDown;
    }

    public Optional<Instant> pbxDownSince() {
        return Optional.ofNullable(pbxDownSince);
    }

    public Optional<Instant> outageSince() {
        return Optional.ofNullable(outageSince);
    }

    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }
}
