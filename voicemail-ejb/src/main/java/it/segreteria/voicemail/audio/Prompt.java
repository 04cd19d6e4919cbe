package it.segreteria.voicemail.audio;

/**
 * Audio to play to a caller, encoded once for both G.711 laws so that playing it costs no
 * conversion. Immutable and shared by all calls.
 */
public final class Prompt {

    private final byte[] pcmu;
    private final byte[] pcma;

    private Prompt(byte[] pcmu, byte[] pcma) {
        this.pcmu = pcmu;
        this.pcma = pcma;
    }

    public static Prompt of(short[] pcm) {
        byte[] u = new byte[pcm.length];
        byte[] a = new byte[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            u[i] = Codec.PCMU.encode(pcm[i]);
            a[i] = Codec.PCMA.encode(pcm[i]);
        }
        return new Prompt(u, a);
    }

    /** A sine tone, e.g. the beep before recording. */
    public static Prompt tone(int hertz, int millis, double amplitude) {
        short[] pcm = new short[Codec.SAMPLE_RATE * millis / 1000];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] =
                    (short)
                            (amplitude
                                    * Short.MAX_VALUE
                                    * Math.sin(2 * Math.PI * hertz * i / Codec.SAMPLE_RATE));
        }
        return of(pcm);
    }

    /** Several prompts played as one. */
    public static Prompt concat(Prompt... parts) {
        int length = 0;
        for (Prompt part : parts) {
            length += part.samples();
        }
        byte[] u = new byte[length];
        byte[] a = new byte[length];
        int at = 0;
        for (Prompt part : parts) {
            System.arraycopy(part.pcmu, 0, u, at, part.samples());
            System.arraycopy(part.pcma, 0, a, at, part.samples());
            at += part.samples();
        }
        return new Prompt(u, a);
    }

    /** This prompt from sample {@code start} on (shares nothing mutable: prompts are immutable). */
    public Prompt from(int start) {
        int at = Math.max(0, Math.min(start, samples()));
        return new Prompt(
                java.util.Arrays.copyOfRange(pcmu, at, pcmu.length),
                java.util.Arrays.copyOfRange(pcma, at, pcma.length));
    }

    public int samples() {
        return pcmu.length;
    }

    /** The encoded samples; callers must not modify the array. */
    public byte[] encoded(Codec codec) {
        return codec == Codec.PCMU ? pcmu : pcma;
    }
}
