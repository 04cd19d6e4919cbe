package it.segreteria.voicemail.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class OperatorAuthenticationTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void malformedBasicHeadersAreNoCredentials() {
        assertThat(OperatorAuthentication.basic("Basic")).isEmpty();
        assertThat(OperatorAuthentication.basic("Basic !!!not-base64!!!")).isEmpty();
        assertThat(OperatorAuthentication.basic("Basic " + encode("no-colon"))).isEmpty();
        assertThat(OperatorAuthentication.basic("Basic " + encode(":nouser"))).isEmpty();
        assertThat(OperatorAuthentication.basic("Bearer abc")).isEmpty();
    }

    @Test
    void aWellFormedHeaderGivesUserAndPasswordWithColonsKept() {
        var credential = OperatorAuthentication.basic("basic " + encode("operator:pa:ss")).get();
        assertThat(credential.getCaller()).isEqualTo("operator");
        assertThat(credential.getPasswordAsString()).isEqualTo("pa:ss");
    }

    @Test
    void aSourceIsLockedOutAfterTooManyFailuresUntilTheWindowPassesSinceTheLast() {
        LoginThrottle throttle = new LoginThrottle(3, Duration.ofSeconds(60), 100);
        throttle.failed("10.0.0.1", T0);
        throttle.failed("10.0.0.1", T0.plusSeconds(1));
        assertThat(throttle.lockedOut("10.0.0.1", T0.plusSeconds(1))).isEmpty();
        throttle.failed("10.0.0.1", T0.plusSeconds(2));

        assertThat(throttle.lockedOut("10.0.0.1", T0.plusSeconds(3)))
                .contains(Duration.ofSeconds(59));
        assertThat(throttle.lockedOut("10.0.0.2", T0.plusSeconds(3))).isEmpty();
        assertThat(throttle.lockedOut("10.0.0.1", T0.plusSeconds(62))).isEmpty();
    }

    @Test
    void failuresSpreadBeyondTheWindowNeverLockOutAndASuccessClearsTheCount() {
        LoginThrottle throttle = new LoginThrottle(2, Duration.ofSeconds(60), 100);
        throttle.failed("10.0.0.1", T0);
        throttle.failed("10.0.0.1", T0.plusSeconds(61));
        assertThat(throttle.lockedOut("10.0.0.1", T0.plusSeconds(61))).isEmpty();

        throttle.succeeded("10.0.0.1");
        throttle.failed("10.0.0.1", T0.plusSeconds(62));
        assertThat(throttle.lockedOut("10.0.0.1", T0.plusSeconds(62))).isEmpty();
    }

    @Test
    void aFloodOfDistinctSourcesNeverGrowsTheTableBeyondItsBound() {
        LoginThrottle throttle = new LoginThrottle(2, Duration.ofSeconds(60), 10);
        for (int i = 0; i < 1000; i++) {
            throttle.failed("10.0." + (i / 250) + "." + (i % 250), T0);
        }
        assertThat(throttle.size()).isLessThanOrEqualTo(10);
    }

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
