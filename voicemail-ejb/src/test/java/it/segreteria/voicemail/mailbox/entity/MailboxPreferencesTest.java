package it.segreteria.voicemail.mailbox.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.segreteria.voicemail.mailbox.entity.Mailbox.MailboxSettings;
import it.segreteria.voicemail.mailbox.entity.Mailbox.Preferences;
import it.segreteria.voicemail.shared.AttachmentPolicy;
import it.segreteria.voicemail.shared.Language;
import it.segreteria.voicemail.shared.TenantId;
import it.segreteria.voicemail.tenant.entity.MessageLimits;
import it.segreteria.voicemail.tenant.entity.Tenant;
import it.segreteria.voicemail.tenant.entity.Tenant.TenantProfile;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A mailbox's notification settings in three layers: the owner's own choice, then the
 * administrator's (provisioning), then the tenant's; provisioning never overwrites the owner's.
 */
class MailboxPreferencesTest {

    private static final ZoneId ROME = ZoneId.of("Europe/Rome");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private final Tenant acme =
            new Tenant(
                    new TenantId("acme"),
                    new TenantProfile(
                            "ACME",
                            ROME,
                            Language.ITALIAN,
                            null,
                            MessageLimits.DEFAULTS,
                            AttachmentPolicy.ATTACH,
                            Set.of(),
                            Set.of(),
                            false,
                            List.of(),
                            null));

    private final Employee mario = employee("mrossi", "mario.rossi@acme.example");

    private final Mailbox mailbox =
            new Mailbox(
                    mario,
                    MailboxNumber.of("100"),
                    new MailboxSettings(null, null, 4, Set.of(), AttachmentPolicy.LINK));

    private static Employee employee(String key, String email) {
        return new Employee(
                key, new Employee.EmployeeProfile(key, EmailAddresses.of(email), false));
    }

    @Test
    void withoutAChoiceOfTheirOwnTheOwnerGetsTheAdministratorsThenTheTenants() {
        assertThat(mailbox.notificationAddresses()).isEqualTo(mario.emails());
        assertThat(mailbox.effectiveAttachments(acme)).isEqualTo(AttachmentPolicy.LINK);
        assertThat(mailbox.effectiveLanguage(acme)).isEqualTo(Language.ITALIAN);
        assertThat(mailbox.effectiveTimeZone(acme)).isEqualTo(ROME);
    }

    @Test
    void theOwnersChoiceWinsAndSurvivesTheProvisioningFile() {
        boolean changed =
                mailbox.prefer(
                        new Preferences(
                                EmailAddresses.of("mario@home.example"),
                                AttachmentPolicy.NOTIFY,
                                Language.ENGLISH,
                                NEW_YORK));
        boolean provisioned =
                mailbox.apply(
                        new MailboxSettings(
                                Language.ITALIAN, ROME, 4, Set.of(), AttachmentPolicy.ATTACH));

        assertThat(changed).isTrue();
        assertThat(provisioned).as("the administrator's own settings did change").isTrue();
        assertThat(mailbox.notificationAddresses().values()).containsExactly("mario@home.example");
        assertThat(mailbox.effectiveAttachments(acme)).isEqualTo(AttachmentPolicy.NOTIFY);
        assertThat(mailbox.effectiveLanguage(acme)).isEqualTo(Language.ENGLISH);
        assertThat(mailbox.effectiveTimeZone(acme)).isEqualTo(NEW_YORK);
        assertThat(mailbox.defaults(acme))
                .isEqualTo(
                        new Preferences(
                                mario.emails(), AttachmentPolicy.ATTACH, Language.ITALIAN, ROME));
        assertThat(mailbox.prefer(mailbox.preferences())).as("the same again").isFalse();
    }

    @Test
    void aSecurityNoticeGoesToTheDirectorysAddressesAndTheOwnersOwnEachOnce() {
        assertThat(mailbox.securityNoticeAddresses()).containsExactly("mario.rossi@acme.example");

        mailbox.prefer(
                new Preferences(
                        EmailAddresses.of("mario@home.example", "mario.rossi@acme.example"),
                        null,
                        null,
                        null));

        assertThat(mailbox.notificationAddresses().values())
                .containsExactly("mario@home.example", "mario.rossi@acme.example");
        assertThat(mailbox.securityNoticeAddresses())
                .as("whoever changed the addresses cannot hide a lockout from the directory's")
                .containsExactly("mario.rossi@acme.example", "mario@home.example");
        mailbox.prefer(new Preferences(EmailAddresses.of("thief@evil.example"), null, null, null));
        assertThat(mailbox.securityNoticeAddresses())
                .containsExactly("mario.rossi@acme.example", "thief@evil.example");
    }

    @Test
    void aNewOwnerDoesNotInheritThePreviousOwnersChoice() {
        mailbox.prefer(new Preferences(EmailAddresses.of("mario@home.example"), null, null, null));

        mailbox.reassign(employee("gbianchi", "giulia.bianchi@acme.example"));

        assertThat(mailbox.preferences()).isEqualTo(Preferences.NONE);
        assertThat(mailbox.notificationAddresses().values())
                .containsExactly("giulia.bianchi@acme.example");
    }

    @Test
    void anOwnersAddressListIsNeverEmptyNorLong() {
        assertThatThrownBy(() -> new Preferences(EmailAddresses.NONE, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                new Preferences(
                                        EmailAddresses.of(
                                                "a@x.example",
                                                "b@x.example",
                                                "c@x.example",
                                                "d@x.example",
                                                "e@x.example",
                                                "f@x.example"),
                                        null,
                                        null,
                                        null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
