package it.segreteria.voicemail.audio;

/**
 * Sample-rate conversion to the telephone's 8 kHz, for greetings uploaded from a computer (44.1 or
 * 48 kHz, stereo): the channels mixed down, then a windowed-sinc low-pass at 3.6 kHz (below the new
 * Nyquist frequency, so nothing folds back as aliasing) evaluated at each output instant. The JDK's
 * {@code javax.sound.sampled} converts encodings but not sample rates, and no maintained library is
 * worth a dependency for these thirty lines (docs/architecture.md).
 */
public final class Resampler {

    /** Zero crossings of the sinc on each side: a steep enough filter for speech. */
    private static final int ZERO_CROSSINGS = 16;

    private Resampler() {}

    /** {@code channels} interleaved 16-bit channels at {@code rate} Hz as 8 kHz mono samples. */
    public static short[] toTelephone(short[] interleaved, int channels, float rate) {
        int frames = interleaved.length / channels;
        double[] mono = new double[frames];
        for (int i = 0; i < frames; i++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += interleaved[i * channels + c];
            }
            mono[i] = sum / channels;
        }
        double step = rate / Codec.SAMPLE_RATE; // input samples per output sample
        if (Math.abs(step - 1) < 1e-9) {
            return clip(mono);
        }
        double cutoff = Math.min(1.0, 1.0 / step) * 0.9; // of the input's Nyquist frequency
        int half = (int) Math.ceil(ZERO_CROSSINGS / cutoff);
        int outputs = (int) Math.floor(frames / step);
        double[] out = new double[outputs];
        for (int n = 0; n < outputs; n++) {
            double center = n * step;
            int first = Math.max(0, (int) Math.floor(center) - half);
            int last = Math.min(frames - 1, (int) Math.ceil(center) + half);
            double sum = 0;
            for (int k = first; k <= last; k++) {
                double x = (center - k) * cutoff;
                double window = 0.5 + 0.5 * Math.cos(Math.PI * (center - k) / (half + 1));
                sum += mono[k] * cutoff * sinc(x) * window;
            }
            out[n] = sum;
        }
        return clip(out);
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    private static short[] clip(double[] samples) {
        short[] pcm = new short[samples.length];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] =
                    (short)
                            Math.max(
                                    Short.MIN_VALUE,
                                    Math.min(Short.MAX_VALUE, Math.round(samples[i])));
        }
        return pcm;
    }
}
