package it.segreteria.voicemail.call.control;

/** Opens media channels (implemented by the RTP engine). */
public interface MediaPorts {

    /** A channel on a free port; {@link NoMediaPortException} when every port is taken. */
    MediaChannel open(MediaEvents events);

    /** Channels open now. */
    int inUse();

    /**
     * How late the media clock's ticks ran since the previous call, ticks it owes now included (the
     * capacity reads it each second).
     */
    Lateness.Window clockWindow();

    /** Every media port of the configured range is in use. */
    final class NoMediaPortException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NoMediaPortException() {
            super("no free RTP port");
        }
    }
}
