/**
 * The provisioning file as written, as checked (a plan), what is wrong with it, and what applying
 * it changed.
 */
package it.segreteria.voicemail.provisioning.entity;
