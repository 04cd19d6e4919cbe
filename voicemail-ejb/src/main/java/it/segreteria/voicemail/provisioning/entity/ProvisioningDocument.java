package it.segreteria.voicemail.provisioning.entity;

import java.util.List;

/**
 * A provisioning file exactly as written: strings and numbers, not yet checked. {@link
 * it.segreteria.voicemail.provisioning.control.ProvisioningValidator} turns it into a {@link
 * ProvisioningPlan} or into the list of everything wrong with it.
 */
public record ProvisioningDocument(List<TenantEntry> tenants) {

    public record TenantEntry(
            String id,
            String name,
            String timeZone,
            String language,
            String pbx,
            String trunk,
            LimitsEntry messageLimits,
            String attachments,
            List<String> numbers,
            List<String> accessNumbers,
            Boolean skipMailboxQuestion,
            List<String> adminEmails,
            List<EmployeeEntry> employees) {}

    public record LimitsEntry(Integer maxSeconds, Integer minSeconds, Integer silenceSeconds) {}

    public record EmployeeEntry(
            String id,
            String name,
            List<String> emails,
            List<String> phones,
            Boolean keyStaff,
            MailboxEntry mailbox,
            OutageEntry outage) {}

    /**
     * An employee's outage plan: key staff to ring (employee ids), together or in turn, the
     * mailbox.
     */
    public record OutageEntry(List<String> ring, Boolean together, String mailbox) {}

    public record MailboxEntry(
            String number,
            String pin,
            List<String> directNumbers,
            String language,
            String timeZone,
            Integer ringsBeforeVoicemail,
            String attachments) {}
}
