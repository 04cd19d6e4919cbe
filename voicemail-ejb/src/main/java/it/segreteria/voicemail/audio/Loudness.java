package it.segreteria.voicemail.audio;

/**
 * Tells speech from silence in a frame of G.711 audio by its mean absolute amplitude, so that a
 * caller who says nothing can be hung up on. Works on decoded samples, never on packet counts:
 * comfort noise and lost packets are not speech.
 */
public final class Loudness {

    /** About -40 dBFS: quieter than speech, louder than line noise. */
    public static final int SPEECH_THRESHOLD = 330;

    private Loudness() {}

    public static boolean isSpeech(Codec codec, byte[] frame, int offset, int length) {
        if (length == 0) {
            return false;
        }
        long sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += Math.abs(codec.decode(frame[i]));
        }
        return sum / length > SPEECH_THRESHOLD;
    }
}
