package it.segreteria.voicemail.notification.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NotificationTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final Duration FIRST = Duration.ofSeconds(30);

    @Test
    void temporaryFailuresBackOffExponentiallyUpToACap() {
        Notification n = new Notification(1, "a@b.example", T0);
        Instant now = T0;
        long[] expected = {30, 60, 120, 240, 300, 300};
        for (long seconds : expected) {
            n.failedTemporarily("421 try later", now, FIRST);
            assertThat(Duration.between(now, n.nextAttemptAt()).toSeconds()).isEqualTo(seconds);
            assertThat(n.status()).isEqualTo(NotificationStatus.PENDING);
            now = n.nextAttemptAt();
        }
        assertThat(n.attempts()).isEqualTo(expected.length);
        assertThat(n.lastError()).isEqualTo("421 try later");
    }

    @Test
    void retryingStopsAfterTwoDaysAndSaysWhy() {
        Notification n = new Notification(1, "a@b.example", T0);
        n.failedTemporarily("connection refused", T0.plus(Duration.ofHours(48)), FIRST);
        assertThat(n.status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(n.lastError()).isEqualTo("connection refused");
    }

    @Test
    void aPermanentRefusalStopsAtOnceAndSuccessIsFinal() {
        Notification refused = new Notification(1, "nobody@b.example", T0);
        refused.failedPermanently("550 5.1.1 no such user\r\nX-Injected: 1");
        assertThat(refused.status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(refused.lastError()).isEqualTo("550 5.1.1 no such user X-Injected: 1");

        Notification sent = new Notification(2, "a@b.example", T0);
        sent.failedTemporarily("down", T0, FIRST);
        sent.sent(T0.plusSeconds(31));
        assertThat(sent.status()).isEqualTo(NotificationStatus.SENT);
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(sent.lastError()).isNull();
    }
}
