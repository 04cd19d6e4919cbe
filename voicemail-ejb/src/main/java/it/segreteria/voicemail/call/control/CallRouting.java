package it.segreteria.voicemail.call.control;

import java.util.List;
import java.util.Optional;

/**
 * Finds the mailbox of a call from the numbers it was for (see {@code CallParties#calledNumbers}).
 */
public interface CallRouting {

    Optional<Destination> route(List<String> calledNumbers);
}
