/** The call component's links to the rest of the service: routing by number, storing messages. */
package it.segreteria.voicemail.call.boundary;
