package org.agentcellphone.model;

import java.util.regex.Pattern;

/** What a message id may be: the sender's own when valid (else intake derives one from the drop, {@code Drop.derivedId}). */
public final class MessageIds {

    public static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private MessageIds() {
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches() && !id.equals(".") && !id.equals("..");
    }
}
