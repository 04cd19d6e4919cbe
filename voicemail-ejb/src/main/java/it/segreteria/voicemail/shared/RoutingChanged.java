package it.segreteria.voicemail.shared;

/**
 * A CDI event: what a call to some number reaches may have changed (provisioning applied, a
 * greeting set or removed). Whoever caches routing forgets it; observers that want the commit use
 * {@code TransactionPhase.AFTER_SUCCESS}.
 */
public record RoutingChanged(TenantId tenant) {}
