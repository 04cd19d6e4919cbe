package it.segreteria.voicemail.provisioning.control;

import it.segreteria.voicemail.audit.boundary.AuditTrail;
import it.segreteria.voicemail.audit.entity.AuditAction;
import it.segreteria.voicemail.mailbox.entity.Employee;
import it.segreteria.voicemail.mailbox.entity.Mailbox;
import it.segreteria.voicemail.mailbox.entity.MailboxNumber;
import it.segreteria.voicemail.mailbox.entity.PinHash;
import it.segreteria.voicemail.provisioning.entity.ProvisioningPlan.EmployeePlan;
import it.segreteria.voicemail.provisioning.entity.ProvisioningPlan.MailboxPlan;
import it.segreteria.voicemail.provisioning.entity.ProvisioningPlan.TenantPlan;
import it.segreteria.voicemail.provisioning.entity.ProvisioningReport.TenantReport;
import it.segreteria.voicemail.shared.TenantId;
import it.segreteria.voicemail.tenant.control.TenantScoped;
import it.segreteria.voicemail.tenant.entity.Tenant;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Brings one tenant to its plan, in one transaction of its own. Changes only what differs, so
 * applying the same plan twice writes nothing; every change is audited.
 */
@Stateless
@TenantScoped
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class TenantProvisioner {

    @PersistenceContext EntityManager em;

    @Inject AuditTrail audit;

    /**
     * First pass: takes out of service the mailboxes the plan no longer lists and frees the direct
     * numbers it takes away, so that the second pass can hand them out again in any tenant order.
     */
    public Release release(TenantId tenant, TenantPlan plan, String actor) {
        Map<MailboxNumber, MailboxPlan> wanted = plan.mailboxes();
        Tenant existing = em.find(Tenant.class, tenant.value());
        if (existing != null
                && existing.keepOnlyNumbers(
                        plan.profile().numbers(), plan.profile().accessNumbers())) {
            audit.record(
                    tenant,
                    actor,
                    AuditAction.TENANT_PROVISIONED,
                    "tenant:" + tenant,
                    "numbers released");
        }
        int deactivated = 0;
        Set<MailboxNumber> trimmed = new HashSet<>();
        for (Mailbox mailbox : mailboxes().values()) {
            MailboxPlan target = wanted.get(mailbox.number());
            String subject = "mailbox:" + mailbox.number();
            if (target == null) {
                if (mailbox.deactivate()) {
                    deactivated++;
                    audit.record(
                            tenant,
                            actor,
                            AuditAction.MAILBOX_DEACTIVATED,
                            subject,
                            "not in the provisioning file any more");
                }
            } else if (mailbox.keepOnlyDirectNumbers(target.settings().directNumbers())) {
                trimmed.add(mailbox.number());
                audit.record(
                        tenant,
                        actor,
                        AuditAction.MAILBOX_PROVISIONED,
                        subject,
                        "direct numbers released");
            }
        }
        return new Release(deactivated, trimmed);
    }

    /** Second pass: creates or updates the tenant, its employees and their mailboxes. */
    public TenantReport apply(TenantId tenant, TenantPlan plan, String actor, Release released) {
        Tenant existing = em.find(Tenant.class, tenant.value());
        boolean tenantCreated = existing == null;
        boolean tenantUpdated = false;
        if (tenantCreated) {
            em.persist(new Tenant(tenant, plan.profile()));
            em.flush(); // the tenant row first: audit events refer to it without a mapped relation
            audit.record(
                    tenant, actor, AuditAction.TENANT_PROVISIONED, "tenant:" + tenant, "created");
        } else if (existing.apply(plan.profile())) {
            tenantUpdated = true;
            audit.record(
                    tenant, actor, AuditAction.TENANT_PROVISIONED, "tenant:" + tenant, "updated");
        }
        Map<String, Employee> employees =
                em.createQuery("select e from Employee e", Employee.class)
                        .getResultStream()
                        .collect(Collectors.toMap(Employee::key, Function.identity()));
        Map<MailboxNumber, Mailbox> mailboxes = mailboxes();
        Counts counts = new Counts();
        for (EmployeePlan employeePlan : plan.employees()) {
            Employee employee = employees.get(employeePlan.key());
            if (employee == null) {
                employee = new Employee(employeePlan.key(), employeePlan.profile());
                em.persist(employee);
                counts.employeesCreated++;
                audit.record(
                        tenant,
                        actor,
                        AuditAction.EMPLOYEE_PROVISIONED,
                        "employee:" + employee.key(),
                        "created");
            } else if (employee.apply(employeePlan.profile())) {
                counts.employeesUpdated++;
                audit.record(
                        tenant,
                        actor,
                        AuditAction.EMPLOYEE_PROVISIONED,
                        "employee:" + employee.key(),
                        "updated");
            }
            if (employeePlan.mailbox().isPresent()) {
                mailbox(
                        tenant,
                        employee,
                        employeePlan.mailbox().get(),
                        mailboxes,
                        actor,
                        counts,
                        released);
            }
        }
        return new TenantReport(
                tenant.value(),
                tenantCreated,
                tenantUpdated,
                counts.employeesCreated,
                counts.employeesUpdated,
                counts.mailboxesCreated,
                counts.mailboxesUpdated,
                released.deactivated());
    }

    private void mailbox(
            TenantId tenant,
            Employee owner,
            MailboxPlan plan,
            Map<MailboxNumber, Mailbox> mailboxes,
            String actor,
            Counts counts,
            Release released) {
        Mailbox mailbox = mailboxes.get(plan.number());
        String subject = "mailbox:" + plan.number();
        if (mailbox == null) {
            mailbox = new Mailbox(owner, plan.number(), plan.settings());
            plan.initialPin().map(PinHash::of).ifPresent(mailbox::setInitialPin);
            em.persist(mailbox);
            counts.mailboxesCreated++;
            audit.record(
                    tenant,
                    actor,
                    AuditAction.MAILBOX_PROVISIONED,
                    subject,
                    "created for employee " + owner.key());
            return;
        }
        boolean changed =
                mailbox.apply(plan.settings()) | released.trimmed().contains(plan.number());
        if (mailbox.owner() != owner) {
            audit.record(
                    tenant,
                    actor,
                    AuditAction.MAILBOX_PROVISIONED,
                    subject,
                    "owner " + mailbox.owner().key() + " -> " + owner.key());
            mailbox.reassign(owner);
            changed = true;
        }
        if (plan.initialPin().isPresent() && !mailbox.hasPin()) {
            changed |= mailbox.setInitialPin(PinHash.of(plan.initialPin().get()));
        }
        if (changed) {
            counts.mailboxesUpdated++;
            audit.record(tenant, actor, AuditAction.MAILBOX_PROVISIONED, subject, "updated");
        }
    }

    private Map<MailboxNumber, Mailbox> mailboxes() {
        return em.createQuery("select m from Mailbox m", Mailbox.class)
                .getResultStream()
                .collect(Collectors.toMap(Mailbox::number, Function.identity()));
    }

    /** What the first pass changed. */
    public record Release(int deactivated, Set<MailboxNumber> trimmed) {}

    private static final class Counts {
        int employeesCreated;
        int employeesUpdated;
        int mailboxesCreated;
        int mailboxesUpdated;
    }
}
