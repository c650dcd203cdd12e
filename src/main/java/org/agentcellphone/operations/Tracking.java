package org.agentcellphone.operations;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.agentcellphone.delivery.InboxFormat;
import org.agentcellphone.files.Home;
import org.agentcellphone.model.Envelope;
import org.agentcellphone.store.DeadLetter;
import org.agentcellphone.store.DeliveryLedger;
import org.agentcellphone.store.PendingEntry;
import org.agentcellphone.store.PendingStore;
import org.agentcellphone.store.PostgresStore;
import org.agentcellphone.store.Receipts;

/**
 * Where a message stands for each recipient — {@code accepted → delivered → notified → read → acked}, or
 * {@code failed} — read from what the store keeps durably: pending entries, delivery records, receipts and the
 * dead letter. Also an agent's inbox as a list of what it has and has not read.
 */
public final class Tracking {

    /** The states of the last mile, in the order they are reached. */
    public enum State {
        ACCEPTED, DELIVERED, NOTIFIED, READ, ACKED, FAILED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The state a wait asks for: {@code delivered}, {@code notified}, {@code read} or {@code acked}. */
        public static Optional<State> parse(String text) {
            try {
                State s = valueOf(text.strip().toUpperCase(Locale.ROOT));
                return s == ACCEPTED || s == FAILED ? Optional.empty() : Optional.of(s);
            } catch (IllegalArgumentException unknown) {
                return Optional.empty();
            }
        }

        /** Whether this state is {@code wanted} or beyond it (read counts as notified: the agent has it). */
        public boolean reached(State wanted) {
            return this != FAILED && ordinal() >= wanted.ordinal();
        }
    }

    /**
     * One recipient's state and the time of each step; null where a step is not reached.
     *
     * @param wake       how waking went: {@code notified}, {@code typing}, {@code uncertain}, {@code failed}, or null
     *                   when the recipient is not woken (or not yet)
     * @param wakeReason why waking failed or is uncertain
     * @param reason     why the delivery failed (dead letter), with {@code failed_at}
     */
    public record RecipientState(String agent, State state, String acceptedAt, String deliveredAt, String notifiedAt,
                                 String notifiedBy, String readAt, String readBy, String ackedAt, boolean ackRequired,
                                 String wake, String wakeReason, String failedAt, String reason) {
    }

    /** A message in an agent's inbox, as {@code inbox} lists it. */
    public record InboxItem(String id, String from, String priority, String subject, State state, String deliveredAt,
                            long ageSeconds, boolean read, boolean ackRequired, boolean acked, String inboxFile,
                            String inReplyTo) {
    }

    private final Home home;
    private final DeliveryLedger ledger;
    private final Receipts receipts;

    private final PostgresStore shared;

    public Tracking(Home home) {
        this(home, null);
    }

    /** {@code shared}: with several hosts, the shared store, whose rows tell of what waits or failed anywhere. */
    public Tracking(Home home, PostgresStore shared) {
        this.home = home;
        this.ledger = new DeliveryLedger(home);
        this.receipts = new Receipts(home);
        this.shared = shared;
    }

    /** Each recipient's state, in the order they were accepted; empty when no such message is known. */
    public List<RecipientState> track(String id) throws IOException {
        Map<String, RecipientState> byAgent = new LinkedHashMap<>();
        PendingStore pending = new PendingStore(home);
        for (PendingEntry entry : waiting(id)) {
            Envelope e = pending.read(entry);
            byAgent.put(entry.recipient(), new RecipientState(entry.recipient(), State.ACCEPTED,
                    e == null ? null : e.timestamp(), null, null, null, null, null, null,
                    e != null && e.message().asksForAck(), null, null, null, null));
        }
        for (JsonNode record : ledger.recordsOf(id)) {
            String agent = record.path("recipient").asText();
            byAgent.put(agent, delivered(id, agent, record));
        }
        for (DeadLetter.Reason reason : failures(id)) {
            String agent = reason.recipient();
            if (agent != null && (!byAgent.containsKey(agent) || byAgent.get(agent).deliveredAt() == null)) {
                byAgent.put(agent, new RecipientState(agent, State.FAILED, null, null, null, null, null, null, null,
                        false, null, null, reason.failedAt(), reason.code() + ": " + reason.detail()));
            }
        }
        if (shared != null) {
            // what waits, is held or failed on the shared store, wherever; a delivery whose record is not copied
            // here yet shows as delivered
            for (PostgresStore.Row row : shared.rowsOf(id)) {
                RecipientState known = byAgent.get(row.recipient());
                if (known != null && known.deliveredAt() != null) {
                    continue;
                }
                switch (row.state()) {
                    case "waiting", "held" -> byAgent.put(row.recipient(), new RecipientState(row.recipient(),
                            State.ACCEPTED, row.acceptedAt(), null, null, null, null, null, null, false, null, null,
                            null, null));
                    case "dead" -> byAgent.put(row.recipient(), new RecipientState(row.recipient(), State.FAILED,
                            row.acceptedAt(), null, null, null, null, null, null, false, null, null, row.failedAt(),
                            row.reasonCode() + ": " + row.reasonDetail()));
                    case "delivered" -> byAgent.put(row.recipient(), new RecipientState(row.recipient(),
                            State.DELIVERED, row.acceptedAt(), row.deliveredAt(), null, null, null, null, null, false,
                            null, null, null, null));
                    default -> {
                        // deleted by an operator: no longer part of the message's story
                    }
                }
            }
        }
        return new ArrayList<>(byAgent.values());
    }

    /** The state of one recipient's delivered copy, or empty when it is not delivered to that agent (yet). */
    public Optional<RecipientState> trackFor(String id, String agent) throws IOException {
        List<JsonNode> records = ledger.recordsOf(id, agent);
        return records.isEmpty() ? Optional.empty() : Optional.of(delivered(id, agent, records.get(records.size() - 1)));
    }

    /** The state of the delivery a record tells of (delivered, notified, read or acked). */
    public RecipientState stateOf(JsonNode record) throws IOException {
        return delivered(record.path("id").asText(), record.path("recipient").asText(), record);
    }

    /** The agent's messages, urgent first, then oldest first; unread ones only unless {@code all}. */
    public List<InboxItem> inbox(String agent, boolean all) throws IOException {
        Instant now = Instant.now();
        List<InboxItem> items = new ArrayList<>();
        for (JsonNode record : ledger.recordsFor(agent)) {
            String id = record.path("id").asText();
            RecipientState state = delivered(id, agent, record);
            boolean read = state.state().reached(State.READ);
            if (read && !all) {
                continue;
            }
            String subject = record.path("subject").isTextual() ? record.path("subject").asText()
                    : record.path("preview").asText("");
            Instant delivered = instant(record.path("delivered_at").asText());
            items.add(new InboxItem(id, record.path("from").asText(), record.path("priority").asText(), subject,
                    state.state(), record.path("delivered_at").asText(),
                    delivered == null ? 0 : Duration.between(delivered, now).toSeconds(), read, state.ackRequired(),
                    state.state() == State.ACKED, record.path("inbox_file").asText(),
                    record.path("in_reply_to").asText(null)));
        }
        items.sort(Comparator.comparing((InboxItem i) -> !"urgent".equals(i.priority()))
                .thenComparing(i -> Optional.ofNullable(instant(i.deliveredAt())).orElse(Instant.EPOCH)));
        return items;
    }

    /** Whether an inbox file of the agent, by its name, was read without being moved ({@code read}, {@code ack}). */
    public boolean isReadFile(String agent, String fileName) {
        String id = InboxFormat.idOf(fileName);
        try {
            return id != null && receipts.readOf(id, agent).isPresent();
        } catch (IOException unreadable) {
            return false;
        }
    }

    private boolean leftInbox(JsonNode record) {
        if (record.has(DeliveryLedger.COPIED_FROM)) {
            // its inbox is on another host: a read there comes as a receipt
            return false;
        }
        String file = record.path("inbox_file").asText();
        return !file.isEmpty() && home.hasLeft(home.root().resolve(file));
    }

    private RecipientState delivered(String id, String agent, JsonNode record) throws IOException {
        var wake = receipts.wakeOf(id, agent);
        var read = receipts.readOf(id, agent);
        var acked = receipts.ackedOf(id, agent);
        String notifiedAt = null;
        String notifiedBy = null;
        if (wake.isPresent() && wake.get().is(Receipts.WakeStatus.NOTIFIED)) {
            notifiedAt = wake.get().at();
            notifiedBy = wake.get().by();
        } else if ("typed".equals(record.path("gui").path("status").asText())) {
            // typed by a version that kept GUI typing only in the delivery record
            notifiedAt = record.path("gui").path("typed_at").asText(null);
            notifiedBy = "gui";
        }
        // its file left the inbox, and the router has not noted it yet (it writes the time when it sees it)
        boolean movedUnnoted = read.isEmpty() && acked.isEmpty() && leftInbox(record);
        State state = acked.isPresent() ? State.ACKED : read.isPresent() || movedUnnoted ? State.READ
                : notifiedAt != null ? State.NOTIFIED : State.DELIVERED;
        return new RecipientState(agent, state, record.path("accepted_at").asText(null),
                record.path("delivered_at").asText(null), notifiedAt, notifiedBy, read.map(Receipts.Read::at).orElse(null),
                read.map(Receipts.Read::by).orElse(movedUnnoted ? "file" : null), acked.map(Receipts.Acked::at).orElse(null),
                record.path("ack_required").asBoolean(false),
                wake.map(Receipts.Wake::status).orElse("none".equals(record.path("wake").asText()) ? "none" : null),
                wake.map(Receipts.Wake::reason).orElse(null), null, null);
    }

    private List<PendingEntry> waiting(String id) throws IOException {
        List<PendingEntry> found = new ArrayList<>();
        for (Path dir : new Path[] {home.pending(), home.held(), home.requeue()}) {
            for (PendingEntry entry : PendingStore.list(home, dir)) {
                if (id.equals(entry.id())) {
                    found.add(entry);
                }
            }
        }
        found.sort(PendingEntry.DELIVERY_ORDER);
        return found;
    }

    private List<DeadLetter.Reason> failures(String id) throws IOException {
        List<DeadLetter.Reason> found = new ArrayList<>();
        try (var reasons = Files.newDirectoryStream(home.guard(home.failed()), "*" + DeadLetter.REASON_SUFFIX)) {
            for (Path file : reasons) {
                DeadLetter.Reason.read(file).filter(r -> id.equals(r.id())).ifPresent(found::add);
            }
        } catch (NoSuchFileException nothingFailed) {
            return found;
        }
        return found;
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException | NullPointerException unreadable) {
            return null;
        }
    }
}
