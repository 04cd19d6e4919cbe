package it.segreteria.voicemail.it;

import static it.segreteria.voicemail.it.support.Service.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.call.control.PromptLibrary;
import it.segreteria.voicemail.call.entity.CallAction.Phrase;
import it.segreteria.voicemail.it.support.KeyingCaller;
import it.segreteria.voicemail.it.support.ListeningCaller;
import it.segreteria.voicemail.it.support.Service;
import it.segreteria.voicemail.it.support.Sipp;
import it.segreteria.voicemail.it.support.TestAudio;
import it.segreteria.voicemail.shared.Language;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Employees call the access number and key the menu with RFC 4733 digits (sipp), against the built
 * WAR on PostgreSQL: what they do reaches the stored messages and the audit trail, wrong PINs lock
 * the mailbox across calls, and another tenant's access number never opens this tenant's mailbox.
 * (Which prompts are played is checked sound by sound in {@code CallFlowIT}.)
 */
class PhoneAccessIT {

    private static final String ACME_ACCESS = "+390255500999";
    private static final String GLOBEX_ACCESS = "+442079460999";
    private static final String ACME_101 = "101";
    private static final String ACME_101_PIN = "7391";

    private static Service service;

    @BeforeAll
    static void start() throws Exception {
        service = Service.startPrivate("phone");
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void anEmployeeHearsAndDeletesAMessageByPhone() throws Exception {
        long mailbox = mailboxId("acme", ACME_101);
        String left = leaveMessage("+390255500000", ACME_101, "3335550301");
        JsonNode message = awaitMessage(mailbox, left);
        assertThat(message.path("state").asText()).isEqualTo("NEW");

        Sipp.Result call =
                phone(
                        ACME_ACCESS,
                        "3335550302",
                        keys(ACME_101 + "#", 300)
                                + keys(ACME_101_PIN + "#", 2500)
                                + keys("1", 1200) // plays the only (new) message...
                                + keys("7", 1500) // ...deleted while it plays
                                + keys("#", 0));
        assertThat(call.succeeded()).as(call.output()).isTrue();

        service.process()
                .await(
                        "the message deleted (the call's audit: "
                                + audit("acme", "phone:3335550302").stream()
                                        .map(e -> e.path("action").asText())
                                        .toList()
                                + ")",
                        () -> state(mailbox, left).equals("DELETED"),
                        Duration.ofSeconds(20));
        List<JsonNode> audit = audit("acme", "phone:3335550302");
        assertThat(audit)
                .extracting(e -> e.path("action").asText())
                .contains("LOGIN_SUCCEEDED", "MESSAGE_HEARD", "MESSAGE_DELETED");
        assertThat(audit)
                .filteredOn(e -> e.path("action").asText().equals("MESSAGE_DELETED"))
                .extracting(e -> e.path("subject").asText())
                .containsExactly("message:" + message.path("id").asLong());
    }

    @Test
    void wrongPinsLockTheMailboxAcrossCallsAndThenTheRightPinIsRefusedToo() throws Exception {
        String wrong = keys("100#", 300) + keys("0000#", 2500);
        String last = keys("100#", 300) + keys("0000#", 0); // the service hangs up after it
        Sipp.Result first = phone(ACME_ACCESS, "3335550311", wrong + wrong + last);
        assertThat(first.succeeded())
                .as("the service hangs up after 3: " + first.output())
                .isTrue();
        Sipp.Result second =
                phone(
                        ACME_ACCESS,
                        "3335550312",
                        wrong + wrong + keys("100#", 300) + keys("4826#", 0));
        assertThat(second.succeeded()).as(second.output()).isTrue();
        Sipp.Result third =
                phone(
                        ACME_ACCESS,
                        "3335550313",
                        keys("100#", 300) + keys("4826#", 2500) + keys("##", 0));
        // the right PIN, on a third call from another number: still locked, so refused; the caller
        // then keys nothing more and hears the mailbox question until goodbye
        assertThat(third.succeeded()).as(third.output()).isTrue();

        List<JsonNode> audit = new ArrayList<>();
        for (String caller : List.of("3335550311", "3335550312", "3335550313")) {
            audit.addAll(audit("acme", "phone:" + caller));
        }
        assertThat(audit)
                .extracting(e -> e.path("action").asText())
                .doesNotContain("LOGIN_SUCCEEDED")
                .filteredOn("PIN_LOCKED_OUT"::equals)
                .hasSize(1);
        assertThat(audit)
                .filteredOn(e -> e.path("action").asText().equals("LOGIN_FAILED"))
                .extracting(e -> e.path("details").asText())
                .filteredOn(d -> d.startsWith("phone: mailbox locked until"))
                .hasSize(2);

        // the owner is told by email, once, with the number the fifth wrong PIN came from
        service.process()
                .await(
                        "the lockout email",
                        () -> !lockoutEmails("mario.rossi@acme.example").isEmpty(),
                        Duration.ofSeconds(30));
        List<jakarta.mail.internet.MimeMessage> emails = lockoutEmails("mario.rossi@acme.example");
        assertThat(emails).hasSize(1);
        assertThat(emails.get(0).getSubject()).contains("100");
        String body = text(emails.get(0));
        assertThat(body).contains("3335550312").doesNotContain("4826").doesNotContain("0000");
        assertThat(lockoutEmails("giulia.bianchi@acme.example")).isEmpty();
        // and so is acme's administrator, in words for an administrator
        service.process()
                .await(
                        "the administrator's lockout email",
                        () -> !lockoutEmails("it-admin@acme.example").isEmpty(),
                        Duration.ofSeconds(30));
        assertThat(text(lockoutEmails("it-admin@acme.example").get(0)))
                .contains("Mario Rossi (ACME S.p.A.)")
                .contains("3335550312");
        service.process()
                .await(
                        "the lockout email audited",
                        () ->
                                audit("acme", "system").stream()
                                        .anyMatch(
                                                e ->
                                                        e.path("action")
                                                                        .asText()
                                                                        .equals(
                                                                                "PIN_LOCKOUT_NOTIFIED")
                                                                && e.path("subject")
                                                                        .asText()
                                                                        .equals("mailbox:100")),
                        Duration.ofSeconds(10));
    }

    /** The text part of an email, decoded. */
    private static String text(jakarta.mail.internet.MimeMessage email) throws Exception {
        return (String) ((jakarta.mail.Multipart) email.getContent()).getBodyPart(0).getContent();
    }

    private static List<jakarta.mail.internet.MimeMessage> lockoutEmails(String address) {
        List<jakarta.mail.internet.MimeMessage> found = new ArrayList<>();
        try {
            for (jakarta.mail.internet.MimeMessage email : service.mail().getReceivedMessages()) {
                String[] notice = email.getHeader("X-Voicemail-Notice");
                if (notice != null
                        && notice[0].equals("pin-lockout")
                        && email.getAllRecipients()[0].toString().equals(address)) {
                    found.add(email);
                }
            }
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    @Test
    void fromHerOwnMobileAnEmployeeIsAskedOnlyForThePin() throws Exception {
        // Giulia's mobile is +39 335 555 0399; networks present it in national form too
        Sipp.Result call =
                phone(
                        ACME_ACCESS,
                        "3355550399",
                        keys(ACME_101_PIN + "#", 2500) + keys("#", 0)); // no mailbox number
        assertThat(call.succeeded()).as(call.output()).isTrue();
        assertThat(audit("acme", "phone:3355550399"))
                .extracting(e -> e.path("action").asText() + " " + e.path("subject").asText())
                .containsExactly("LOGIN_SUCCEEDED mailbox:" + ACME_101);

        // the PIN is still asked: the mobile's number alone (it can be forged) opens nothing
        Sipp.Result wrong =
                phone(
                        ACME_ACCESS,
                        "+393355550399",
                        keys("0000#", 2500) + keys("###", 0)); // refused; three # end the call
        assertThat(wrong.succeeded()).as(wrong.output()).isTrue();
        assertThat(audit("acme", "phone:+393355550399"))
                .extracting(e -> e.path("action").asText() + " " + e.path("subject").asText())
                .containsExactly("LOGIN_FAILED mailbox:" + ACME_101);
    }

    /**
     * An unknown mailbox must not be told from a wrong PIN by ear or by stopwatch. Both cost the
     * same PIN hash, but not the same database work (the wrong PIN counts against the mailbox:
     * about 20 ms more on PostgreSQL, measured here before refusals got a floor), so the service
     * answers every refusal no sooner than 250 ms after the {@code #}. Timed from the caller's
     * side, over the whole real path; the fastest of three of each is compared, which keeps a
     * loaded machine's noise out of the comparison.
     */
    @Test
    void anUnknownMailboxAndAWrongPinTakeTheSameTime() throws Exception {
        List<Long> unknown = new ArrayList<>();
        List<Long> wrong = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            try (KeyingCaller call =
                    KeyingCaller.dial(
                            service.process().sipPort(), ACME_ACCESS, "33355503" + (50 + round))) {
                call.untilSound(Duration.ofSeconds(5)); // "mailbox number, then #"
                unknown.add(answerTime(call, "5559", ACME_101_PIN));
                wrong.add(answerTime(call, ACME_101, "0000"));
            }
        }
        long fastestUnknown = java.util.Collections.min(unknown);
        long fastestWrong = java.util.Collections.min(wrong);
        String figures = "unknown mailbox " + unknown + " ms, wrong PIN " + wrong + " ms";
        System.out.println("login answer times: " + figures);
        assertThat(Math.min(fastestUnknown, fastestWrong)).as(figures).isGreaterThanOrEqualTo(250);
        assertThat(Math.abs(fastestUnknown - fastestWrong))
                .as(figures)
                .isLessThan(25); // prompts start on the 20 ms media clock
    }

    /** Keys a mailbox and PIN; the time from the closing # to the first sound of the answer. */
    private static long answerTime(KeyingCaller call, String mailbox, String pin) throws Exception {
        call.key(mailbox + "#");
        call.untilSound(Duration.ofSeconds(5)); // "PIN, then #"
        call.key(pin);
        call.awaitQuiet(Duration.ofMillis(300), Duration.ofSeconds(10));
        long start = System.nanoTime();
        call.key("#");
        call.untilSound(Duration.ofSeconds(5)); // "login incorrect"
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void anotherTenantsAccessNumberNeverOpensThisTenantsMailbox() throws Exception {
        // in acme's 100 (101 is the other test's, which counts on its messages)
        long mailbox = mailboxId("acme", "100");
        String left = leaveMessage("+390255500000", "100", "3335550321");
        awaitMessage(mailbox, left);
        Sipp.Result call =
                phone(
                        GLOBEX_ACCESS,
                        "3335550322",
                        keys(ACME_101 + "#", 300)
                                + keys(ACME_101_PIN + "#", 2500) // no 101 there
                                + keys("100#", 300)
                                + keys("4826#", 2500) // acme's 100 PIN
                                + keys("100#", 300)
                                + keys("4826#", 0));
        assertThat(call.succeeded()).as(call.output()).isTrue();
        assertThat(state(mailbox, left)).isEqualTo("NEW");
        assertThat(audit("acme", "phone:3335550322")).isEmpty();
        assertThat(audit("globex", "phone:3335550322"))
                .extracting(e -> e.path("action").asText())
                .containsOnly("LOGIN_FAILED")
                .hasSize(3);
    }

    @Test
    void anEmployeeChangesThePinAndRecordsGreetingsByPhoneAndCallersHearThem() throws Exception {
        long mailbox = mailboxId("globex", "100");
        String greetingPath = "api/tenants/globex/mailboxes/" + mailbox + "/greeting";
        String temporaryPath = "api/tenants/globex/mailboxes/" + mailbox + "/temporary-greeting";
        Sipp.Result first =
                phone(
                        GLOBEX_ACCESS,
                        "447700900001",
                        keys("100#", 300)
                                + keys("2580#", 2500)
                                + keys("0", 300) // the options
                                + keys("5", 300) // a new PIN...
                                + keys("3719#", 300)
                                + keys("3719#", 1500) // ...twice
                                + keys("1", 6500) // the greeting: instructions, tone, 2 s
                                + keys("#", 800)
                                + keys("1", 1500) // kept
                                + keys("#", 300) // the main menu
                                + keys("#", 0)); // goodbye
        assertThat(first.succeeded()).as(first.output()).isTrue();
        assertThat(audit("globex", "phone:447700900001"))
                .extracting(e -> e.path("action").asText() + " " + e.path("details").asText())
                .contains("LOGIN_SUCCEEDED phone", "PIN_CHANGED phone")
                .anyMatch(e -> e.startsWith("GREETING_CHANGED unavailable greeting, "));
        short[] greeting = wav(service.getBytes(greetingPath));
        assertThat(greeting.length)
                .as("about 2 s of the caller's audio recorded")
                .isBetween(8000, 8000 * 4);

        Sipp.Result newPin =
                phone(
                        GLOBEX_ACCESS,
                        "447700900002",
                        keys("100#", 300) + keys("3719#", 2500) + keys("#", 0));
        assertThat(newPin.succeeded()).as(newPin.output()).isTrue();
        assertThat(audit("globex", "phone:447700900002"))
                .extracting(e -> e.path("action").asText())
                .containsExactly("LOGIN_SUCCEEDED");

        short[] window = java.util.Arrays.copyOfRange(greeting, 2000, 2800);
        assertThat(ListeningCaller.indexOf(hear("+442079460100", "447700900003"), window))
                .as("a caller of the mailbox hears the greeting recorded by phone")
                .isNotNegative();
        assertThat(ListeningCaller.indexOf(hear("+390255500100", "447700900004"), window))
                .as("acme's mailbox 100 does not play globex's greeting")
                .isNegative();

        Sipp.Result temporary =
                phone(
                        GLOBEX_ACCESS,
                        "447700900005",
                        keys("100#", 300)
                                + keys("3719#", 2500)
                                + keys("0", 300)
                                + keys("4", 7000) // none yet: recorded at once
                                + keys("#", 800)
                                + keys("1", 1500)
                                + keys("#", 300)
                                + keys("#", 0),
                        TestAudio.warble(Codec.PCMU, 2, 900)); // another sound than the first

        assertThat(temporary.succeeded()).as(temporary.output()).isTrue();
        short[] temporaryGreeting = wav(service.getBytes(temporaryPath));
        short[] temporaryWindow = java.util.Arrays.copyOfRange(temporaryGreeting, 2000, 2800);
        short[] heard = hear("+442079460100", "447700900006");
        assertThat(ListeningCaller.indexOf(heard, temporaryWindow))
                .as("the temporary greeting plays instead")
                .isNotNegative();
        assertThat(ListeningCaller.indexOf(heard, window)).isNegative();

        Sipp.Result removed =
                phone(
                        GLOBEX_ACCESS,
                        "447700900007",
                        keys("100#", 300)
                                + keys("3719#", 2500)
                                + keys("0", 300)
                                + keys("4", 300) // it exists: 1 record, 2 remove
                                + keys("2", 1500)
                                + keys("#", 300)
                                + keys("#", 0));
        assertThat(removed.succeeded()).as(removed.output()).isTrue();
        assertThat(service.send(service.request(temporaryPath).GET().build()).statusCode())
                .isEqualTo(404);
        assertThat(audit("globex", "phone:447700900007"))
                .extracting(e -> e.path("details").asText())
                .contains("temporary greeting removed");
        assertThat(ListeningCaller.indexOf(hear("+442079460100", "447700900008"), window))
                .as("the greeting recorded by phone again")
                .isNotNegative();
    }

    @Test
    void aCallToTheTenantNumberWithoutExtensionAsksForItAndLeavesTheMessageThere()
            throws Exception {
        short[] question =
                ListeningCaller.decode(
                        new PromptLibrary(Optional.empty())
                                .say(Language.ITALIAN, new Phrase.AskExtension())
                                .encoded(Codec.PCMU));
        assertThat(
                        ListeningCaller.indexOf(
                                hear("+390255500000", "3335550331"),
                                java.util.Arrays.copyOf(question, 2400)))
                .as("acme's attendant asks for the extension, in Italian")
                .isNotNegative();

        long mailbox = mailboxId("acme", "100");
        Sipp.Result call =
                phone(
                        "+390255500000",
                        "3335550332",
                        keys("100#", 2000) // the greeting of 100 begins
                                + keys("#", 3000) // skipped: the tone, then 3 s of audio
                                + keys("#", 0)); // the message ends: goodbye
        assertThat(call.succeeded()).as(call.output()).isTrue();
        JsonNode message = awaitMessage(mailbox, call.callId());
        assertThat(message.path("callerNumber").asText()).isEqualTo("3335550332");
        assertThat(message.path("durationMillis").asLong()).isBetween(1500L, 4500L);
    }

    private static short[] hear(String number, String caller) throws Exception {
        return ListeningCaller.hear(
                service.process().sipPort(), number, caller, Duration.ofSeconds(5));
    }

    private static short[] wav(byte[] bytes) throws java.io.IOException {
        return it.segreteria.voicemail.audio.Wav.read(new java.io.ByteArrayInputStream(bytes));
    }

    /**
     * RFC 4733 digits, then a pause. sipp plays the digits in the background, 400 ms each (200 ms
     * of tone, 200 ms of gap), and a new play_dtmf cuts short the one still playing: the pause
     * starts after the last digit.
     */
    private static String keys(String digits, int pauseMillis) {
        return "<nop><action><exec play_dtmf=\""
                + digits
                + "\"/></action></nop><pause milliseconds=\""
                + (digits.length() * 400 + 100 + pauseMillis)
                + "\"/>";
    }

    private static Sipp.Result phone(String number, String caller, String steps) throws Exception {
        return phone(number, caller, steps, TestAudio.warble(Codec.PCMU, 2));
    }

    private static Sipp.Result phone(String number, String caller, String steps, TestAudio audio)
            throws Exception {
        return Sipp.call(
                "phone-access",
                number,
                service.process().sipPort(),
                Map.of("AUDIO", audio.write("phone").toString(), "PT", "0", "STEPS", steps),
                Map.of("caller", caller, "name", "Employee", "pt", "0", "te", "96"));
    }

    /** A message left through the tenant number, with the extension forwarded by the PBX. */
    private static String leaveMessage(String tenantNumber, String extension, String caller)
            throws Exception {
        TestAudio audio = TestAudio.warble(Codec.PCMU, 3);
        Sipp.Result deposit =
                Sipp.call(
                        "deposit-forwarded",
                        tenantNumber,
                        service.process().sipPort(),
                        Map.of("AUDIO", audio.write("left").toString(), "PT", "0", "TALK", "2700"),
                        Map.of(
                                "caller", caller,
                                "name", "A Caller",
                                "pt", "0",
                                "te", "101",
                                "extension", extension));
        assertThat(deposit.succeeded()).as(deposit.output()).isTrue();
        return deposit.callId();
    }

    private static long mailboxId(String tenant, String number) {
        return json(service.get("api/tenants/" + tenant + "/mailboxes?number=" + number))
                .get(0)
                .path("id")
                .asLong();
    }

    private static JsonNode awaitMessage(long mailbox, String callId) {
        service.process()
                .await(
                        "the message of " + callId,
                        () -> message(mailbox, callId) != null,
                        Duration.ofSeconds(30));
        return message(mailbox, callId);
    }

    private static JsonNode message(long mailbox, String callId) {
        for (JsonNode message :
                json(service.get("api/tenants/acme/mailboxes/" + mailbox + "/messages"))) {
            if (message.path("sipCallId").asText().equals(callId)) {
                return message;
            }
        }
        return null;
    }

    private static String state(long mailbox, String callId) {
        JsonNode message = message(mailbox, callId);
        return message == null ? "" : message.path("state").asText();
    }

    private static List<JsonNode> audit(String tenant, String actor) {
        List<JsonNode> events = new ArrayList<>();
        for (JsonNode event : json(service.get("api/tenants/" + tenant + "/audit?limit=500"))) {
            if (event.path("actor").asText().equals(actor)) {
                events.add(event);
            }
        }
        return events;
    }
}
