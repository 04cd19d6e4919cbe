package it.segreteria.voicemail.provisioning.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import it.segreteria.voicemail.mailbox.entity.MailboxNumber;
import it.segreteria.voicemail.mailbox.entity.PinPolicy;
import it.segreteria.voicemail.provisioning.entity.ProvisioningException;
import it.segreteria.voicemail.provisioning.entity.ProvisioningPlan;
import it.segreteria.voicemail.provisioning.entity.ProvisioningPlan.MailboxPlan;
import it.segreteria.voicemail.provisioning.entity.ProvisioningPlan.TenantPlan;
import it.segreteria.voicemail.provisioning.entity.ProvisioningProblem;
import it.segreteria.voicemail.shared.Language;
import it.segreteria.voicemail.shared.PhoneNumber;
import it.segreteria.voicemail.shared.TenantId;
import java.nio.file.Path;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ProvisioningFileTest {

    private static final Path DEMO = Path.of("../docs/examples/demo-provisioning.yaml");
    private static final Path YAML = Path.of("/etc/voicemail/tenants.yaml");

    @Test
    void theDocumentedDemoFileIsAValidPlan() {
        ProvisioningPlan plan = plan(DEMO, ProvisioningFileReader.read(DEMO));

        assertThat(plan.tenantIds())
                .containsExactlyInAnyOrder(TenantId.of("acme"), TenantId.of("globex"));
        TenantPlan acme = plan.tenants().get(0);
        assertThat(acme.profile().timeZone()).isEqualTo(ZoneId.of("Europe/Rome"));
        assertThat(acme.profile().language()).isEqualTo(Language.ITALIAN);
        assertThat(acme.profile().pbxUri()).isEqualTo("sip:127.0.0.1:5090");
        assertThat(acme.profile().adminEmails()).containsExactly("it@acme.example");
        MailboxPlan giulia = acme.mailboxes().get(MailboxNumber.of("101"));
        assertThat(giulia.settings().language()).isEqualTo(Language.ENGLISH);
        assertThat(giulia.settings().directNumbers())
                .containsExactly(PhoneNumber.parse("+39 02 5550 0101"));
        assertThat(giulia.initialPin()).isPresent();
        assertThat(plan.tenants().get(1).mailboxes()).containsKey(MailboxNumber.of("100"));
    }

    @Test
    void provisioningMdShowsTheDemoFileAsItIs() throws java.io.IOException {
        String demo = java.nio.file.Files.readString(DEMO);
        String tenants = demo.substring(demo.indexOf("tenants:"));

        assertThat(java.nio.file.Files.readString(Path.of("../docs/provisioning.md")))
                .as("docs/provisioning.md's complete example")
                .contains("```yaml\n" + tenants + "```");
    }

    @Test
    void jsonIsReadLikeYaml() {
        String json =
                """
                {"tenants": [{"id": "acme", "name": "ACME", "timeZone": "Europe/Rome", "language": "it",
                  "employees": [{"id": "m", "name": "M", "emails": "m@acme.example",
                                 "mailbox": {"number": "0100", "ringsBeforeVoicemail": 2}}]}]}
                """;
        ProvisioningPlan plan =
                plan(Path.of("t.json"), ProvisioningFileReader.parse(Path.of("t.json"), json));

        MailboxPlan mailbox = plan.tenants().get(0).mailboxes().get(MailboxNumber.of("0100"));
        assertThat(mailbox.settings().ringsBeforeVoicemail()).isEqualTo(2);
        assertThat(mailbox.initialPin()).isEmpty();
        assertThat(plan.tenants().get(0).employees().get(0).profile().emails().values())
                .containsExactly("m@acme.example");
    }

    @Test
    void numbersWrittenWithoutQuotesKeepTheirLeadingZeros() {
        ProvisioningPlan plan =
                plan(
                        YAML,
                        ProvisioningFileReader.parse(
                                YAML,
                                """
                                tenants:
                                  - {id: acme, name: ACME, timeZone: UTC, language: en,
                                     employees: [{id: a, name: A, mailbox: {number: 0100, pin: 0482}}]}
                                """));
        assertThat(plan.tenants().get(0).mailboxes()).containsKey(MailboxNumber.of("0100"));
    }

    @Test
    void syntaxErrorsNameTheFileAndTheLine() {
        ProvisioningException refused =
                refusedParsing("tenants:\n  - id: acme\n    name: \"unterminated\n");

        assertThat(refused.getMessage())
                .startsWith("Provisioning file " + YAML + " is refused, nothing was applied");
        assertThat(refused.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.place()).startsWith("line "))
                .satisfies(p -> assertThat(p.message()).startsWith("syntax error"));
    }

    @Test
    void unknownFieldsAndWrongTypesAreErrorsWithTheirPlace() {
        ProvisioningException unknown = refusedParsing("tenants:\n  - id: acme\n    nmae: ACME\n");
        assertThat(unknown.problems().get(0).place()).isEqualTo("tenants[0].nmae");
        assertThat(unknown.problems().get(0).message())
                .startsWith(
                        "unknown field 'nmae' (expected one of [accessNumbers, adminEmails, attachments, employees, id, language, messageLimits, name, numbers, pbx, skipMailboxQuestion, timeZone, trunk])");

        ProvisioningException wrongType =
                refusedParsing(
                        "tenants:\n  - id: acme\n    employees:\n      - id: a\n        mailbox:\n          ringsBeforeVoicemail: four\n");
        assertThat(wrongType.problems().get(0).toString())
                .contains("tenants[0].employees[0].mailbox.ringsBeforeVoicemail")
                .contains("'four' is not a valid whole number");
    }

    @Test
    void duplicateKeysAndMissingTenantsAreRefused() {
        assertThat(refusedParsing("tenants: []\ntenants: []\n").problems().get(0).message())
                .contains("Duplicate field 'tenants'");
        assertThat(refusedParsing("tenant:\n").problems().get(0).message())
                .contains("unknown field 'tenant'");
        assertThat(refusedParsing(" \n").problems().get(0).message())
                .isEqualTo("the file is empty: it must have a 'tenants' list");
        assertThat(refusedParsing("{}").problems().get(0).message())
                .isEqualTo("the file must have a 'tenants' list");
    }

    @Test
    void aMissingFileIsRefusedWithItsName() {
        Path missing = Path.of("does/not/exist.yaml");
        ProvisioningException refused =
                catchThrowableOfType(
                        ProvisioningException.class, () -> ProvisioningFileReader.read(missing));
        assertThat(refused.getMessage())
                .contains(missing.toString())
                .contains("the file does not exist");
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnceWithItsPlace() {
        String yaml =
                """
                tenants:
                  - id: ACME
                    name: ""
                    timeZone: Mars/Olympus
                    language: de
                    pbx: http://pbx.example
                    employees:
                      - id: a
                        name: A
                        emails: [not-an-address]
                        mailbox: {number: "10x", pin: "1234", directNumbers: ["02-CALL-ME"], ringsBeforeVoicemail: 0}
                      - id: a
                        name: B
                        mailbox: {number: "200", directNumbers: ["+39 02 5550 0100"]}
                  - id: beta
                    name: Beta
                    timeZone: UTC
                    language: en
                    employees:
                      - id: b
                        name: B
                        mailbox: {number: "200", pin: "200", directNumbers: ["+390255500100"]}
                  - id: beta
                    name: Beta again
                    timeZone: UTC
                    language: en
                """;
        ProvisioningException refused =
                catchThrowableOfType(
                        ProvisioningException.class,
                        () -> plan(YAML, ProvisioningFileReader.parse(YAML, yaml)));

        assertThat(refused.problems())
                .extracting(ProvisioningProblem::toString)
                .anySatisfy(
                        p -> assertThat(p).startsWith("tenants[0].id: 'ACME' is not a tenant id"))
                .contains("tenants[0].name: is required")
                .contains(
                        "tenants[0].timeZone: 'Mars/Olympus' is not a time zone (e.g. Europe/Rome)")
                .contains(
                        "tenants[0].language: 'de' is not a supported language (supported: it, en)")
                .contains("tenants[0].pbx: 'http://pbx.example' is not a sip: or sips: URI")
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .startsWith(
                                                "tenants[0].employees[0].emails: 'not-an-address' is not an email address"))
                .contains(
                        "tenants[0].employees[0].mailbox.number: '10x' is not a mailbox number (1 to 15 digits)")
                .contains(
                        "tenants[0].employees[0].mailbox.pin: a PIN cannot be a run of consecutive digits")
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .startsWith(
                                                "tenants[0].employees[0].mailbox.directNumbers[0]: '02-CALL-ME' is not a phone number"))
                .contains(
                        "tenants[0].employees[0].mailbox.ringsBeforeVoicemail: must be 1 to 15, got 0")
                .contains(
                        "tenants[0].employees[1].id: employee 'a' is already defined at tenants[0].employees[0]")
                .contains("tenants[1].employees[0].mailbox.pin: a PIN has 4 to 12 digits")
                .contains(
                        "tenants[1].employees[0].mailbox.directNumbers[0]: number +390255500100 is already given at tenants[0].employees[1].mailbox.directNumbers[0]")
                .contains("tenants[2].id: tenant 'beta' is already defined at tenants[1]");
        assertThat(refused.getMessage()).doesNotContain("1234");
    }

    @Test
    void tenantsMaySetTheirOwnMessageLimitsWithinBounds() {
        String good =
                "tenants:\n  - {id: a, name: A, timeZone: UTC, language: en, messageLimits: {maxSeconds: 60, silenceSeconds: 5}}\n";
        assertThat(
                        plan(YAML, ProvisioningFileReader.parse(YAML, good))
                                .tenants()
                                .get(0)
                                .profile()
                                .limits())
                .isEqualTo(new it.segreteria.voicemail.tenant.entity.MessageLimits(60, null, 5));

        String bad =
                "tenants:\n  - {id: a, name: A, timeZone: UTC, language: en, messageLimits: {maxSeconds: 2, minSeconds: 3, silenceSeconds: 0}}\n";
        ProvisioningException refused =
                catchThrowableOfType(
                        ProvisioningException.class,
                        () -> plan(YAML, ProvisioningFileReader.parse(YAML, bad)));
        assertThat(refused.problems())
                .extracting(ProvisioningProblem::toString)
                .containsExactly(
                        "tenants[0].messageLimits.maxSeconds: must be 5 to 3600, got 2",
                        "tenants[0].messageLimits.minSeconds: must be less than maxSeconds",
                        "tenants[0].messageLimits.silenceSeconds: must be 1 to 300, got 0");
    }

    @Test
    void attachmentPoliciesAreReadForTenantsAndMailboxes() {
        String yaml =
                "tenants:\n  - {id: a, name: A, timeZone: UTC, language: en, attachments: link,"
                        + " employees: [{id: x, name: X, mailbox: {number: '1', attachments: NOTIFY}}]}\n";
        TenantPlan plan = plan(YAML, ProvisioningFileReader.parse(YAML, yaml)).tenants().get(0);
        assertThat(plan.profile().attachments())
                .isEqualTo(it.segreteria.voicemail.shared.AttachmentPolicy.LINK);
        assertThat(plan.mailboxes().get(MailboxNumber.of("1")).settings().attachments())
                .isEqualTo(it.segreteria.voicemail.shared.AttachmentPolicy.NOTIFY);

        String bad =
                "tenants:\n  - {id: a, name: A, timeZone: UTC, language: en, attachments: fax}\n";
        ProvisioningException refused =
                catchThrowableOfType(
                        ProvisioningException.class,
                        () -> plan(YAML, ProvisioningFileReader.parse(YAML, bad)));
        assertThat(refused.problems().get(0).toString())
                .isEqualTo(
                        "tenants[0].attachments: 'fax' is not an attachment policy (attach, link or notify)");
    }

    @Test
    void tenantNumbersAreNormalisedAndNeverShared() {
        String good =
                "tenants:\n  - {id: a, name: A, timeZone: UTC, language: en, numbers: ['+39 02 5550 0000']}\n";
        assertThat(
                        plan(YAML, ProvisioningFileReader.parse(YAML, good))
                                .tenants()
                                .get(0)
                                .profile()
                                .numbers())
                .containsExactly(PhoneNumber.parse("+390255500000"));

        String shared =
                "tenants:\n  - {id: a, name: A, timeZone: UTC, language: en, numbers: ['+390255500000'],"
                        + " employees: [{id: x, name: X, mailbox: {number: '1', directNumbers: ['+39 02 5550 0000']}}]}\n";
        ProvisioningException refused =
                catchThrowableOfType(
                        ProvisioningException.class,
                        () -> plan(YAML, ProvisioningFileReader.parse(YAML, shared)));
        assertThat(refused.problems().get(0).toString())
                .isEqualTo(
                        "tenants[0].employees[0].mailbox.directNumbers[0]: number +390255500000 is already given at tenants[0].numbers[0]");
    }

    @Test
    void employeesOwnPhonesAreNormalisedAndBelongToOneEmployeeOfATenant() {
        String good =
                """
                tenants:
                  - {id: a, name: A, timeZone: UTC, language: en, skipMailboxQuestion: true,
                     employees: [{id: x, name: X, phones: ['+39 333 123 4567'], mailbox: {number: "100"}}]}
                  - {id: b, name: B, timeZone: UTC, language: it,
                     employees: [{id: x, name: X, phones: ['+393331234567']}]}
                """;
        ProvisioningPlan plan = plan(YAML, ProvisioningFileReader.parse(YAML, good));
        assertThat(plan.tenants().get(0).profile().skipMailboxQuestion()).isTrue();
        assertThat(plan.tenants().get(1).profile().skipMailboxQuestion()).isFalse();
        assertThat(plan.tenants().get(0).employees().get(0).profile().phones())
                .as("the same person in two companies keeps their phone in both")
                .containsExactly(PhoneNumber.parse("+393331234567"));

        String shared =
                """
                tenants:
                  - {id: a, name: A, timeZone: UTC, language: en, employees: [
                      {id: x, name: X, phones: ['+393331234567']},
                      {id: y, name: Y, phones: ['+39 333 1234567', 'mobile']}]}
                """;
        ProvisioningException refused =
                catchThrowableOfType(
                        ProvisioningException.class,
                        () -> plan(YAML, ProvisioningFileReader.parse(YAML, shared)));
        assertThat(refused.problems())
                .extracting(Object::toString)
                .containsExactly(
                        "tenants[0].employees[1].phones[0]: phone +393331234567 is already given at tenants[0].employees[0].phones[0]",
                        "tenants[0].employees[1].phones[1]: 'mobile' is not a phone number (an optional + and 3 to 16 digits)");
    }

    @Test
    void outagePlansRingKeyStaffWithPhonesThroughTheTrunk() {
        String good =
                """
                tenants:
                  - {id: a, name: A, timeZone: UTC, language: en, trunk: 'sip:trunk.example:5060', employees: [
                      {id: boss, name: B, keyStaff: true, phones: ['+393331234567'], mailbox: {number: "100"},
                       outage: {ring: [boss, deputy], together: true}},
                      {id: deputy, name: D, keyStaff: true, phones: ['+393339876543']},
                      {id: clerk, name: C, mailbox: {number: "101"}, outage: {ring: [deputy], mailbox: "100"}}]}
                """;
        ProvisioningPlan plan = plan(YAML, ProvisioningFileReader.parse(YAML, good));
        assertThat(plan.tenants().get(0).profile().trunkUri()).isEqualTo("sip:trunk.example:5060");
        var boss = plan.tenants().get(0).employees().get(0).profile().outage();
        assertThat(boss.ring()).containsExactly("boss", "deputy");
        assertThat(boss.together()).isTrue();
        assertThat(boss.mailbox()).isEmpty();
        var clerk = plan.tenants().get(0).employees().get(2).profile().outage();
        assertThat(clerk.together()).isFalse();
        assertThat(clerk.mailbox()).contains(MailboxNumber.of("100"));

        String bad =
                """
                tenants:
                  - {id: a, name: A, timeZone: UTC, language: en, employees: [
                      {id: x, name: X, keyStaff: true, mailbox: {number: "100"},
                       outage: {ring: [x, y, nobody], mailbox: "999"}},
                      {id: y, name: Y, phones: ['+393339876543']}]}
                """;
        ProvisioningException refused =
                catchThrowableOfType(
                        ProvisioningException.class,
                        () -> plan(YAML, ProvisioningFileReader.parse(YAML, bad)));
        assertThat(refused.problems())
                .extracting(Object::toString)
                .containsExactly(
                        "tenants[0].employees[0].outage.ring: ringing phones needs the tenant's trunk (tenants[0].trunk)",
                        "tenants[0].employees[0].outage.ring[0]: 'x' has no phone to ring",
                        "tenants[0].employees[0].outage.ring[1]: 'y' is not key staff (keyStaff)",
                        "tenants[0].employees[0].outage.ring[2]: 'nobody' is no employee of the tenant",
                        "tenants[0].employees[0].outage.mailbox: no mailbox 999 in the tenant");
    }

    @Test
    void theSameMailboxNumberInTwoTenantsIsFine() {
        String yaml =
                """
                tenants:
                  - {id: a, name: A, timeZone: UTC, language: en, employees: [{id: x, name: X, mailbox: {number: "100"}}]}
                  - {id: b, name: B, timeZone: UTC, language: it, employees: [{id: x, name: X, mailbox: {number: "100"}}]}
                """;
        assertThat(plan(YAML, ProvisioningFileReader.parse(YAML, yaml)).tenants()).hasSize(2);
    }

    private static ProvisioningPlan plan(
            Path file, it.segreteria.voicemail.provisioning.entity.ProvisioningDocument document) {
        return ProvisioningValidator.plan(file, document, PinPolicy.DEFAULT);
    }

    private static ProvisioningException refusedParsing(String yaml) {
        return catchThrowableOfType(
                ProvisioningException.class, () -> ProvisioningFileReader.parse(YAML, yaml));
    }
}
