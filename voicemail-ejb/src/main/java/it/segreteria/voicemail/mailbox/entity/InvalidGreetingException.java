package it.segreteria.voicemail.mailbox.entity;

import jakarta.ejb.ApplicationException;

/** The audio offered as a greeting is not a WAV we can read, or not of an acceptable length. */
@ApplicationException(rollback = true)
public class InvalidGreetingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidGreetingException(String message) {
        super(message);
    }
}
