package org.agentcellphone.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A valid message as its sender meant it, the same for every recipient: what intake accepts, what a pending entry
 * and an inbox file carry.
 *
 * @param claimedFrom   what the drop said about its sender when an agent outbox overrode it
 * @param priorityLabel the priority as the sender wrote it (Markdown free text), shown in the inbox
 * @param mode          how the recipient is woken when the sender chose (inbox, gui, tmux); null: the recipient's own
 *                      way ({@code wake} in the roster, else {@code cellphone.delivery.mode})
 * @param ackRequired   true when the sender asks for an acknowledgement; null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Message(
        String id,
        String from,
        String claimedFrom,
        Priority priority,
        String priorityLabel,
        MessageType type,
        List<String> tags,
        String subject,
        String inReplyTo,
        String mode,
        Boolean ackRequired,
        String content) {

    /** Whether the sender asked each recipient to acknowledge it ({@code ack_required}). */
    public boolean asksForAck() {
        return Boolean.TRUE.equals(ackRequired);
    }
}
