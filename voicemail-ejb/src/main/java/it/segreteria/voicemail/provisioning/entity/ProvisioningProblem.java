package it.segreteria.voicemail.provisioning.entity;

/**
 * One thing wrong with a provisioning file: where ({@code tenants[1].employees[0].mailbox.pin},
 * with the line when the parser knows it) and what.
 */
public record ProvisioningProblem(String place, String message) {

    @Override
    public String toString() {
        return place.isEmpty() ? message : place + ": " + message;
    }
}
