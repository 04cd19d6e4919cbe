package it.segreteria.voicemail.platform.control;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Where the data lives, from {@code voicemail.db.*}. Without a URL the service keeps its data in an
 * embedded H2 database file under {@code voicemail.data.dir}, so that it runs with no set-up at
 * all; production points {@code voicemail.db.url} at PostgreSQL.
 */
public record DatabaseSettings(String url, String user, String password) {

    public static final String URL = "voicemail.db.url";
    public static final String USER = "voicemail.db.user";
    public static final String PASSWORD = "voicemail.db.password";
    public static final String DATA_DIR = "voicemail.data.dir";

    /** PostgreSQL compatibility keeps the one set of migrations valid on both databases. */
    private static final String H2_OPTIONS =
            ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    public DatabaseSettings {
        Objects.requireNonNull(url, URL);
        if (!isH2(url) && !isPostgres(url)) {
            throw new IllegalArgumentException(
                    URL + " must be a jdbc:postgresql: or jdbc:h2: URL, got '" + url + "'");
        }
    }

    public static DatabaseSettings from(Config config) {
        String url =
                config.getOptionalValue(URL, String.class)
                        .filter(u -> !u.isBlank())
                        .orElseGet(() -> embeddedUrl(dataDir(config)));
        return new DatabaseSettings(
                url,
                config.getOptionalValue(USER, String.class).orElse(isH2(url) ? "sa" : null),
                config.getOptionalValue(PASSWORD, String.class).orElse(""));
    }

    /** Where the service keeps its files ({@value #DATA_DIR}, default {@code ./data}). */
    public static Path dataDir(Config config) {
        return Path.of(config.getOptionalValue(DATA_DIR, String.class).orElse("data"))
                .toAbsolutePath();
    }

    static String embeddedUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("voicemail") + H2_OPTIONS;
    }

    public DataSource dataSource() {
        if (isH2(url)) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(url);
            h2.setUser(user);
            h2.setPassword(password);
            return h2;
        }
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL(url);
        Optional.ofNullable(user).ifPresent(postgres::setUser);
        postgres.setPassword(password);
        return postgres;
    }

    /**
     * The kind of database, for health reports and logs; never the URL, which may carry secrets.
     */
    public String kind() {
        return isH2(url) ? "h2" : "postgresql";
    }

    private static boolean isH2(String url) {
        return url.startsWith("jdbc:h2:");
    }

    private static boolean isPostgres(String url) {
        return url.startsWith("jdbc:postgresql:");
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + kind() + "]";
    }
}
