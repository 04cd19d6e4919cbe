/** Persistence mappings shared by all components. */
package it.segreteria.voicemail.platform.entity;
