package org.agentcellphone.intake;

import org.agentcellphone.model.Rejection;

/** What intake decided about one drop: accepted (with its message) or rejected (with its reason). */
public record IntakeDecision(Drop drop, AcceptedMessage message, Rejection rejection) {

    public static IntakeDecision ofAccepted(Drop drop, AcceptedMessage message) {
        return new IntakeDecision(drop, message, null);
    }

    public static IntakeDecision ofRejected(Drop drop, Rejection rejection) {
        return new IntakeDecision(drop, null, rejection);
    }

    public boolean isRejected() {
        return rejection != null;
    }
}
