/**
 * Infrastructure every component stands on: the data source, its settings and the schema
 * migrations.
 */
package it.segreteria.voicemail.platform.control;
