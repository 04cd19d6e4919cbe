package it.segreteria.voicemail.message.entity;

/** Where a message is in its owner's hands: new until heard, then heard or saved, until deleted. */
public enum MessageState {
    NEW,
    HEARD,
    SAVED,
    DELETED
}
