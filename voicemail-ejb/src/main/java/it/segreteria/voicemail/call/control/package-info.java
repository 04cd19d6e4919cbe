/** What a call needs from the rest of the service: routing, storing, limits, prompts. */
package it.segreteria.voicemail.call.control;
