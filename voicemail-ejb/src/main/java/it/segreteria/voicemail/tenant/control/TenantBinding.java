package it.segreteria.voicemail.tenant.control;

import it.segreteria.voicemail.shared.TenantId;
import it.segreteria.voicemail.tenant.entity.TenantDiscriminator;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Arrays;

/**
 * The one place where the tenant of a transaction is set.
 *
 * <p>EclipseLink filters every query and {@code find()} on a {@code @Multitenant} entity by the
 * {@value TenantDiscriminator#PROPERTY} property of the persistence context. This interceptor sets
 * it once, as the first thing in the transaction, from the {@link TenantId} argument of the {@link
 * TenantScoped} method. A transaction stays bound to its first tenant: a call for another tenant
 * inside it is refused, because EclipseLink would serve that tenant entities cached in the
 * persistence context of the first one. A persistence context with no tenant fails every query on
 * tenant data, so forgetting the binding cannot leak.
 */
@TenantScoped
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public class TenantBinding {

    @PersistenceContext EntityManager em;

    @Resource TransactionSynchronizationRegistry transactions;

    @AroundInvoke
    public Object bindTenant(InvocationContext invocation) throws Exception {
        TenantId tenant = tenantArgument(invocation);
        if (transactions.getTransactionKey() == null) {
            throw new IllegalStateException(
                    invocation.getMethod() + " works on tenant data and must run in a transaction");
        }
        Object bound = transactions.getResource(TenantBinding.class);
        if (bound == null) {
            em.setProperty(TenantDiscriminator.PROPERTY, tenant.value());
            transactions.putResource(TenantBinding.class, tenant);
        } else if (!bound.equals(tenant)) {
            throw new TenantMismatchException((TenantId) bound, tenant);
        }
        return invocation.proceed();
    }

    private static TenantId tenantArgument(InvocationContext invocation) {
        TenantId[] tenants =
                Arrays.stream(invocation.getParameters())
                        .filter(TenantId.class::isInstance)
                        .map(TenantId.class::cast)
                        .toArray(TenantId[]::new);
        if (tenants.length != 1) {
            throw new IllegalStateException(
                    invocation.getMethod()
                            + " is @TenantScoped and needs exactly one non-null TenantId argument");
        }
        return tenants[0];
    }
}
