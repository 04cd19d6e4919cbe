/**
 * The call as a state machine: states, events in, actions out, no I/O, so a whole call runs in a
 * unit test.
 */
package it.segreteria.voicemail.call.entity;
