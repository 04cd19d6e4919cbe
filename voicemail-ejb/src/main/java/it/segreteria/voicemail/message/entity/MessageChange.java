package it.segreteria.voicemail.message.entity;

/** What an owner does to a message, by phone or in the portal. */
public enum MessageChange {
    HEARD,
    UNHEARD,
    SAVED,
    DELETED,
    RESTORED;

    /** Applies it; false when the message already was so (nothing to audit). */
    public boolean applyTo(VoiceMessage message) {
        return switch (this) {
            case HEARD -> message.heard();
            case UNHEARD -> message.unheard();
            case SAVED -> message.save();
            case DELETED -> message.delete();
            case RESTORED -> message.undelete();
        };
    }
}
