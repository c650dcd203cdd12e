package org.agentcellphone.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One accepted message for one recipient: the content of a pending entry, and what the inbox file shows.
 *
 * @param seq        acceptance sequence (epoch microseconds, strictly increasing); orders a recipient's entries
 * @param claimedFrom what the drop said about its sender when an agent outbox overrode it
 * @param priorityLabel the priority as the sender wrote it (Markdown free text), shown in the inbox
 * @param droppedAt  when the drop was written (its mtime, epoch milliseconds): the start of the delivery latency
 * @param history    earlier trips through the dead letter ({code, detail, attempts, failed_at, requeued_at}), oldest
 *                   first; absent until an operator requeues the entry
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
        long seq,
        Long droppedAt,
        List<Map<String, Object>> history) {

    /** Whether it is also typed into the recipient's chat window (mode gui). */
    @JsonIgnore
    public boolean isGui() {
        return "gui".equals(mode);
    }

    /** The same entry accepted again at {@code newSeq} (an operator handed it back). */
    public Envelope withSeq(long newSeq) {
        return new Envelope(id, recipient, from, claimedFrom, priority, priorityLabel, type, tags, subject, inReplyTo,
                mode, content, timestamp, source, newSeq, droppedAt, history);
    }

    /** The same entry with one more dead-letter trip in its history. */
    public Envelope withHistory(Map<String, Object> trip) {
        List<Map<String, Object>> trips = new ArrayList<>(history == null ? List.of() : history);
        trips.add(trip);
        return new Envelope(id, recipient, from, claimedFrom, priority, priorityLabel, type, tags, subject, inReplyTo,
                mode, content, timestamp, source, seq, droppedAt, List.copyOf(trips));
    }
}
