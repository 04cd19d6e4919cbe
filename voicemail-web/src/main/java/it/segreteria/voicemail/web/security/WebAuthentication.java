package it.segreteria.voicemail.web.security;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.openid.JwtClaims;
import jakarta.security.enterprise.identitystore.openid.OpenIdContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The application's one authentication mechanism, routing by path, because Payara 6 (Jakarta
 * Security 3) takes a single mechanism per application and two are ambiguous (docs/security.md):
 *
 * <ul>
 *   <li>{@code /api/v1/…}: an access token from the company's Keycloak ({@code Authorization:
 *       Bearer}, {@link BearerTokens}), or the portal's signed-in session (the portal's own pages
 *       call the API); without either, 401 with a {@code Bearer} challenge, never a redirect;
 *   <li>the rest of {@code /api/…} (the operator API): the operator's HTTP Basic ({@link
 *       OperatorAuthentication});
 *   <li>everything else (the portal's pages, {@code /callback}): the standard OpenID Connect
 *       mechanism of {@link PortalSecurity}'s definition, to which this one delegates.
 * </ul>
 *
 * Either way the caller's tenant and employee come from the token's claims only ({@link Caller}, in
 * a request attribute).
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class WebAuthentication implements HttpAuthenticationMechanism {

    @Inject OperatorAuthentication operator;

    @Inject BearerTokens bearer;

    @Inject BeanManager beans;

    @Inject OpenIdContext openId;

    private volatile HttpAuthenticationMechanism oidc;

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
            throws AuthenticationException {
        String path = path(request);
        if (path.equals("/api/v1") || path.startsWith("/api/v1/")) {
            return api(request, response, context);
        }
        if (path.startsWith("/api/")) {
            return operator.validateRequest(request, response, context);
        }
        if (context.isProtected() && !signedIn(request)) {
            // Soteria's own return to the original page drops its query (a message's link)
            request.getSession().setAttribute(RETURN_TO, original(request));
        }
        return signedInWithKeycloak(request, response, context);
    }

    /** The session attribute with the page a signed-out user asked for ({@link SignInPages}). */
    static final String RETURN_TO = WebAuthentication.class.getName() + ".returnTo";

    private boolean signedIn(HttpServletRequest request) {
        return request.getSession(false) != null && openId.getSubject() != null;
    }

    private static String original(HttpServletRequest request) {
        String query = request.getQueryString();
        return request.getRequestURI() + (query == null ? "" : "?" + query);
    }

    private AuthenticationStatus api(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
            throws AuthenticationException {
        String header = request.getHeader("Authorization");
        if (header != null) {
            Optional<Caller> caller =
                    header.regionMatches(true, 0, "Bearer ", 0, 7)
                            ? bearer.verify(header.substring(7).trim())
                            : Optional.empty();
            if (caller.isEmpty()) {
                response.setHeader(
                        "WWW-Authenticate", "Bearer realm=\"voicemail\", error=\"invalid_token\"");
                return context.responseUnauthorized();
            }
            request.setAttribute(Caller.ATTRIBUTE, caller.get());
            return context.notifyContainerAboutLogin(
                    new CallerPrincipal(caller.get().user()), caller.get().roles());
        }
        if (signedIn(request)) {
            // the portal's own pages: the signed-in session, its tokens refreshed by the OIDC
            // mechanism; when Keycloak refuses the refresh, the mechanism sends a browser back to
            // Keycloak: an API call gets a plain 401 instead (the page reloads and signs in)
            NoRedirects quiet = new NoRedirects(response);
            context.setResponse(quiet);
            AuthenticationStatus status;
            try {
                status = signedInWithKeycloak(request, quiet, context);
            } finally {
                context.setResponse(response);
            }
            if (status == AuthenticationStatus.SUCCESS) {
                return status;
            }
            response.setHeader(
                    "WWW-Authenticate", "Bearer realm=\"voicemail\", error=\"invalid_token\"");
            return context.responseUnauthorized();
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        response.setHeader("WWW-Authenticate", "Bearer realm=\"voicemail\"");
        return context.responseUnauthorized();
    }

    /** The OpenID Connect mechanism's verdict; on success the caller in the request. */
    private AuthenticationStatus signedInWithKeycloak(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
            throws AuthenticationException {
        AuthenticationStatus status = oidc().validateRequest(request, response, context);
        if (status == AuthenticationStatus.SUCCESS) {
            portalCaller().ifPresent(caller -> request.setAttribute(Caller.ATTRIBUTE, caller));
        }
        return status;
    }

    /** The signed-in portal user, from the identity token (never the userinfo endpoint). */
    private Optional<Caller> portalCaller() {
        if (openId.getIdentityToken() == null) {
            return Optional.empty();
        }
        JwtClaims claims = openId.getIdentityToken().getJwtClaims();
        Set<String> groups = new HashSet<>(claims.getArrayStringClaim("groups"));
        return Optional.of(
                new Caller(
                        claims.getStringClaim("preferred_username").orElse(openId.getSubject()),
                        claims.getStringClaim("tenant"),
                        claims.getStringClaim("employee"),
                        groups));
    }

    @Override
    public AuthenticationStatus secureResponse(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
            throws AuthenticationException {
        return portal(request)
                ? oidc().secureResponse(request, response, context)
                : AuthenticationStatus.SUCCESS;
    }

    @Override
    public void cleanSubject(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        if (portal(request)) {
            oidc().cleanSubject(request, response, context); // ends the Keycloak session too
        } else {
            HttpAuthenticationMechanism.super.cleanSubject(request, response, context);
        }
    }

    private static boolean portal(HttpServletRequest request) {
        return !path(request).startsWith("/api/");
    }

    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    /** The OpenID Connect mechanism the container built from {@link PortalSecurity}. */
    private HttpAuthenticationMechanism oidc() {
        HttpAuthenticationMechanism current = oidc;
        if (current == null) {
            Bean<?> bean =
                    beans.getBeans(HttpAuthenticationMechanism.class).stream()
                            .filter(b -> b.getBeanClass() != WebAuthentication.class)
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            new IllegalStateException(
                                                    "no OpenID Connect mechanism was defined"));
            current =
                    (HttpAuthenticationMechanism)
                            beans.getReference(
                                    bean,
                                    HttpAuthenticationMechanism.class,
                                    beans.createCreationalContext(bean));
            oidc = current;
        }
        return current;
    }

    /** A response that drops redirects (and only them), for the API's session calls. */
    private static final class NoRedirects extends HttpServletResponseWrapper {

        NoRedirects(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendRedirect(String location) {
            // an API answers 401, never a redirect
        }

        @Override
        public void setStatus(int status) {
            if (status < 300 || status > 399) {
                super.setStatus(status);
            }
        }

        @Override
        public void setHeader(String name, String value) {
            if (!"Location".equalsIgnoreCase(name)) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (!"Location".equalsIgnoreCase(name)) {
                super.addHeader(name, value);
            }
        }
    }
}
