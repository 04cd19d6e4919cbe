package it.segreteria.voicemail.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.CookieStore;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser without a screen: cookies and redirects, and Keycloak's login form filled in. For the
 * many sign-in checks; {@code PortalBrowserIT} does the same in a real Chromium. Keycloak marks its
 * cookies {@code Secure} even on http://localhost, where a browser still sends them and Java's
 * cookie manager does not: this one keeps them.
 */
public final class BrowserSession {

    private static final Pattern FORM_ACTION =
            Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    private final HttpClient http;
    private final CookieManager cookies;

    public BrowserSession() {
        cookies = new CookieManager(new InsecureLocalhostCookies(), CookiePolicy.ACCEPT_ALL);
        http =
                HttpClient.newBuilder()
                        .cookieHandler(cookies)
                        .followRedirects(HttpClient.Redirect.ALWAYS)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
    }

    /**
     * Forgets the cookies of one host (its session expired, say), keeping the others' (Keycloak's
     * single sign-on session).
     */
    public void forgetCookiesOf(String host) {
        CookieStore store = cookies.getCookieStore();
        for (URI uri : store.getURIs()) {
            if (host.equals(uri.getHost())) {
                for (HttpCookie cookie : store.get(uri)) {
                    store.remove(uri, cookie);
                }
            }
        }
    }

    /** GET, following redirects. */
    public HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** True when the page is Keycloak's login form. */
    public static boolean isLoginForm(HttpResponse<String> page) {
        return FORM_ACTION.matcher(page.body()).find();
    }

    /**
     * Opens {@code url}, signs in on Keycloak's form as {@code user}, and returns the page the
     * browser ends on.
     */
    public HttpResponse<String> signIn(String url, String user, String password) {
        HttpResponse<String> form = get(url);
        Matcher action = FORM_ACTION.matcher(form.body());
        if (!action.find()) {
            throw new IllegalStateException("no login form at " + form.uri() + ": " + form.body());
        }
        String body =
                "username="
                        + URLEncoder.encode(user, StandardCharsets.UTF_8)
                        + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8)
                        + "&credentialId=";
        return send(
                HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
    }

    /** A cookie store that forgets the {@code Secure} flag (loopback only: tests). */
    private static final class InsecureLocalhostCookies implements CookieStore {
        private final CookieStore store = new CookieManager().getCookieStore();

        @Override
        public void add(URI uri, HttpCookie cookie) {
            cookie.setSecure(false);
            store.add(uri, cookie);
        }

        @Override
        public List<HttpCookie> get(URI uri) {
            return store.get(uri);
        }

        @Override
        public List<HttpCookie> getCookies() {
            return store.getCookies();
        }

        @Override
        public List<URI> getURIs() {
            return store.getURIs();
        }

        @Override
        public boolean remove(URI uri, HttpCookie cookie) {
            return store.remove(uri, cookie);
        }

        @Override
        public boolean removeAll() {
            return store.removeAll();
        }
    }
}
