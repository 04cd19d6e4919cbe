package it.segreteria.voicemail.call.boundary;

import it.segreteria.voicemail.call.control.Deposits;
import it.segreteria.voicemail.call.control.Destination;
import it.segreteria.voicemail.message.boundary.Messages;
import it.segreteria.voicemail.message.entity.VoiceMessage.Origin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/** Hands finished calls to the tenant's messages, through the spool, so that none is lost. */
@ApplicationScoped
public class MessageRecorder implements Deposits {

    private static final Logger LOG = Logger.getLogger(MessageRecorder.class.getName());

    @Inject Messages messages;

    @Override
    public long store(
            Destination destination,
            CallRecord call,
            Instant receivedAt,
            Duration duration,
            byte[] wav) {
        return messages.deposit(
                destination.tenant(),
                destination.mailboxId(),
                origin(call),
                receivedAt,
                duration,
                wav);
    }

    @Override
    public void noMessage(Destination destination, CallRecord call, String reason) {
        messages.noMessage(destination.tenant(), destination.mailboxId(), origin(call), reason);
    }

    private static Origin origin(CallRecord call) {
        return new Origin(
                call.callerNumber(),
                call.callerName(),
                call.calledNumber(),
                call.originalCalledNumber(),
                call.sipCallId());
    }
}
