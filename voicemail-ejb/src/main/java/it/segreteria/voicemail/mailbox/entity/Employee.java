package it.segreteria.voicemail.mailbox.entity;

import it.segreteria.voicemail.tenant.entity.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.Objects;

/**
 * A person of a tenant who owns one or more mailboxes and receives their notifications. Identified
 * inside the tenant by a stable key chosen by the tenant's administrators (e.g. the user name), so
 * that renaming somebody or changing their address updates them instead of creating a new employee.
 */
@Entity
@Table(name = "employee")
public class Employee extends TenantOwned {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "employee_ids")
    @SequenceGenerator(name = "employee_ids", sequenceName = "employee_seq", allocationSize = 50)
    private Long id;

    @Column(name = "employee_key", nullable = false, updatable = false)
    private String key;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "emails", nullable = false)
    private EmailAddresses emails;

    @Column(name = "key_staff", nullable = false)
    private boolean keyStaff;

    @Version private long version;

    protected Employee() {}

    public Employee(String key, EmployeeProfile profile) {
        this.key = Objects.requireNonNull(key, "employee key");
        apply(profile);
    }

    /** Brings the employee to the given profile; returns whether anything changed. */
    public boolean apply(EmployeeProfile profile) {
        boolean changed =
                !Objects.equals(displayName, profile.displayName())
                        || !Objects.equals(emails, profile.emails())
                        || keyStaff != profile.keyStaff();
        displayName = profile.displayName();
        emails = profile.emails();
        keyStaff = profile.keyStaff();
        return changed;
    }

    public Long id() {
        return id;
    }

    public String key() {
        return key;
    }

    public String displayName() {
        return displayName;
    }

    public EmailAddresses emails() {
        return emails;
    }

    /**
     * Key staff are the people whose calls continuity mode routes first when the office PBX is
     * down.
     */
    public boolean keyStaff() {
        return keyStaff;
    }

    public long version() {
        return version;
    }

    /** The attributes of an employee that an administrator sets. */
    public record EmployeeProfile(String displayName, EmailAddresses emails, boolean keyStaff) {
        public EmployeeProfile {
            Objects.requireNonNull(displayName, "display name");
            Objects.requireNonNull(emails, "emails");
        }
    }
}
