/**
 * The SIP protocol adapter's plumbing: settings and the bridge from the JAIN-SIP stack's logging to
 * the server log.
 */
package it.segreteria.voicemail.sip.control;
