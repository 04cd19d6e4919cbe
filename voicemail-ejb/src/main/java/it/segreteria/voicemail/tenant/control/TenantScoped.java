package it.segreteria.voicemail.tenant.control;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a transactional boundary whose methods work on one tenant's data. Every such method takes
 * the {@link it.segreteria.voicemail.shared.TenantId} as a parameter; {@link TenantBinding} binds
 * the transaction's persistence context to that tenant before the method body runs.
 */
@Inherited
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface TenantScoped {}
