package org.agentcellphone.model;

import java.util.Locale;

/** Why an entry is in the dead letter folder; written as the {@code code} of its reason file. */
public enum ReasonCode {
    MALFORMED, UNSUPPORTED_FORMAT, MISSING_FIELD, INVALID_FIELD, UNKNOWN_RECIPIENT, TOO_LARGE, NOT_A_FILE,
    UNREADABLE, EXPIRED, DELIVERY_FAILED;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether a half-written drop could show this code, so a young file gets the settle time before it counts. */
    public boolean mayBeIncompleteWrite() {
        return this == MALFORMED || this == MISSING_FIELD;
    }
}
