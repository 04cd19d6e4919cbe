package it.segreteria.voicemail.mailbox.entity;

import it.segreteria.voicemail.shared.PhoneNumber;
import it.segreteria.voicemail.tenant.entity.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * A public number that reaches a mailbox directly (a DID). Public numbers are unique in the world,
 * so the database refuses the same number for two mailboxes even across tenants.
 */
@Entity
@Table(name = "direct_number")
public class DirectNumber extends TenantOwned {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "direct_number_ids")
    @SequenceGenerator(
            name = "direct_number_ids",
            sequenceName = "direct_number_seq",
            allocationSize = 50)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "mailbox_id", nullable = false, updatable = false)
    private Mailbox mailbox;

    @Column(name = "number", nullable = false, updatable = false)
    private PhoneNumber number;

    protected DirectNumber() {}

    DirectNumber(Mailbox mailbox, PhoneNumber number) {
        this.mailbox = mailbox;
        this.number = number;
    }

    public PhoneNumber number() {
        return number;
    }

    public Mailbox mailbox() {
        return mailbox;
    }
}
