package it.segreteria.voicemail.message.boundary;

import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.call.control.Deposits;
import it.segreteria.voicemail.call.control.Destination;
import it.segreteria.voicemail.call.control.SerialExecutor;
import it.segreteria.voicemail.message.control.MessageSpool.Checkpoint;
import it.segreteria.voicemail.message.control.MessageSpool.Entry;
import it.segreteria.voicemail.message.control.MessageSpool.SpooledMessage;
import it.segreteria.voicemail.message.control.MessageSpool.Stage;
import it.segreteria.voicemail.message.entity.VoiceMessage.Origin;
import it.segreteria.voicemail.shared.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The calls' way into the message store: a recording is described in the spool when it begins,
 * checkpointed while the caller speaks, its last audio appended and the message marked finished
 * (synced) when the caller finishes, and only then handed to the {@link StorageWorker}. The disk
 * work of a recording runs in order on an executor of its own over the spool's I/O threads: a call
 * waits neither for the database nor for the disk.
 */
@ApplicationScoped
public class MessageDeposits implements Deposits {

    private static final Logger LOG = Logger.getLogger(MessageDeposits.class.getName());

    @Inject StorageWorker worker;

    @Inject Messages messages;

    @Override
    public Draft begin(Destination destination, CallRecord call, Instant receivedAt, Codec codec) {
        SpooledMessage recording =
                new SpooledMessage(
                        destination.tenant().value(),
                        destination.mailboxId(),
                        call.callerNumber(),
                        call.callerName(),
                        call.calledNumber(),
                        call.originalCalledNumber(),
                        call.sipCallId(),
                        receivedAt.toString(),
                        0,
                        Stage.RECORDING,
                        codec.name());
        SpoolDraft draft =
                new SpoolDraft(destination, call, recording, new SerialExecutor(worker.spoolIo()));
        draft.io.execute(draft::begin);
        return draft;
    }

    @Override
    public void noMessage(Destination destination, CallRecord call, String reason) {
        worker.later(
                () -> {
                    try {
                        messages.noMessage(
                                destination.tenant(),
                                destination.mailboxId(),
                                origin(call),
                                reason);
                    } catch (RuntimeException e) {
                        LOG.log(
                                Level.WARNING,
                                "call " + call.sipCallId() + ": not audited (" + reason + ")",
                                e);
                    }
                });
    }

    @Override
    public void noMessagesCounted(
            TenantId tenant, String source, int calls, Instant from, Instant to) {
        worker.later(
                () -> {
                    try {
                        messages.noMessagesCounted(tenant, source, calls, from, to);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, calls + " calls from " + source + " not audited", e);
                    }
                });
    }

    private static Origin origin(CallRecord call) {
        return new Origin(
                call.callerNumber(),
                call.callerName(),
                call.calledNumber(),
                call.originalCalledNumber(),
                call.sipCallId());
    }

    private final class SpoolDraft implements Draft {

        private final Destination destination;
        private final CallRecord call;
        private final SpooledMessage recording;
        private final SerialExecutor io; // this recording's disk work, in order
        private Checkpoint checkpoint; // on io only; null when the spool could not be written

        SpoolDraft(
                Destination destination,
                CallRecord call,
                SpooledMessage recording,
                SerialExecutor io) {
            this.destination = destination;
            this.call = call;
            this.recording = recording;
            this.io = io;
        }

        private void begin() {
            try {
                checkpoint = worker.spool().begin(recording);
            } catch (UncheckedIOException e) {
                LOG.log(
                        Level.SEVERE,
                        "call "
                                + call.sipCallId()
                                + ": the spool cannot be written; no checkpoints",
                        e);
            }
        }

        @Override
        public void checkpoint(byte[] codes) {
            io.execute(
                    () -> {
                        if (checkpoint != null) {
                            checkpoint.append(codes);
                        }
                    });
        }

        @Override
        public void hungUp(byte[] codes) {
            io.execute(
                    () -> {
                        if (checkpoint != null) {
                            checkpoint.hungUp(recording, codes);
                        }
                    });
        }

        @Override
        public void finish(Duration duration, byte[] rest, byte[] wav) {
            io.execute(() -> finishNow(duration, rest, wav));
        }

        private void finishNow(Duration duration, byte[] rest, byte[] wav) {
            SpooledMessage finished = recording.finished(duration.toMillis());
            String key;
            try {
                if (checkpoint != null && checkpoint.intact()) {
                    // the audio is on disk but for the rest: append it, mark the message done
                    checkpoint.finish(finished, rest);
                    key = checkpoint.key();
                } else {
                    key = worker.spool().put(finished, wav);
                }
            } catch (UncheckedIOException e) {
                // the disk failed us: the database is the only copy left, try it at once
                LOG.log(
                        Level.SEVERE,
                        "call " + call.sipCallId() + ": message not spooled, storing directly",
                        e);
                key = finished.key();
            }
            worker.store(new Entry(key, finished, wav, false));
        }

        @Override
        public void discard(String reason) {
            io.execute(
                    () -> {
                        if (checkpoint != null) {
                            checkpoint.discard();
                        }
                    });
            noMessage(destination, call, reason);
        }
    }
}
