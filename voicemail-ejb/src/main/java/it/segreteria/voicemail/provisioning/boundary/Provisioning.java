package it.segreteria.voicemail.provisioning.boundary;

import it.segreteria.voicemail.mailbox.control.NumberDirectory;
import it.segreteria.voicemail.mailbox.entity.PinPolicy;
import it.segreteria.voicemail.provisioning.control.ProvisioningFileReader;
import it.segreteria.voicemail.provisioning.control.ProvisioningValidator;
import it.segreteria.voicemail.provisioning.control.TenantProvisioner;
import it.segreteria.voicemail.provisioning.control.TenantProvisioner.Release;
import it.segreteria.voicemail.provisioning.entity.ProvisioningException;
import it.segreteria.voicemail.provisioning.entity.ProvisioningPlan;
import it.segreteria.voicemail.provisioning.entity.ProvisioningPlan.TenantPlan;
import it.segreteria.voicemail.provisioning.entity.ProvisioningProblem;
import it.segreteria.voicemail.provisioning.entity.ProvisioningReport;
import it.segreteria.voicemail.provisioning.entity.ProvisioningReport.TenantReport;
import it.segreteria.voicemail.shared.PhoneNumber;
import it.segreteria.voicemail.shared.RoutingChanged;
import it.segreteria.voicemail.shared.TenantId;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Declarative provisioning: the file named by {@value #FILE} describes tenants, employees,
 * mailboxes and numbers, and the database is brought to it at start-up and on request.
 *
 * <p>A file is read and checked completely, including against numbers that tenants outside the file
 * already use, before anything is written; a bad file is refused as a whole with every problem
 * listed, and at start-up it stops the deployment, so the service never runs on wrong data. A good
 * file is applied tenant by tenant, each in its own transaction (a transaction belongs to one
 * tenant), in two passes so that numbers can move between tenants. Applying the same file again
 * changes nothing. Tenants missing from the file are left as they are.
 */
@Singleton
@Startup
@DependsOn("Database")
@Lock(LockType.WRITE)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Provisioning {

    @Inject Event<RoutingChanged> routingChanged;

    public static final String FILE = "voicemail.provisioning.file";
    private static final Logger LOG = Logger.getLogger(Provisioning.class.getName());

    @Inject Config config;

    @Inject TenantProvisioner provisioner;

    @Inject NumberDirectory numbers;

    @PostConstruct
    void applyAtStartup() {
        Optional<Path> file = configuredFile();
        if (file.isEmpty()) {
            LOG.info(FILE + " is not set: no provisioning at start-up");
            return;
        }
        try {
            ProvisioningReport report = apply(file.get());
            LOG.info(() -> "Provisioning file " + report.file() + " applied: " + summary(report));
        } catch (ProvisioningException e) {
            LOG.severe(e.getMessage());
            throw e;
        }
    }

    public Optional<Path> configuredFile() {
        return config.getOptionalValue(FILE, String.class)
                .filter(name -> !name.isBlank())
                .map(name -> Path.of(name).toAbsolutePath());
    }

    /** Re-applies the configured file, e.g. after an administrator edited it. */
    public ProvisioningReport applyConfiguredFile() {
        Path file =
                configuredFile()
                        .orElseThrow(
                                () ->
                                        new ProvisioningException(
                                                Path.of("(none)"),
                                                List.of(
                                                        new ProvisioningProblem(
                                                                "", FILE + " is not set"))));
        return apply(file);
    }

    public ProvisioningReport apply(Path file) {
        ProvisioningPlan plan =
                ProvisioningValidator.plan(
                        file, ProvisioningFileReader.read(file), PinPolicy.DEFAULT);
        refuseNumbersOfOtherTenants(file, plan);
        String actor = "provisioning:" + file.getFileName();
        Map<TenantId, Release> released = new HashMap<>();
        for (TenantPlan tenant : plan.tenants()) {
            released.put(tenant.id(), provisioner.release(tenant.id(), tenant, actor));
        }
        List<TenantReport> reports = new ArrayList<>();
        for (TenantPlan tenant : plan.tenants()) {
            reports.add(provisioner.apply(tenant.id(), tenant, actor, released.get(tenant.id())));
            routingChanged.fire(new RoutingChanged(tenant.id()));
        }
        return new ProvisioningReport(file.toString(), reports);
    }

    private void refuseNumbersOfOtherTenants(Path file, ProvisioningPlan plan) {
        Map<PhoneNumber, TenantId> owners = numbers.owners();
        List<ProvisioningProblem> problems = new ArrayList<>();
        plan.directNumbers()
                .forEach(
                        (number, tenant) -> {
                            TenantId owner = owners.get(number);
                            if (owner != null
                                    && !owner.equals(tenant)
                                    && !plan.tenantIds().contains(owner)) {
                                problems.add(
                                        new ProvisioningProblem(
                                                "tenant '" + tenant + "'",
                                                "direct number "
                                                        + number
                                                        + " belongs to tenant '"
                                                        + owner
                                                        + "', which this file does not list"));
                            }
                        });
        if (!problems.isEmpty()) {
            throw new ProvisioningException(file, problems);
        }
    }

    private static String summary(ProvisioningReport report) {
        if (report.changes() == 0) {
            return "no changes";
        }
        StringBuilder text = new StringBuilder();
        for (TenantReport t : report.tenants()) {
            if (t.changes() > 0) {
                text.append(
                        String.format(
                                "%n  %s: tenant %s, employees +%d ~%d, mailboxes +%d ~%d -%d",
                                t.tenant(),
                                t.tenantCreated()
                                        ? "created"
                                        : t.tenantUpdated() ? "updated" : "unchanged",
                                t.employeesCreated(),
                                t.employeesUpdated(),
                                t.mailboxesCreated(),
                                t.mailboxesUpdated(),
                                t.mailboxesDeactivated()));
            }
        }
        return text.toString();
    }
}
