/** Reading and checking provisioning files, and bringing one tenant to its plan. */
package it.segreteria.voicemail.provisioning.control;
