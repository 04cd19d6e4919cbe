/** Voice messages and their audio, kept apart so that listing messages never loads a recording. */
package it.segreteria.voicemail.message.entity;
