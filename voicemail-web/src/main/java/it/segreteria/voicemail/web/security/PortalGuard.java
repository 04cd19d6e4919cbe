package it.segreteria.voicemail.web.security;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * What every response of the application carries, and what every change made with the portal's
 * session must show:
 *
 * <ul>
 *   <li>security headers: a Content-Security-Policy that lets the pages run only their own scripts
 *       and styles (no inline code, so an injected caller name cannot run), no framing, no MIME
 *       sniffing, no referrer to other sites, HSTS when the request came over TLS;
 *   <li>CSRF protection: a POST, PUT, PATCH or DELETE under {@code /api/v1} authenticated by the
 *       session cookie (not by a bearer token, which a browser never adds by itself) must carry the
 *       session's token in {@code X-CSRF-Token}, and {@code POST /logout} in the form field {@code
 *       csrf}; otherwise 403. The portal's pages read the token from {@code GET /api/v1/me}.
 * </ul>
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class PortalGuard extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final String TOKEN = PortalGuard.class.getName() + ".csrf";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject transient OidcSettings oidc;

    @Override
    protected void doFilter(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        headers(request, response);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean change = !SAFE.contains(request.getMethod());
        if (change && path.startsWith("/api/v1/") && request.getHeader("Authorization") == null) {
            if (!matches(request.getSession(false), request.getHeader("X-CSRF-Token"))) {
                response.sendError(
                        HttpServletResponse.SC_FORBIDDEN, "missing or wrong X-CSRF-Token");
                return;
            }
        } else if (change && path.equals("/logout")) {
            if (!matches(request.getSession(false), request.getParameter("csrf"))) {
                response.sendError(HttpServletResponse.SC_FORBIDDEN, "missing or wrong csrf");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** The session's CSRF token, made at its first use. */
    public static String token(HttpSession session) {
        synchronized (session) {
            Object token = session.getAttribute(TOKEN);
            if (token == null) {
                byte[] bytes = new byte[24];
                RANDOM.nextBytes(bytes);
                token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                session.setAttribute(TOKEN, token);
            }
            return (String) token;
        }
    }

    private static boolean matches(HttpSession session, String given) {
        Object expected = session == null ? null : session.getAttribute(TOKEN);
        return expected != null
                && given != null
                && MessageDigest.isEqual(
                        ((String) expected).getBytes(StandardCharsets.UTF_8),
                        given.getBytes(StandardCharsets.UTF_8));
    }

    private void headers(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader(
                "Content-Security-Policy",
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                        + " media-src 'self' blob:; connect-src 'self'; object-src 'none';"
                        + " base-uri 'self'; frame-ancestors 'none'; form-action 'self' "
                        + origin(oidc.getProviderUri()));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000");
        }
    }

    private static String origin(String uri) {
        URI parsed = URI.create(uri);
        return parsed.getScheme()
                + "://"
                + parsed.getHost()
                + (parsed.getPort() < 0 ? "" : ":" + parsed.getPort());
    }
}
