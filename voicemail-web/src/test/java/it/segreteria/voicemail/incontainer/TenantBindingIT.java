package it.segreteria.voicemail.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.segreteria.voicemail.mailbox.boundary.Mailboxes;
import it.segreteria.voicemail.mailbox.entity.EmailAddresses;
import it.segreteria.voicemail.mailbox.entity.Employee.EmployeeProfile;
import it.segreteria.voicemail.mailbox.entity.Mailbox;
import it.segreteria.voicemail.mailbox.entity.Mailbox.MailboxSettings;
import it.segreteria.voicemail.mailbox.entity.MailboxNumber;
import it.segreteria.voicemail.provisioning.control.TenantProvisioner;
import it.segreteria.voicemail.provisioning.control.TenantProvisioner.Release;
import it.segreteria.voicemail.provisioning.entity.ProvisioningPlan.EmployeePlan;
import it.segreteria.voicemail.provisioning.entity.ProvisioningPlan.MailboxPlan;
import it.segreteria.voicemail.provisioning.entity.ProvisioningPlan.TenantPlan;
import it.segreteria.voicemail.shared.Language;
import it.segreteria.voicemail.shared.TenantId;
import it.segreteria.voicemail.tenant.control.TenantMismatchException;
import it.segreteria.voicemail.tenant.entity.Tenant.TenantProfile;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.UserTransaction;
import java.io.File;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The tenancy mechanism inside the container, where it lives: the interceptor binds each
 * transaction to its first tenant, a lookup never crosses tenants, a second tenant in one
 * transaction is refused, and a persistence context without a tenant cannot read tenant data at
 * all. Deploys the real WAR (on the H2 default) plus this class.
 */
@ExtendWith(ArquillianExtension.class)
class TenantBindingIT {

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(
                        WebArchive.class, new File(System.getProperty("voicemail.war")))
                .addClass(TenantBindingIT.class);
    }

    @Inject TenantProvisioner provisioner;

    @Inject Mailboxes mailboxes;

    @Inject UserTransaction transaction;

    @PersistenceContext EntityManager em;

    private TenantId red;
    private TenantId blue;

    @BeforeEach
    void twoTenantsWithMailbox100() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        red = provision("red-" + run, "ross");
        blue = provision("blue-" + run, "bleu");
    }

    @Test
    void lookupsSeeOnlyTheirTenant() {
        Mailbox redMailbox = mailboxes.byNumber(red, MailboxNumber.of("100")).orElseThrow();
        Mailbox blueMailbox = mailboxes.byNumber(blue, MailboxNumber.of("100")).orElseThrow();

        assertEquals("ross", redMailbox.owner().key());
        assertEquals("bleu", blueMailbox.owner().key());
        assertNotEquals(redMailbox.id(), blueMailbox.id());
        assertEquals(Optional.empty(), mailboxes.byId(blue, redMailbox.id()));
        assertEquals(Optional.empty(), mailboxes.byId(red, blueMailbox.id()));
        assertEquals(
                List.of("ross"), mailboxes.all(red).stream().map(m -> m.owner().key()).toList());
    }

    @Test
    void aTransactionStaysWithItsFirstTenant() throws Exception {
        transaction.begin();
        try {
            long redId = mailboxes.byNumber(red, MailboxNumber.of("100")).orElseThrow().id();
            assertTrue(mailboxes.byId(red, redId).isPresent());

            // the persistence context now caches red's mailbox: blue must not get in
            assertThrows(TenantMismatchException.class, () -> mailboxes.byId(blue, redId));
        } finally {
            transaction.rollback();
        }
    }

    @Test
    void withoutATenantNoTenantDataCanBeRead() throws Exception {
        mailboxes
                .byNumber(red, MailboxNumber.of("100"))
                .orElseThrow(); // a bound transaction came and went
        transaction.begin();
        try {
            assertThrows(
                    PersistenceException.class,
                    () -> em.createQuery("select m from Mailbox m", Mailbox.class).getResultList());
        } finally {
            transaction.rollback();
        }
    }

    @Test
    void aTenantScopedCallWithoutATenantIsRefused() {
        EJBException refused = assertThrows(EJBException.class, () -> mailboxes.byId(null, 1L));
        assertTrue(
                refused.getMessage().contains("needs exactly one non-null TenantId"),
                refused.getMessage());
    }

    private TenantId provision(String id, String employee) {
        TenantId tenant = TenantId.of(id);
        TenantPlan plan =
                new TenantPlan(
                        tenant,
                        new TenantProfile(id, ZoneId.of("UTC"), Language.ENGLISH, null),
                        List.of(
                                new EmployeePlan(
                                        employee,
                                        new EmployeeProfile(employee, EmailAddresses.NONE, false),
                                        Optional.of(
                                                new MailboxPlan(
                                                        MailboxNumber.of("100"),
                                                        new MailboxSettings(
                                                                null, null, 4, Set.of()),
                                                        Optional.empty())))));
        provisioner.apply(tenant, plan, "test", new Release(0, Set.of()));
        return tenant;
    }
}
