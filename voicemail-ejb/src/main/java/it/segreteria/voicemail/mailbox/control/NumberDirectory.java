package it.segreteria.voicemail.mailbox.control;

import it.segreteria.voicemail.platform.control.Database;
import it.segreteria.voicemail.shared.PhoneNumber;
import it.segreteria.voicemail.shared.TenantId;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The one deliberate cross-tenant read: which tenant a public number belongs to. Public numbers are
 * unique across the service, so the answer is never ambiguous; it reveals a tenant id and nothing
 * of the tenant's data. Plain JDBC, because multitenant entities cannot be queried across tenants
 * (by design).
 */
@Stateless
public class NumberDirectory {

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    /** The tenant and active mailbox a public number reaches, if any. */
    public Optional<NumberOwner> find(PhoneNumber number) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query =
                        connection.prepareStatement(
                                "select d.tenant_id, d.mailbox_id from direct_number d"
                                        + " join mailbox m on m.tenant_id = d.tenant_id and m.id = d.mailbox_id"
                                        + " where d.number = ? and m.active")) {
            query.setString(1, number.value());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next()
                        ? Optional.of(
                                new NumberOwner(TenantId.of(rows.getString(1)), rows.getLong(2)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the number directory", e);
        }
    }

    /** The tenant whose own number this is (calls forwarded by its PBX), if any. */
    public Optional<TenantId> tenantOf(PhoneNumber number) {
        return tenantIn("select tenant_id from tenant_number where number = ?", number);
    }

    /** The tenant whose access number (employees dial it to hear their messages) this is. */
    public Optional<TenantId> accessTenantOf(PhoneNumber number) {
        return tenantIn("select tenant_id from access_number where number = ?", number);
    }

    private Optional<TenantId> tenantIn(String sql, PhoneNumber number) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, number.value());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(TenantId.of(rows.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the number directory", e);
        }
    }

    /** Who a public number belongs to. */
    public record NumberOwner(TenantId tenant, long mailboxId) {}

    /** Every public number in service (direct numbers and tenant numbers), with its tenant. */
    public Map<PhoneNumber, TenantId> owners() {
        Map<PhoneNumber, TenantId> owners = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query =
                        connection.prepareStatement(
                                "select number, tenant_id from direct_number"
                                        + " union all select number, tenant_id from tenant_number"
                                        + " union all select number, tenant_id from access_number");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                owners.put(new PhoneNumber(rows.getString(1)), TenantId.of(rows.getString(2)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the number directory", e);
        }
        return owners;
    }
}
