/**
 * Value types that every component speaks: tenant ids, phone numbers, languages, attachment
 * policies. Depends on nothing else in the service, so any package may use it without a cycle.
 */
package it.segreteria.voicemail.shared;
