package org.agentcellphone.operations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.delivery.DeliveredCopies;
import org.agentcellphone.files.DurableFiles;
import org.agentcellphone.files.Home;
import org.agentcellphone.metrics.Metrics;
import org.agentcellphone.model.AcceptanceClock;
import org.agentcellphone.model.Envelope;
import org.agentcellphone.model.Json;
import org.agentcellphone.operations.Selection.Candidate;
import org.agentcellphone.store.DeadLetter;
import org.agentcellphone.store.FileStore;
import org.agentcellphone.store.MessageStore;
import org.agentcellphone.store.MessageStore.Outcome;
import org.agentcellphone.store.PendingStore;

/**
 * The operator's queue commands: hold and release pending entries, requeue dead letters, delete. They work on the
 * store alone, so they run whether or not a router is running: a held or deleted entry is skipped by the lane that
 * still lists it, and what is handed back goes through {@code requeue/}, which the router adopts. Every action is
 * appended to {@code state/operations.log}.
 */
public final class Operations {

    /** One thing done to one file. */
    public record Done(String action, String id, String recipient, String from, String to, String note) {
    }

    /** The ids given do not name exactly one message each. */
    public static final class Unmatched extends Exception {
        public Unmatched(String message) {
            super(message);
        }
    }

    private final Home home;
    private final Roster roster;
    private final MessageStore store;
    private final DeadLetter deadLetter;
    private final Selection selection;
    private final AcceptanceClock clock = new AcceptanceClock();

    public Operations(Home home, Roster roster) {
        this(home, roster, null);
    }

    /** {@code shared}: with several hosts, the shared store whose entries the operations act on; else null. */
    public Operations(Home home, Roster roster, MessageStore shared) {
        this.home = home;
        this.roster = roster;
        this.deadLetter = new DeadLetter(home, clock, Metrics.none());
        // an operator's process accepts nothing, so it needs no dedupe journal (that is the router's)
        this.store = shared != null ? shared : new FileStore(home, deadLetter, null, clock);
        this.selection = new Selection(home, shared);
    }

    /** Sets pending entries aside: they are neither delivered nor expired until released. */
    public List<Done> hold(List<String> ids) throws IOException, Unmatched {
        List<Done> done = new ArrayList<>();
        for (Candidate c : selection.select(List.of(home.pending()), ids)) {
            Outcome outcome = store.hold(c.entry());
            done.add(outcome == Outcome.MOVED ? log("hold", c, "pending", "held", null)
                    : log("hold", c, "pending", null, "not held: delivered meanwhile"));
        }
        return done;
    }

    /** Hands held entries back for delivery (through {@code requeue/}), unless a delivery finished meanwhile. */
    public List<Done> release(List<String> ids) throws IOException, Unmatched {
        List<Done> done = new ArrayList<>();
        DeliveredCopies copies = new DeliveredCopies(home);
        for (Candidate c : selection.select(List.of(home.held()), ids)) {
            // an inbox copy without a record (a crash between the two) counts as delivered too
            Outcome outcome = copies.find(c.entry(), heldEnvelope(c.file())) != null && store.delete(c.entry())
                    ? Outcome.ALREADY_DELIVERED : store.release(c.entry());
            if (outcome == Outcome.ALREADY_DELIVERED) {
                done.add(log("release", c, "held", null, "already delivered; the held copy is removed"));
            } else if (outcome == Outcome.MOVED) {
                done.add(log("release", c, "held", "pending", null));
            }
        }
        return done;
    }

    /**
     * Hands dead letters back. An accepted entry (delivery-failed, expired) returns to pending with its attempts
     * reset, a fresh acceptance time, and its dead-letter reason appended to its history; a rejected drop returns
     * to the outbox it came from, to be checked again. {@code ALL} takes every accepted entry of the dead letter.
     */
    public List<Done> requeue(List<String> ids) throws IOException, Unmatched {
        List<Candidate> chosen = ids.size() == 1 && "ALL".equals(ids.get(0))
                ? selection.candidates(home.failed()).stream().filter(c -> c.entry() != null).toList()
                : selection.select(List.of(home.failed()), ids);
        List<Done> done = new ArrayList<>();
        for (Candidate c : chosen) {
            done.add(c.entry() != null ? requeueEntry(c) : requeueDrop(c));
        }
        DurableFiles.syncDirectory(home.guard(home.failed()));
        return done;
    }

    /** Removes entries from pending, held or the dead letter for good; the reason goes to the operations log. */
    public List<Done> delete(List<String> ids, String reason) throws IOException, Unmatched {
        return delete(List.of(home.pending(), home.held(), home.failed()), ids, reason);
    }

    /** As {@link #delete}, of what waits (pending or held) only. */
    public List<Done> deleteWaiting(List<String> ids, String reason) throws IOException, Unmatched {
        return delete(List.of(home.pending(), home.held()), ids, reason);
    }

    /** As {@link #delete}, of the dead letter only. */
    public List<Done> deleteDeadLetters(List<String> ids, String reason) throws IOException, Unmatched {
        return delete(List.of(home.failed()), ids, reason);
    }

    private List<Done> delete(List<Path> folders, List<String> ids, String reason) throws IOException, Unmatched {
        List<Done> done = new ArrayList<>();
        for (Candidate c : selection.select(folders, ids)) {
            String from = home.relative(c.file().getParent()).replace("message_queue/", "");
            String note = c.reason() == null ? reason : reason + " (dead letter: " + c.reason().code()
                    + ", " + c.reason().detail() + ")";
            boolean deleted = c.entry() != null ? store.delete(c.entry()) : deadLetter.remove(c.file());
            if (deleted) {
                done.add(log("delete", c, from, null, note));
            }
        }
        return done;
    }

    private Done requeueEntry(Candidate c) throws IOException {
        String was = c.reason() == null || c.reason().code() == null ? "unknown" : c.reason().code();
        return switch (store.requeue(c.entry())) {
            case ALREADY_HANDED_BACK, ALREADY_DELIVERED ->
                    log("requeue", c, "failed", null, "already handed back; the dead copy is removed");
            case GONE -> log("requeue", c, "failed", null, "gone meanwhile");
            case MOVED -> log("requeue", c, "failed", "pending", "was " + was);
        };
    }

    private Done requeueDrop(Candidate c) throws IOException {
        String source = c.reason() == null || c.reason().source() == null ? "" : c.reason().source();
        Path outbox = outboxNamed(source);
        if (outbox == null) {
            return log("requeue", c, "failed", null, "not requeued: it did not come from an outbox ("
                    + (source.isEmpty() ? "no source" : source) + "); send it again");
        }
        String name = c.file().getFileName().toString();
        String original = name.substring(name.indexOf('_') + 1);
        // the file itself goes back, unread: a dead-lettered link or FIFO is moved, never followed or opened
        Files.move(c.file(), home.guard(outbox).resolve("requeued-" + clock.next() + "-" + original),
                StandardCopyOption.ATOMIC_MOVE);
        deadLetter.remove(c.file());
        return log("requeue", c, "failed", home.relative(outbox), "to be checked again");
    }

    /** The outbox a rejected drop came from, if its reason names one of the home's outboxes. */
    private Path outboxNamed(String source) {
        List<Path> outboxes = new ArrayList<>(List.of(home.outbox(), home.urgentOutbox()));
        roster.ids().forEach(agent -> outboxes.add(home.agentOutbox(agent)));
        for (Path outbox : outboxes) {
            if (home.relative(outbox).equals(source)) {
                return outbox;
            }
        }
        return null;
    }

    /** The message of a held entry, or null when its file cannot be read as one. */
    private Envelope heldEnvelope(Path file) throws IOException {
        if (file.getParent() == null) {
            // a shared store's entry: a name, not a file (the store itself knows whether it was delivered)
            return null;
        }
        try {
            home.guard(file.getParent());
            return Json.MAPPER.readValue(DurableFiles.readAtMost(file, PendingStore.MAX_ENTRY_BYTES), Envelope.class);
        } catch (java.nio.file.FileSystemException
                 | com.fasterxml.jackson.core.JsonProcessingException notAnEntry) {
            return null;
        }
    }

    private Done log(String action, Candidate c, String from, String to, String note) throws IOException {
        Done done = new Done(action, c.id() != null ? c.id() : c.file().getFileName().toString(), c.recipient(),
                from, to, note);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", Instant.now().toString());
        line.put("action", action);
        line.put("id", done.id());
        line.put("recipient", c.recipient());
        line.put("file", c.file().getFileName().toString());
        line.put("from", from);
        line.put("to", to);
        line.put("note", note);
        Files.writeString(home.guard(home.state()).resolve("operations.log"), Json.compact(line) + "\n",
                StandardCharsets.UTF_8, LinkOption.NOFOLLOW_LINKS, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return done;
    }
}
