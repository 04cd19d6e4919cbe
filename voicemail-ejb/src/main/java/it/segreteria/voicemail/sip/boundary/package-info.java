/** The SIP endpoint: the JAIN-SIP stack's life cycle and the first stop of every request. */
package it.segreteria.voicemail.sip.boundary;
