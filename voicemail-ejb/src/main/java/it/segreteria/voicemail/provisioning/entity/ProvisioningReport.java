package it.segreteria.voicemail.provisioning.entity;

import java.util.List;

/**
 * What applying a provisioning file changed, per tenant. Applying the same file again reports no
 * change.
 */
public record ProvisioningReport(String file, List<TenantReport> tenants) {

    public ProvisioningReport {
        tenants = List.copyOf(tenants);
    }

    public int changes() {
        return tenants.stream().mapToInt(TenantReport::changes).sum();
    }

    public record TenantReport(
            String tenant,
            boolean tenantCreated,
            boolean tenantUpdated,
            int employeesCreated,
            int employeesUpdated,
            int mailboxesCreated,
            int mailboxesUpdated,
            int mailboxesDeactivated) {

        public int changes() {
            return (tenantCreated ? 1 : 0)
                    + (tenantUpdated ? 1 : 0)
                    + employeesCreated
                    + employeesUpdated
                    + mailboxesCreated
                    + mailboxesUpdated
                    + mailboxesDeactivated;
        }
    }
}
