package it.segreteria.voicemail.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The application's database: its connection pool, its schema and whether it answers.
 *
 * <p>The schema belongs to versioned migrations in {@code db/migration} (Flyway), applied here
 * before anything else touches the database; EclipseLink never generates DDL. The same migrations
 * run on PostgreSQL and on H2 in PostgreSQL mode.
 */
@DataSourceDefinition(
        name = Database.JNDI_NAME,
        className = "it.segreteria.voicemail.platform.control.ConfiguredDataSource",
        minPoolSize = 2,
        maxPoolSize = 50,
        maxIdleTime = 300)
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Database {

    public static final String JNDI_NAME = "java:app/jdbc/voicemail";
    private static final Logger LOG = Logger.getLogger(Database.class.getName());
    private static final int VALIDATION_TIMEOUT_SECONDS = 2;

    @Resource(lookup = JNDI_NAME)
    DataSource dataSource;

    @Inject Config config;

    private String kind;

    /**
     * Set once the container has created this singleton and the schema is migrated. Health checks
     * read it before they call the bean: the first call of a singleton creates it, and a probe that
     * arrives while Payara is still starting the applications would create it on an HTTP thread of
     * another application, where its resources cannot be injected and the singleton stays broken
     * for good (seen in the tests' start-up polling).
     */
    private static volatile boolean migrated;

    /** Whether the container has started this bean; safe to call at any time. */
    public static boolean migrated() {
        return migrated;
    }

    @PostConstruct
    void migrate() {
        kind = DatabaseSettings.from(config).kind();
        MigrateResult result =
                Flyway.configure(Database.class.getClassLoader())
                        .dataSource(dataSource)
                        .locations("classpath:db/migration")
                        .failOnMissingLocations(true)
                        // a database that starts a little after the service is waited for (~1 min)
                        .connectRetries(6)
                        .load()
                        .migrate();
        LOG.info(
                () ->
                        "Database ("
                                + kind
                                + ") schema at version "
                                + result.targetSchemaVersion
                                + ", "
                                + result.migrationsExecuted
                                + " migration(s) applied");
        migrated = true;
    }

    @jakarta.annotation.PreDestroy
    void stopped() {
        migrated = false;
    }

    /** Whether the database answers now; used by the readiness check. */
    public boolean answers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(VALIDATION_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Database does not answer: {0}", e.getMessage());
            return false;
        }
    }

    public String kind() {
        return kind;
    }
}
