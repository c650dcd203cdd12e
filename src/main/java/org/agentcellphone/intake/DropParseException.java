package org.agentcellphone.intake;

import org.agentcellphone.model.Rejection;

/** Thrown by the parsers when a drop cannot become a {@link Draft}; carries the dead-letter reason. */
public class DropParseException extends Exception {

    private final transient Rejection rejection;

    public DropParseException(Rejection rejection) {
        super(rejection.code().code() + ": " + rejection.detail());
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }
}
