package org.agentcellphone.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One accepted message for one recipient: the content of a pending entry, and what the inbox file shows. On disk
 * the message's fields stand at the top level, next to the recipient's.
 *
 * @param seq        acceptance sequence (epoch microseconds, strictly increasing); orders a recipient's entries
 * @param droppedAt  when the drop was written (its mtime, epoch milliseconds): the start of the delivery latency
 * @param history    earlier trips through the dead letter ({code, detail, attempts, failed_at, requeued_at}), oldest
 *                   first; absent until an operator requeues the entry
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Envelope(
        @JsonUnwrapped Message message,
        String recipient,
        String timestamp,
        String source,
        long seq,
        Long droppedAt,
        List<Map<String, Object>> history) {

    /** The message's id. */
    @JsonIgnore
    public String id() {
        return message.id();
    }

    /** The same entry accepted again at {@code newSeq} (an operator handed it back). */
    public Envelope withSeq(long newSeq) {
        return new Envelope(message, recipient, timestamp, source, newSeq, droppedAt, history);
    }

    /** The same entry with one more dead-letter trip in its history. */
    public Envelope withHistory(Map<String, Object> trip) {
        List<Map<String, Object>> trips = new ArrayList<>(history == null ? List.of() : history);
        trips.add(trip);
        return new Envelope(message, recipient, timestamp, source, seq, droppedAt, List.copyOf(trips));
    }
}
