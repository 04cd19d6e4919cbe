package it.segreteria.voicemail.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The session cookie is Secure exactly when the portal is served over TLS, unless configured. */
class SessionCookieTest {

    @Test
    void secureWhenThePortalsAddressIsHttps() {
        assertThat(SessionCookie.secure("https://voicemail.acme.example/voicemail", null)).isTrue();
        assertThat(SessionCookie.secure(" HTTPS://voicemail.acme.example", null)).isTrue();
        assertThat(SessionCookie.secure("http://localhost:8080/voicemail", null)).isFalse();
        assertThat(SessionCookie.secure("", null)).isFalse();
    }

    @Test
    void theSettingWins() {
        assertThat(SessionCookie.secure("http://localhost:8080/voicemail", true)).isTrue();
        assertThat(SessionCookie.secure("https://voicemail.acme.example", false)).isFalse();
    }
}
