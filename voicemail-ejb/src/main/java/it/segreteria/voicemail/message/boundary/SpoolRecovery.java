package it.segreteria.voicemail.message.boundary;

import it.segreteria.voicemail.message.control.MessageSpool;
import it.segreteria.voicemail.message.control.MessageSpool.Entry;
import it.segreteria.voicemail.message.control.MessageSpool.SpooledMessage;
import it.segreteria.voicemail.platform.control.DatabaseSettings;
import it.segreteria.voicemail.shared.TenantId;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Stores the messages left in the spool by a crash or a database outage: at start-up and every 15
 * seconds. Storing is idempotent per Call-ID, so a message that did reach the database before the
 * crash is not doubled.
 */
@Singleton
@Startup
@DependsOn("Provisioning")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SpoolRecovery {

    private static final Logger LOG = Logger.getLogger(SpoolRecovery.class.getName());

    @Inject Config config;

    @Inject Messages messages;

    private MessageSpool spool;
    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void recoverAtStartup() {
        spool = new MessageSpool(directory(config));
        recover();
    }

    public static Path directory(Config config) {
        return Path.of(
                        config.getOptionalValue(DatabaseSettings.DATA_DIR, String.class)
                                .orElse("data"))
                .toAbsolutePath()
                .resolve("spool");
    }

    public MessageSpool spool() {
        return spool;
    }

    @Schedule(second = "*/15", minute = "*", hour = "*", persistent = false)
    public void recover() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            for (Entry entry : spool.pending()) {
                SpooledMessage m = entry.message();
                try {
                    long id =
                            messages.deposit(
                                    TenantId.of(m.tenant()),
                                    m.mailboxId(),
                                    m.origin(),
                                    Instant.parse(m.receivedAt()),
                                    Duration.ofMillis(m.durationMillis()),
                                    entry.wav());
                    spool.remove(entry.key());
                    LOG.info(
                            () ->
                                    "spooled message of call "
                                            + m.sipCallId()
                                            + " stored as message "
                                            + id
                                            + " ["
                                            + m.tenant()
                                            + "]");
                } catch (RuntimeException e) {
                    LOG.log(
                            Level.WARNING,
                            "spooled message of call "
                                    + m.sipCallId()
                                    + " ["
                                    + m.tenant()
                                    + "] not stored yet: "
                                    + e.getMessage());
                }
            }
        } finally {
            running.set(false);
        }
    }
}
