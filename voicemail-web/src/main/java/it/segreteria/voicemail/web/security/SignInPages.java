package it.segreteria.voicemail.web.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The two addresses of single sign-on. {@code /callback} is where Keycloak sends the browser back:
 * the OpenID Connect mechanism has completed the login by the time this runs, and this sends the
 * browser on to the portal page it asked for, query included (a message's link from its email);
 * when there is none (a bookmarked login), the inbox. {@code /logout} (POST) ends the application
 * session and Keycloak's, then lands on the start page.
 */
@WebServlet(urlPatterns = {"/callback", "/logout", "/messages/*"})
public class SignInPages extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (request.getServletPath().equals("/messages")) {
            String id = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
            response.sendRedirect(
                    request.getContextPath()
                            + "/portal/"
                            + (id.matches("[0-9]{1,18}") ? "?message=" + id : ""));
        } else if (request.getServletPath().equals("/logout")) {
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        } else if (request.getUserPrincipal() != null) {
            response.sendRedirect(returnTo(request));
        } else {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        }
    }

    /** The page the user asked for before signing in, if it is a portal page; else the inbox. */
    static String returnTo(HttpServletRequest request) {
        String portal = request.getContextPath() + "/portal/";
        jakarta.servlet.http.HttpSession session = request.getSession(false);
        Object asked = session == null ? null : session.getAttribute(WebAuthentication.RETURN_TO);
        if (session != null) {
            session.removeAttribute(WebAuthentication.RETURN_TO);
        }
        return asked instanceof String page && page.startsWith(portal) && !page.contains("//")
                ? page
                : portal;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (!request.getServletPath().equals("/logout")) {
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        if (request.getUserPrincipal() != null) {
            request.logout(); // the mechanism redirects to Keycloak's end-session endpoint
        }
        if (!response.isCommitted()) {
            response.sendRedirect(request.getContextPath() + "/");
        }
    }
}
