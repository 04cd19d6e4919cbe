package it.segreteria.voicemail.continuity.control;

import it.segreteria.voicemail.platform.control.Database;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * A named lease in the database, so that a task meant to run once (the PBX monitor) runs on one
 * instance when several serve the same database: the holder renews it before it expires; another
 * instance takes it over only once it has expired. Plain JDBC: the lease belongs to no tenant.
 */
@Stateless
public class ServiceLease {

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    /** Takes or renews the lease {@code name} for {@code holder}; whether it holds it now. */
    public boolean hold(String name, String holder, Duration length) {
        Instant now = Instant.now();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement renew =
                    connection.prepareStatement(
                            "update service_lease set holder = ?, expires_at = ?"
                                    + " where name = ? and (holder = ? or expires_at < ?)")) {
                renew.setString(1, holder);
                renew.setTimestamp(2, Timestamp.from(now.plus(length)));
                renew.setString(3, name);
                renew.setString(4, holder);
                renew.setTimestamp(5, Timestamp.from(now));
                if (renew.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement take =
                    connection.prepareStatement(
                            "insert into service_lease (name, holder, expires_at) values (?, ?, ?)")) {
                take.setString(1, name);
                take.setString(2, holder);
                take.setTimestamp(3, Timestamp.from(now.plus(length)));
                return take.executeUpdate() == 1;
            } catch (SQLException heldByAnother) {
                return false; // the row exists and is another's, not expired
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the lease " + name, e);
        }
    }
}
