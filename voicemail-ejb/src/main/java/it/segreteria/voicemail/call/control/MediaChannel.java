package it.segreteria.voicemail.call.control;

import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.audio.MediaDescription;
import it.segreteria.voicemail.audio.Prompt;
import it.segreteria.voicemail.audio.Recording;

/** One call's audio, as the call session drives it (implemented by the RTP engine). */
public interface MediaChannel {

    /** Where the caller sends us audio. */
    int localPort();

    /**
     * Starts (or redirects) the stream towards the caller as their SDP describes it; nothing is
     * sent before the first connect. Symmetric RTP: audio goes to where the caller's first valid
     * packet came from; before that, to the SDP's address only if it is {@code confirmed} (the
     * address the call's signalling came from, or a trusted one), so an SDP cannot aim our audio at
     * a third party.
     */
    void connect(MediaDescription remote, boolean confirmed);

    /** Plays a prompt; {@link MediaEvents#playbackFinished} follows when it ends. */
    void play(Prompt prompt);

    /** How many samples of the prompt being played (or the last one) have been sent. */
    int playedSamples();

    /** Stops the prompt being played; no {@link MediaEvents#playbackFinished} follows. */
    void stopPlayback();

    /** Starts recording, in the codec agreed with the caller. */
    void startRecording(int maxSamples, long silenceLimitMillis);

    /** The codec of the stream (and of the recording). */
    Codec codec();

    /**
     * The recorded audio from sample {@code from} up to the point that late packets can no longer
     * change (G.711 codes); empty when nothing new has settled.
     */
    byte[] settledAudio(int from);

    /** The recorded audio from sample {@code from} up to the newest packet (G.711 codes). */
    byte[] recordedAudio(int from);

    /** Stops recording; what was recorded, or {@code null} if nothing was being recorded. */
    Recording stopRecording();

    /** {@link System#nanoTime()} of the last packet from the caller (or of the connect). */
    long lastReceivedNanos();

    /**
     * Runs {@code then} once every packet that had reached this port when called has been read into
     * the call (at once when the port is closed). It runs on the media's receive thread: it must
     * only hand work over.
     */
    void afterPendingPackets(Runnable then);

    /**
     * Joins this call's audio with {@code other}'s (a second leg of the same call, e.g. a phone
     * that took the call): each side then hears what the other says, in its own codec, whenever no
     * prompt is playing to it.
     */
    void bridge(MediaChannel other);

    /** Frees the port. */
    void close();
}
