package it.segreteria.voicemail.tenant.entity;

import it.segreteria.voicemail.shared.TenantId;
import jakarta.persistence.MappedSuperclass;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/**
 * The base of every entity that belongs to a tenant. EclipseLink stores the tenant in the {@value
 * TenantDiscriminator#COLUMN} column and adds it to every query and {@code find()}, from the
 * persistence context property that {@link it.segreteria.voicemail.tenant.control.TenantBinding}
 * sets. Extending this class is all an entity needs to be isolated.
 */
@MappedSuperclass
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(
        name = TenantDiscriminator.COLUMN,
        contextProperty = TenantDiscriminator.PROPERTY,
        length = TenantId.MAX_LENGTH)
public abstract class TenantOwned {}
