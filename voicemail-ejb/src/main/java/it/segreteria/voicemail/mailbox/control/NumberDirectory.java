package it.segreteria.voicemail.mailbox.control;

import it.segreteria.voicemail.mailbox.entity.PhoneNumber;
import it.segreteria.voicemail.platform.control.Database;
import it.segreteria.voicemail.tenant.entity.TenantId;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
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

    /** Every direct number in service, with its tenant. */
    public Map<PhoneNumber, TenantId> owners() {
        Map<PhoneNumber, TenantId> owners = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query =
                        connection.prepareStatement("select number, tenant_id from direct_number");
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
