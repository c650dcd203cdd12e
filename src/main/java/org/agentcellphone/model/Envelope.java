package org.agentcellphone.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One accepted message for one recipient: the content of a pending entry, and what the inbox file shows.
 *
 * @param seq        acceptance sequence (epoch microseconds, strictly increasing); orders a recipient's entries
 * @param claimedFrom what the drop said about its sender when an agent outbox overrode it
 * @param priorityLabel the priority as the sender wrote it (Markdown free text), shown in the inbox
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Envelope(
        String id,
        String recipient,
        String from,
        String claimedFrom,
        Priority priority,
        String priorityLabel,
        MessageType type,
        List<String> tags,
        String subject,
        String inReplyTo,
        String mode,
        String content,
        String timestamp,
        String source,
        long seq) {
}
