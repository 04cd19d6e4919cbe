package it.segreteria.voicemail.web.v1;

import it.segreteria.voicemail.shared.TenantId;
import it.segreteria.voicemail.web.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.ForbiddenException;

/**
 * The employee a {@code /api/v1} request acts for: the tenant and employee claims of the caller's
 * token (nothing from the URL or the body). A user without them (an administrator, the operator)
 * has no messages here: 403.
 */
record Employee(TenantId tenant, String key, String user) {

    static Employee of(HttpServletRequest request) {
        Object attribute = request.getAttribute(Caller.ATTRIBUTE);
        if (!(attribute instanceof Caller caller)
                || caller.tenant().isEmpty()
                || caller.employee().isEmpty()) {
            throw new ForbiddenException("no employee of a company");
        }
        TenantId tenant;
        try {
            tenant = TenantId.of(caller.tenant().get());
        } catch (IllegalArgumentException e) {
            throw new ForbiddenException("no employee of a company");
        }
        return new Employee(tenant, caller.employee().get(), caller.user());
    }

    /** The audit trail's actor for what this user does in the portal or the API. */
    String actor() {
        return "user:" + user;
    }
}
