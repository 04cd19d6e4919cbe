package it.segreteria.voicemail.tenant.control;

import it.segreteria.voicemail.shared.TenantId;
import jakarta.ejb.ApplicationException;

/**
 * A transaction bound to one tenant tried to work on another tenant's data: a programming error,
 * never data.
 */
@ApplicationException(rollback = true)
public class TenantMismatchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TenantMismatchException(TenantId bound, TenantId requested) {
        super(
                "this transaction is bound to tenant '"
                        + bound
                        + "' and cannot work on tenant '"
                        + requested
                        + "'");
    }
}
