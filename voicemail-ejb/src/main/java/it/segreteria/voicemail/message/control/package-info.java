/** Keeping finished messages safe on disk until their transaction commits. */
package it.segreteria.voicemail.message.control;
