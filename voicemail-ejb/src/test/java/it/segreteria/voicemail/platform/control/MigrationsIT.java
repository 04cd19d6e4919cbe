package it.segreteria.voicemail.platform.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The migrations build the same schema on PostgreSQL and on the embedded H2 default, and that
 * schema refuses, on its own, rows that point at another tenant's rows.
 */
class MigrationsIT {

    private static EmbeddedPostgres postgres;
    @TempDir static Path dataDir;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    static Stream<Arguments> databases() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("drop database if exists migrations_it");
            s.execute("create database migrations_it");
        }
        DatabaseSettings h2 =
                new DatabaseSettings(
                        DatabaseSettings.embeddedUrl(dataDir.resolve("h2-" + System.nanoTime())),
                        "sa",
                        "");
        DatabaseSettings pg =
                new DatabaseSettings(
                        postgres.getJdbcUrl("postgres", "migrations_it"), "postgres", "");
        return Stream.of(
                Arguments.of("h2", h2.dataSource()), Arguments.of("postgresql", pg.dataSource()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void migrationsBuildATenantSafeSchemaAndRunOnce(String kind, DataSource db)
            throws SQLException {
        Flyway flyway =
                Flyway.configure().dataSource(db).locations("classpath:db/migration").load();
        assertThat(flyway.migrate().migrationsExecuted).isPositive();
        assertThat(flyway.migrate().migrationsExecuted).isZero();

        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            s.execute(
                    "insert into tenant (id, name, time_zone, language, version) values ('acme', 'ACME', 'Europe/Rome', 'it', 1)");
            s.execute(
                    "insert into tenant (id, name, time_zone, language, version) values ('globex', 'Globex', 'UTC', 'en', 1)");
            s.execute(
                    "insert into employee (id, tenant_id, employee_key, display_name, emails, key_staff, version) values (1, 'acme', 'mario', 'Mario', '', false, 1)");
            s.execute(
                    "insert into employee (id, tenant_id, employee_key, display_name, emails, key_staff, version) values (2, 'globex', 'homer', 'Homer', '', false, 1)");
            s.execute(
                    "insert into mailbox (id, tenant_id, owner_id, number, rings_before_voicemail, active, version) values (10, 'acme', 1, '100', 4, true, 1)");
            // the same mailbox number in another tenant is fine
            s.execute(
                    "insert into mailbox (id, tenant_id, owner_id, number, rings_before_voicemail, active, version) values (11, 'globex', 2, '100', 4, true, 1)");

            assertThatExceptionOfType(SQLException.class)
                    .as("a globex mailbox owned by an acme employee")
                    .isThrownBy(
                            () ->
                                    s.execute(
                                            "insert into mailbox (id, tenant_id, owner_id, number, rings_before_voicemail, active, version) values (12, 'globex', 1, '101', 4, true, 1)"));
            assertThatExceptionOfType(SQLException.class)
                    .as("the same mailbox number twice in one tenant")
                    .isThrownBy(
                            () ->
                                    s.execute(
                                            "insert into mailbox (id, tenant_id, owner_id, number, rings_before_voicemail, active, version) values (13, 'acme', 1, '100', 4, true, 1)"));
            s.execute(
                    "insert into direct_number (id, tenant_id, mailbox_id, number) values (1, 'acme', 10, '+390255500100')");
            assertThatExceptionOfType(SQLException.class)
                    .as("a public number given to two tenants")
                    .isThrownBy(
                            () ->
                                    s.execute(
                                            "insert into direct_number (id, tenant_id, mailbox_id, number) values (2, 'globex', 11, '+390255500100')"));
            assertThatExceptionOfType(SQLException.class)
                    .as("a message of globex in an acme mailbox")
                    .isThrownBy(
                            () ->
                                    s.execute(
                                            "insert into voice_message (id, tenant_id, mailbox_id, received_at, duration_ms, state, version)"
                                                    + " values (1, 'globex', 10, current_timestamp, 1000, 'NEW', 1)"));
        }
    }
}
