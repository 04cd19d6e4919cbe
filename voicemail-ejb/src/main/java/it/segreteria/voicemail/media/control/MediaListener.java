package it.segreteria.voicemail.media.control;

/**
 * What a media session reports to its call. Called from the media threads: implementations hand the
 * event to the call's own queue and return at once.
 */
public interface MediaListener {

    void playbackFinished();

    void digit(char key);

    void silenceTimedOut();

    void recordingFull();
}
