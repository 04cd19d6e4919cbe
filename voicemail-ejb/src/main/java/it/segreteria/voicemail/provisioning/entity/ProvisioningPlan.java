package it.segreteria.voicemail.provisioning.entity;

import it.segreteria.voicemail.mailbox.entity.Employee.EmployeeProfile;
import it.segreteria.voicemail.mailbox.entity.Mailbox.MailboxSettings;
import it.segreteria.voicemail.mailbox.entity.MailboxNumber;
import it.segreteria.voicemail.mailbox.entity.Pin;
import it.segreteria.voicemail.shared.PhoneNumber;
import it.segreteria.voicemail.shared.TenantId;
import it.segreteria.voicemail.tenant.entity.Tenant.TenantProfile;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A checked provisioning file: the state the listed tenants must be brought to. */
public record ProvisioningPlan(List<TenantPlan> tenants) {

    public ProvisioningPlan {
        tenants = List.copyOf(tenants);
    }

    /** Every direct number the plan hands out, with the tenant that gets it. */
    public Map<PhoneNumber, TenantId> directNumbers() {
        return tenants.stream()
                .flatMap(t -> t.directNumbers().stream().map(n -> Map.entry(n, t.id())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    public Set<TenantId> tenantIds() {
        return tenants.stream().map(TenantPlan::id).collect(Collectors.toSet());
    }

    public record TenantPlan(TenantId id, TenantProfile profile, List<EmployeePlan> employees) {

        public TenantPlan {
            employees = List.copyOf(employees);
        }

        public Map<MailboxNumber, MailboxPlan> mailboxes() {
            return employees.stream()
                    .map(EmployeePlan::mailbox)
                    .flatMap(Optional::stream)
                    .collect(Collectors.toMap(MailboxPlan::number, Function.identity()));
        }

        /**
         * Every public number of the tenant: its own, its access numbers and its mailboxes' direct
         * numbers.
         */
        public Set<PhoneNumber> directNumbers() {
            Set<PhoneNumber> all = new java.util.HashSet<>(profile.numbers());
            all.addAll(profile.accessNumbers());
            all.addAll(mailboxNumbersOfEmployees());
            return all;
        }

        private Set<PhoneNumber> mailboxNumbersOfEmployees() {
            return employees.stream()
                    .map(EmployeePlan::mailbox)
                    .flatMap(Optional::stream)
                    .flatMap(m -> m.settings().directNumbers().stream())
                    .collect(Collectors.toSet());
        }
    }

    public record EmployeePlan(
            String key, EmployeeProfile profile, Optional<MailboxPlan> mailbox) {}

    /**
     * The initial PIN is set only when the mailbox has none: after that the PIN belongs to its
     * owner.
     */
    public record MailboxPlan(
            MailboxNumber number, MailboxSettings settings, Optional<Pin> initialPin) {}
}
