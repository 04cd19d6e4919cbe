package it.segreteria.voicemail.call.control;

/**
 * What a media channel reports to its call. Called from the media threads: implementations hand the
 * event to the call's own queue and return at once.
 */
public interface MediaEvents {

    void playbackFinished();

    void digit(char key);

    void silenceTimedOut();

    void recordingFull();
}
