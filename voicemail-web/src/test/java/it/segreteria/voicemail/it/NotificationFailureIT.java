package it.segreteria.voicemail.it;

import static it.segreteria.voicemail.it.support.Service.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.it.support.Emails;
import it.segreteria.voicemail.it.support.Service;
import it.segreteria.voicemail.it.support.Sipp;
import it.segreteria.voicemail.it.support.TestAudio;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * A notification whose email cannot be put together (here: its message row holds a state this
 * version does not know, as after rolling back an upgrade) is a failed attempt like an SMTP
 * refusal: recorded with its reason, audited, retried with back-off; and it does not hold back the
 * other emails read with it. One sender worker, and both emails due when it starts, so the two are
 * read in one batch.
 */
class NotificationFailureIT {

    @Test
    void anEmailThatCannotBeReadFailsVisiblyAndTheOthersGoOut() throws Exception {
        try (Service service =
                Service.startPrivate(
                        "notification-failure", Map.of("voicemail.notification.workers", "1"))) {
            service.stopMail(); // both emails wait in the outbox
            long good = deposit(service, "+390255500100", "3350000101");
            long bad = deposit(service, "+390255500101", "3350000102");
            for (long message : new long[] {good, bad}) {
                service.process()
                        .await(
                                "a failed attempt to email message " + message,
                                () -> attempts(service, message) >= 1,
                                Duration.ofSeconds(30));
            }
            sql(service, "update voice_message set state = 'ARCHIVED_V9' where id = ?", bad);
            service.startMail();
            service.restart(); // both overdue at start-up: the one worker reads them together

            Emails.await(
                    service,
                    "the email of message " + good,
                    mail -> Emails.header(mail, "X-Voicemail-Message-Id").equals("" + good));
            service.process()
                    .await(
                            "the unreadable notification's failed attempt",
                            () -> attempts(service, bad) >= 2,
                            Duration.ofSeconds(30));
            assertThat(text(service, "select status from notification where message_id = ?", bad))
                    .as("it will be retried, with back-off")
                    .isEqualTo("PENDING");
            assertThat(
                            text(
                                    service,
                                    "select last_error from notification where message_id = ?",
                                    bad))
                    .contains("not readable")
                    .contains("ARCHIVED_V9");
            JsonNode failures =
                    json(service.get("api/tenants/acme/audit?action=NOTIFICATION_FAILED"));
            assertThat(StreamSupport.stream(failures.spliterator(), false))
                    .anySatisfy(
                            event -> {
                                assertThat(event.path("subject").asText())
                                        .isEqualTo("message:" + bad);
                                assertThat(event.path("details").asText())
                                        .contains("will retry")
                                        .contains("ARCHIVED_V9");
                            });
            assertThat(
                            Arrays.stream(service.mail().getReceivedMessages())
                                    .map(m -> Emails.header(m, "X-Voicemail-Message-Id")))
                    .as("one email: the readable message's, once")
                    .containsExactly("" + good);
        }
    }

    private static long deposit(Service service, String number, String caller) {
        Sipp.Result call =
                DepositIT.deposit(
                        service,
                        number,
                        caller,
                        Codec.PCMU,
                        TestAudio.warble(Codec.PCMU, 2.0),
                        2200);
        assertThat(call.succeeded()).as(call.output()).isTrue();
        return DepositIT.awaitMessage(service, "acme", call.callId()).path("id").asLong();
    }

    private static int attempts(Service service, long messageId) {
        String attempts =
                text(service, "select attempts from notification where message_id = ?", messageId);
        return attempts == null ? 0 : Integer.parseInt(attempts);
    }

    private static String text(Service service, String query, long id) {
        try (Connection c = service.database().getConnection();
                PreparedStatement s = c.prepareStatement(query)) {
            s.setLong(1, id);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sql(Service service, String update, long id) throws SQLException {
        try (Connection c = service.database().getConnection();
                PreparedStatement s = c.prepareStatement(update)) {
            s.setLong(1, id);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }
}
