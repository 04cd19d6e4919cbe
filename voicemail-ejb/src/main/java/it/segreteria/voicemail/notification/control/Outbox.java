package it.segreteria.voicemail.notification.control;

import it.segreteria.voicemail.platform.control.Database;
import it.segreteria.voicemail.shared.TenantId;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The one cross-tenant read of the outbox: which notifications are due, as (tenant, id) pairs only.
 * Everything else about a notification is read and written in its tenant's transaction.
 */
@Stateless
public class Outbox {

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    public record Due(TenantId tenant, long id) {}

    public List<Due> due(Instant now, int limit) {
        List<Due> due = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query =
                        connection.prepareStatement(
                                "select tenant_id, id from notification where status = 'PENDING'"
                                        + " and next_attempt_at <= ? order by next_attempt_at, id")) {
            query.setTimestamp(1, Timestamp.from(now));
            query.setMaxRows(limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    due.add(new Due(TenantId.of(rows.getString(1)), rows.getLong(2)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the outbox", e);
        }
        return due;
    }
}
