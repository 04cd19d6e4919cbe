package it.segreteria.voicemail.web.api;

import it.segreteria.voicemail.message.entity.VoiceMessage;

/** A voice message as the API shows it; the audio is at {@code messages/{id}/audio}. */
public record MessageView(
        long id,
        long mailboxId,
        String mailbox,
        String callerNumber,
        String callerName,
        String calledNumber,
        String originalCalledNumber,
        String receivedAt,
        long durationMillis,
        boolean cutShort,
        String state,
        String sipCallId) {

    static MessageView of(VoiceMessage message) {
        VoiceMessage.Origin origin = message.origin();
        return new MessageView(
                message.id(),
                message.mailbox().id(),
                message.mailbox().number().value(),
                origin.callerNumber(),
                origin.callerName(),
                origin.calledNumber(),
                origin.originalCalledNumber(),
                message.receivedAt().toString(),
                message.duration().toMillis(),
                message.cutShort(),
                message.state().name(),
                origin.sipCallId());
    }
}
