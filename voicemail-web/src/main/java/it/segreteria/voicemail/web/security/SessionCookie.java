package it.segreteria.voicemail.web.security;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;
import java.util.Locale;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The portal's session cookie as the deployment allows: always {@code HttpOnly} (web.xml) and
 * {@code SameSite=Lax} (payara-web.xml: sent on the top-level return from Keycloak, never with
 * another site's requests); {@code Secure} always when the portal's address ({@code
 * voicemail.portal.url}, the one in the emails) is https, as behind a proxy that ends TLS, or as
 * {@code voicemail.portal.secure-cookie} says; otherwise Payara's default, {@code Secure} on the
 * requests that came over TLS.
 */
@WebListener
public class SessionCookie implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        var config = ConfigProvider.getConfig();
        boolean secure =
                secure(
                        config.getOptionalValue("voicemail.portal.url", String.class).orElse(""),
                        config.getOptionalValue("voicemail.portal.secure-cookie", Boolean.class)
                                .orElse(null));
        SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
        cookie.setHttpOnly(true);
        cookie.setSecure(secure); // false: Payara's "dynamic", Secure over TLS
    }

    /** {@code Secure} as configured, else when the portal's address is https. */
    static boolean secure(String portalUrl, Boolean configured) {
        if (configured != null) {
            return configured;
        }
        return portalUrl.strip().toLowerCase(Locale.ROOT).startsWith("https://");
    }
}
