package it.segreteria.voicemail.continuity.entity;

import it.segreteria.voicemail.tenant.entity.TenantOwned;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A tenant's own outage greeting, recorded by its administrators: what every caller hears first
 * while the tenant is in an outage, instead of the system's. One per tenant; 8 kHz 16-bit mono WAV
 * (checked as a mailbox greeting is). Its version tells a cache whether its audio is current.
 */
@Entity
@Table(name = "outage_greeting")
public class OutageGreeting extends TenantOwned {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outage_greeting_ids")
    @SequenceGenerator(
            name = "outage_greeting_ids",
            sequenceName = "outage_greeting_seq",
            allocationSize = 1)
    private Long id;

    @Lob
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "wav", nullable = false)
    private byte[] wav;

    @Version private long version;

    protected OutageGreeting() {}

    public OutageGreeting(byte[] wav) {
        this.wav = wav.clone();
    }

    public void replace(byte[] newWav) {
        this.wav = newWav.clone();
    }

    public byte[] wav() {
        return wav.clone();
    }

    public long version() {
        return version;
    }
}
