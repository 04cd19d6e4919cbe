package it.segreteria.voicemail.call.entity;

/** What the call asks its surroundings to do: the only way the state machine touches the world. */
public sealed interface CallAction {

    /** Send 200 OK with our SDP. */
    record Answer() implements CallAction {}

    /** Answer the INVITE 487 Request Terminated (after a CANCEL). */
    record RejectCancelled() implements CallAction {}

    /** Start playing a prompt; a {@link CallEvent.PlaybackFinished} follows when it ends. */
    record Play(Prompt prompt) implements CallAction {}

    /** Stop the prompt being played, if any; no {@link CallEvent.PlaybackFinished} follows. */
    record StopPlayback() implements CallAction {}

    record StartRecording() implements CallAction {}

    /** Stop recording and store what was recorded (or audit why nothing was stored). */
    record StoreMessage(RecordingEnd end) implements CallAction {}

    /** Record in the audit trail that the call ended without a message, and why. */
    record AuditNoMessage(String reason) implements CallAction {}

    /** Send BYE: we end the call. */
    record HangUp() implements CallAction {}

    /** Free the call's media port and forget the call. */
    record Release() implements CallAction {}

    /** What a call plays. */
    enum Prompt {
        GREETING,
        BEEP,
        GOODBYE
    }

    /** Why a recording ended. */
    enum RecordingEnd {
        HANGUP,
        KEY,
        MAX_LENGTH,
        SILENCE,
        /** The call outlived a limit: no RTP, maximum call time, session expiry. */
        TIMEOUT
    }
}
