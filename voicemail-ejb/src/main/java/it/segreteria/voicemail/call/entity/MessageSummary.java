package it.segreteria.voicemail.call.entity;

/**
 * A message as the phone menu knows it: which one, and whether it is new or already heard or saved.
 */
public record MessageSummary(long id, boolean fresh, boolean saved) {}
