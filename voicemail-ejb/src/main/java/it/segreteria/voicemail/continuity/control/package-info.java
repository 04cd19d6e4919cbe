/** The PBX probe port (implemented by the SIP adapter) and the lease that runs the monitor once. */
package it.segreteria.voicemail.continuity.control;
