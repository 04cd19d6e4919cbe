package it.segreteria.voicemail.tenant.boundary;

import it.segreteria.voicemail.shared.TenantId;
import it.segreteria.voicemail.tenant.entity.Tenant;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** The directory of tenants. Tenants are platform data, so this boundary is not tenant scoped. */
@Stateless
public class Tenants {

    @PersistenceContext EntityManager em;

    public Optional<Tenant> find(TenantId id) {
        return Optional.ofNullable(em.find(Tenant.class, id.value()));
    }

    /**
     * The id of an existing tenant written as {@code text} (a URL's path segment); empty when it is
     * malformed or names no tenant, which callers answer alike, so nobody learns which it was.
     */
    public Optional<TenantId> known(String text) {
        try {
            TenantId id = TenantId.of(text);
            return find(id).map(tenant -> id);
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    public List<Tenant> all() {
        return em.createQuery("select t from Tenant t order by t.id", Tenant.class).getResultList();
    }
}
