/**
 * Audio as the service handles it, without any I/O: G.711 codecs, WAV files, prompts, recordings
 * kept in real time, loudness. Used by the calls, the RTP engine and the message store alike.
 */
package it.segreteria.voicemail.audio;
