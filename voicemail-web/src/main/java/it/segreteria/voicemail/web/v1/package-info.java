/**
 * The employees' REST API, {@code /api/v1}: their own messages, audio, greetings and settings, for
 * the portal's pages (the signed-in session) and for programs (Keycloak access tokens). Which
 * tenant and employee a request acts for comes from the token only ({@code web.security.Caller}).
 */
package it.segreteria.voicemail.web.v1;
