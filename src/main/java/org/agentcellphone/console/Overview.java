package org.agentcellphone.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.agentcellphone.agents.Agent;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.agents.StatusReport;
import org.agentcellphone.config.Settings;
import org.agentcellphone.delivery.WakeMethod;
import org.agentcellphone.files.DurableFiles;
import org.agentcellphone.files.Home;
import org.agentcellphone.model.AcceptanceClock;
import org.agentcellphone.model.Envelope;
import javax.sql.DataSource;
import org.agentcellphone.operations.QueueStats;
import org.agentcellphone.store.PostgresStore;
import org.agentcellphone.store.SharedDatabase;
import org.agentcellphone.store.SharedStats;
import org.agentcellphone.operations.Reading;
import org.agentcellphone.operations.Statuses;
import org.agentcellphone.operations.Tracking;
import org.agentcellphone.store.DeadLetter;
import org.agentcellphone.store.DeliveryLedger;
import org.agentcellphone.store.PendingEntry;
import org.agentcellphone.store.PendingStore;
import org.agentcellphone.store.Receipts;

/**
 * What the console shows, read from the home as the command line reads it: roster and status files, pending
 * entries, delivery records, receipts and the dead letter. Nothing here writes.
 */
final class Overview {

    /** How many messages, dead letters and queue entries one answer lists at most (the newest). */
    static final int MAX_LISTED = 200;

    /**
     * One agent as the console lists it.
     *
     * @param waiting entries waiting in its delivery lane (pending or handed back); its lane is busy while any wait
     * @param waking  delivered, still to be typed into its window or pane
     */
    record AgentView(String id, String role, boolean captain, boolean active, String status, String mission,
                     String statusUpdated, boolean stale, String statusFile, long unread, long awaitingAck,
                     String lastDelivery, String wake, String tmux, long waiting, long waking, String lane) {
    }

    /** One recipient of a message and where it stands for them ({@code held} or a failure's code in detail). */
    record RecipientView(String agent, String state, String detail) {
    }

    /** One message of the flow. */
    record MessageView(String id, String from, List<String> to, String priority, String subject, String preview,
                       String acceptedAt, String inReplyTo, boolean ackRequired, List<RecipientView> recipients) {
    }

    /** A message with its full text, each recipient's receipts and its thread. */
    record MessageDetail(MessageView message, String text, List<Tracking.RecipientState> receipts, MessageView parent,
                         List<MessageView> replies) {
    }

    /** A dead letter: an accepted entry whose delivery failed or expired, or a drop refused at intake. */
    record DeadView(String name, String id, String recipient, String code, String detail, String failedAt,
                    String source, boolean accepted) {
    }

    /** An entry waiting for delivery, held, or handed back by an operator. */
    record QueuedView(String name, String id, String recipient, String priority, String acceptedAt, String where) {
    }

    /**
     * @param sharedStore with several hosts, every host's counts from the shared database (null on one machine);
     * @param sharedDown  why those could not be read, else null
     */
    record Stats(QueueStats.Snapshot queue, long awaitingAck, Map<String, Map<String, Object>> sharedStore,
                 String sharedDown) {
    }

    private final Home home;
    private final Roster roster;
    private final Settings settings;
    private final String deliveryMode;
    private final RecordCache records;
    private final Tracking tracking;
    private final Receipts receipts;
    private final PendingStore pendingStore;
    private final DataSource sharedDb;
    /** With several hosts, the shared store: what waits, is held or is dead anywhere. */
    private final PostgresStore shared;

    Overview(Home home, Roster roster, Settings settings) {
        this.home = home;
        this.roster = roster;
        this.settings = settings;
        this.deliveryMode = settings.text("cellphone.delivery.mode").toLowerCase(Locale.ROOT);
        this.records = new RecordCache(home.delivered(), new DeliveryLedger(home));
        this.tracking = new Tracking(home);
        this.receipts = new Receipts(home);
        this.pendingStore = new PendingStore(home);
        this.sharedDb = settings.sharedStore() ? SharedDatabase.direct(settings) : null;
        this.shared = sharedDb == null ? null : new PostgresStore(sharedDb, settings.host(),
                agent -> roster.find(agent).map(Agent::host).orElse(null), new AcceptanceClock());
    }

    String human() {
        return roster.human() != null ? roster.human() : settings.text("cellphone.console.sender");
    }

    /** Every agent of the roster with its status, counts, last delivery and lane. */
    List<AgentView> agents() throws IOException {
        Map<String, Long> waiting = countByRecipient(home.pending(), home.requeue());
        Map<String, Long> waking = countByRecipient(home.gui(), home.wake());
        Map<String, String> lastDelivery = new HashMap<>();
        Map<String, Long> awaiting = new HashMap<>();
        Set<String> receiptNames = receipts.names();
        for (RecordCache.Summary record : records.all()) {
            lastDelivery.merge(record.recipient(), record.deliveredAt(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
            if (awaitsAck(record, receiptNames)) {
                awaiting.merge(record.recipient(), 1L, Long::sum);
            }
        }
        Map<String, StatusReport.AgentStatus> statuses = new HashMap<>();
        for (StatusReport.AgentStatus s : Statuses.of(home, roster, settings.duration("cellphone.status.stale-after"))) {
            statuses.put(s.agent(), s);
        }
        List<AgentView> views = new ArrayList<>();
        for (Agent a : roster.agents()) {
            StatusReport.AgentStatus s = statuses.get(a.id());
            long queued = waiting.getOrDefault(a.id(), 0L);
            long typing = waking.getOrDefault(a.id(), 0L);
            views.add(new AgentView(a.id(), a.role(), roster.isCaptain(a.id()), a.active(), s.status(), s.mission(),
                    s.lastUpdated(), s.stale(), s.file().toString(), s.unread(), awaiting.getOrDefault(a.id(), 0L),
                    lastDelivery.get(a.id()), WakeMethod.of(a, deliveryMode).wire(), a.tmux(), queued, typing,
                    queued > 0 ? "busy" : typing > 0 ? "waking" : "idle"));
        }
        return views;
    }

    /** The human's own inbox: what agents addressed to the console's name, urgent first, read ones too. */
    List<Tracking.InboxItem> inbox() throws IOException {
        return tracking.inbox(human(), true);
    }

    /** The flow, newest first: every message sent to or by {@code agent} (null: everyone's), at most {@code limit}. */
    List<MessageView> messages(String agent, int limit) throws IOException {
        Map<String, Flow> flows = flows();
        List<Flow> chosen = new ArrayList<>();
        for (Flow f : flows.values()) {
            if (agent == null || agent.equalsIgnoreCase(f.from) || f.recipients.keySet().stream()
                    .anyMatch(agent::equalsIgnoreCase)) {
                chosen.add(f);
            }
        }
        chosen.sort(Comparator.comparingLong((Flow f) -> f.seq).reversed());
        List<MessageView> views = new ArrayList<>();
        for (Flow f : chosen.subList(0, Math.min(limit, chosen.size()))) {
            views.add(view(f));
        }
        return views;
    }

    /** One message in full; null when nothing of it is known. */
    MessageDetail message(String id) throws IOException {
        Map<String, Flow> flows = flows();
        Flow flow = flows.get(id);
        if (flow == null) {
            return null;
        }
        MessageView parent = flow.inReplyTo != null && flows.containsKey(flow.inReplyTo)
                ? view(flows.get(flow.inReplyTo)) : null;
        List<Flow> replies = flows.values().stream().filter(f -> id.equals(f.inReplyTo))
                .sorted(Comparator.comparingLong((Flow f) -> f.seq)).toList();
        List<MessageView> replyViews = new ArrayList<>();
        for (Flow reply : replies) {
            replyViews.add(view(reply));
        }
        return new MessageDetail(view(flow), text(flow), tracking.track(id), parent, replyViews);
    }

    /** Each recipient's state of one message, as {@code track} tells it; empty when nothing of it is known. */
    List<Tracking.RecipientState> receipts(String id) throws IOException {
        return tracking.track(id);
    }

    /** The dead letter, newest first. */
    List<DeadView> deadLetters() throws IOException {
        List<DeadView> dead = new ArrayList<>();
        for (Path file : list(home.failed())) {
            String name = file.getFileName().toString();
            if (name.endsWith(DeadLetter.REASON_SUFFIX)) {
                continue;
            }
            DeadLetter.Reason r = DeadLetter.Reason.read(DeadLetter.reasonOf(file)).orElse(null);
            PendingEntry entry = PendingEntry.parse(file);
            dead.add(new DeadView(name, r != null && r.id() != null ? r.id() : entry != null ? entry.id() : null,
                    r != null && r.recipient() != null ? r.recipient() : entry != null ? entry.recipient() : null,
                    r == null ? "unknown" : r.code(), r == null ? "its reason file is missing" : r.detail(),
                    r == null ? null : r.failedAt(), r == null ? null : r.source(), entry != null));
        }
        if (shared != null) {
            // the deliveries that failed on any host are in the shared store's dead letter
            shared.dead(MAX_LISTED).forEach((entry, row) -> dead.add(new DeadView(entry.file().toString(), entry.id(),
                    entry.recipient(), row.reasonCode(), row.reasonDetail(), row.failedAt(), "shared store", true)));
        }
        dead.sort(Comparator.comparing((DeadView d) -> d.failedAt() == null ? "" : d.failedAt()).reversed());
        return dead.subList(0, Math.min(MAX_LISTED, dead.size()));
    }

    /** What waits for delivery or is held, in delivery order (urgent first, then oldest first). */
    List<QueuedView> queue() throws IOException {
        List<QueuedView> queued = new ArrayList<>();
        Map<Path, String> folders = new LinkedHashMap<>();
        folders.put(home.pending(), "pending");
        folders.put(home.requeue(), "handed back");
        folders.put(home.held(), "held");
        List<PendingEntry> entries = new ArrayList<>();
        Map<PendingEntry, String> where = new HashMap<>();
        for (var folder : folders.entrySet()) {
            for (PendingEntry e : PendingStore.list(home, folder.getKey())) {
                entries.add(e);
                where.put(e, folder.getValue());
            }
        }
        if (shared != null) {
            // pending/ is this host's spool; what waits or is held for delivery, anywhere, is the shared store's
            entries.forEach(e -> where.put(e, "spool"));
            for (String state : List.of("waiting", "held")) {
                for (PendingEntry e : shared.first(state, MAX_LISTED)) {
                    entries.add(e);
                    where.put(e, state.equals("held") ? "held" : "pending");
                }
            }
        }
        entries.sort(PendingEntry.DELIVERY_ORDER);
        for (PendingEntry e : entries.subList(0, Math.min(MAX_LISTED, entries.size()))) {
            queued.add(new QueuedView(e.file().getFileName().toString(), e.id(), e.recipient(), e.priority().wire(),
                    AcceptanceClock.toInstant(e.seq()).toString(), where.get(e)));
        }
        return queued;
    }

    Stats stats() throws IOException {
        Set<String> receiptNames = receipts.names();
        long awaiting = 0;
        for (RecordCache.Summary record : records.all()) {
            if (awaitsAck(record, receiptNames)) {
                awaiting++;
            }
        }
        Map<String, Map<String, Object>> shared = null;
        String down = null;
        if (sharedDb != null) {
            try {
                shared = SharedStats.read(sharedDb);
            } catch (IOException unreachable) {
                down = unreachable.getMessage();
            }
        }
        return new Stats(QueueStats.read(home, roster), awaiting, shared, down);
    }

    /** Delivered asking for an acknowledgement that no receipt gives (the receipts listed once, not looked up each). */
    private static boolean awaitsAck(RecordCache.Summary record, Set<String> receiptNames) {
        return record.ackRequired() && !receiptNames.contains(Receipts.name(record.id(), record.recipient(), "acked"));
    }

    /** Everything known of each accepted message: its delivery records, its waiting entries and its dead letters. */
    private Map<String, Flow> flows() throws IOException {
        Map<String, Flow> flows = new HashMap<>();
        for (RecordCache.Summary record : records.all()) {
            flows.computeIfAbsent(record.id(), Flow::new).add(record);
        }
        for (Path dir : List.of(home.pending(), home.requeue(), home.held())) {
            boolean held = dir.equals(home.held());
            for (PendingEntry e : PendingStore.list(home, dir)) {
                flows.computeIfAbsent(e.id(), Flow::new).waiting(e, held);
            }
        }
        // accepted messages only: a drop refused at intake is in the dead letter, not in the flow
        for (DeadView d : deadLetters()) {
            if (d.id() != null && d.accepted()) {
                flows.computeIfAbsent(d.id(), Flow::new).failed(d, home.failed().resolve(d.name()));
            }
        }
        return flows;
    }

    /** A message as it is shown: its records read whole (only those of the messages shown are). */
    private MessageView view(Flow f) throws IOException {
        List<RecipientView> recipients = new ArrayList<>();
        boolean described = false;
        for (var r : f.recipients.entrySet()) {
            Object how = r.getValue();
            JsonNode record = how instanceof RecordCache.Summary summary ? RecordCache.full(summary).orElse(null) : null;
            if (record != null) {
                if (!described) {
                    f.describe(record);
                    described = true;
                }
                recipients.add(new RecipientView(r.getKey(), tracking.stateOf(record).state().wire(), null));
            } else if (how instanceof RecordCache.Summary gone) {
                recipients.add(new RecipientView(r.getKey(), Tracking.State.DELIVERED.wire(), "record removed"));
            } else if (how instanceof DeadView dead) {
                recipients.add(new RecipientView(r.getKey(), Tracking.State.FAILED.wire(), dead.code()));
            } else {
                recipients.add(new RecipientView(r.getKey(), Tracking.State.ACCEPTED.wire(),
                        Boolean.TRUE.equals(how) ? "held" : null));
            }
        }
        if (!described && f.entry != null) {
            f.describe(envelope(f.entry));
        }
        return new MessageView(f.id, f.from, List.copyOf(f.recipients.keySet()), f.priority, f.subject, f.preview,
                f.seq == Long.MAX_VALUE ? null : AcceptanceClock.toInstant(f.seq).toString(), f.inReplyTo,
                f.ackRequired, recipients);
    }

    /** The message's text: as a recipient has it in its inbox, else as it waits or died. */
    private String text(Flow f) throws IOException {
        for (var r : f.recipients.entrySet()) {
            if (r.getValue() instanceof RecordCache.Summary) {
                try {
                    return new Reading(home, roster, settings).peek(f.id, r.getKey()).text();
                } catch (Reading.NotDelivered raced) {
                    break;
                }
            }
        }
        Envelope e = f.entry != null ? envelope(f.entry) : null;
        if (e != null) {
            return e.message().content();
        }
        if (f.deadFile != null && Files.isRegularFile(f.deadFile, LinkOption.NOFOLLOW_LINKS)) {
            return new String(DurableFiles.readAtMost(f.deadFile, 1 << 20), StandardCharsets.UTF_8);
        }
        return "";
    }

    /**
     * The message an entry (waiting, held or dead) holds, or null when it is gone or not one; what stands under an
     * entry's name and is not a regular file (a FIFO would block the read) is not opened.
     */
    private Envelope envelope(PendingEntry entry) {
        try {
            return Files.isRegularFile(entry.file(), LinkOption.NOFOLLOW_LINKS) ? pendingStore.read(entry) : null;
        } catch (IOException goneOrNotAnEntry) {
            return null;
        }
    }

    private Map<String, Long> countByRecipient(Path... dirs) throws IOException {
        Map<String, Long> counts = new HashMap<>();
        for (Path dir : dirs) {
            for (PendingEntry e : PendingStore.list(home, dir)) {
                counts.merge(e.recipient(), 1L, Long::sum);
            }
        }
        return counts;
    }

    private List<Path> list(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (var stream = Files.newDirectoryStream(home.guard(dir))) {
            for (Path file : stream) {
                if (!file.getFileName().toString().startsWith(".")
                        && !Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(file);
                }
            }
        } catch (NoSuchFileException none) {
            return files;
        }
        return files;
    }

    /** What is gathered of one message; recipients map to a record, a dead letter, or whether the entry is held. */
    private static final class Flow {
        final String id;
        final Map<String, Object> recipients = new LinkedHashMap<>();
        long seq = Long.MAX_VALUE;
        String from;
        String priority;
        String subject;
        String preview;
        String inReplyTo;
        boolean ackRequired;
        PendingEntry entry;
        Path deadFile;

        Flow(String id) {
            this.id = id;
        }

        void add(RecordCache.Summary record) {
            recipients.put(record.recipient(), record);
            seq = Math.min(seq, record.seq());
            from = record.from();
            inReplyTo = record.inReplyTo();
            ackRequired |= record.ackRequired();
        }

        void waiting(PendingEntry e, boolean held) {
            recipients.putIfAbsent(e.recipient(), held);
            seq = Math.min(seq, e.seq());
            if (entry == null) {
                entry = e;
            }
        }

        void failed(DeadView d, Path file) {
            if (d.recipient() != null) {
                recipients.putIfAbsent(d.recipient(), d);
            }
            if (d.accepted() && entry == null) {
                entry = PendingEntry.parse(file);
            }
            deadFile = file;
            Instant at = instant(d.failedAt());
            if (seq == Long.MAX_VALUE && at != null) {
                seq = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
            }
        }

        /** What a delivery record says of the message. */
        void describe(JsonNode record) {
            from = record.path("from").asText(from);
            priority = record.path("priority").asText(null);
            subject = record.path("subject").asText(null);
            preview = record.path("preview").asText(null);
        }

        /** What a waiting or dead entry says of the message. */
        void describe(Envelope e) {
            if (e == null) {
                return;
            }
            from = e.message().from();
            priority = e.message().priority().wire();
            subject = e.message().subject();
            preview = DeliveryLedger.preview(e.message().content());
            inReplyTo = e.message().inReplyTo();
            ackRequired = e.message().asksForAck();
        }
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
