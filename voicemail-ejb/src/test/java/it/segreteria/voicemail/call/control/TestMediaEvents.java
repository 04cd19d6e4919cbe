package it.segreteria.voicemail.call.control;

/** Media events for tests that drive a media engine without a call. */
public final class TestMediaEvents {

    private TestMediaEvents() {}

    /** Ignores everything. */
    public static final MediaEvents NOBODY = onPlaybackFinished(() -> {});

    /** Runs {@code action} when a prompt ends (on the media clock's thread), ignores the rest. */
    public static MediaEvents onPlaybackFinished(Runnable action) {
        return new MediaEvents() {
            @Override
            public void playbackFinished() {
                action.run();
            }

            @Override
            public void digit(char key) {}

            @Override
            public void silenceTimedOut() {}

            @Override
            public void recordingFull() {}
        };
    }
}
