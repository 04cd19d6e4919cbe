package it.segreteria.voicemail.call.control;

import java.util.List;
import java.util.Optional;

/**
 * Finds the mailbox of a call from the numbers it was for (see {@code CallParties#calledNumbers}).
 */
public interface CallRouting {

    Optional<Destination> route(List<String> calledNumbers);

    /**
     * The call reached us because the tenant's PBX failed it (an edge proxy's or a carrier's
     * failover said so): evidence that the PBX is down, recorded as {@code actor}, which starts an
     * outage at once for a tenant that follows its PBX. The call's route afterwards (with the
     * outage, if one started); {@code routed} itself when nothing changed. A routing that keeps no
     * continuity state (a test's) changes nothing.
     */
    /**
     * A call from one of the test callers of the tenant's running failover drill is routed as in an
     * outage (and recorded in the drill's report); empty when it is no drill call. A routing that
     * keeps no continuity state (a test's) has no drills.
     */
    default Optional<Destination> drill(
            List<String> calledNumbers, Destination routed, String callerNumber, String callId) {
        return Optional.empty();
    }

    default Destination failedOver(
            List<String> calledNumbers, Destination routed, String why, String actor) {
        return routed;
    }
}
