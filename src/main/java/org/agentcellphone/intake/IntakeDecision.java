package org.agentcellphone.intake;

import org.agentcellphone.model.Rejection;
import org.agentcellphone.store.Drop;

/**
 * What intake decided about one drop: accepted (with its message), rejected (with its reason), or deferred (the
 * queue is full; the drop is left where it is, unread).
 */
public record IntakeDecision(Drop drop, AcceptedMessage message, Rejection rejection) {

    public static IntakeDecision ofAccepted(Drop drop, AcceptedMessage message) {
        return new IntakeDecision(drop, message, null);
    }

    public static IntakeDecision ofRejected(Drop drop, Rejection rejection) {
        return new IntakeDecision(drop, null, rejection);
    }

    public static IntakeDecision ofDeferred(Drop drop) {
        return new IntakeDecision(drop, null, null);
    }

    public boolean isDeferred() {
        return message == null && rejection == null;
    }

    public boolean isRejected() {
        return rejection != null;
    }
}
