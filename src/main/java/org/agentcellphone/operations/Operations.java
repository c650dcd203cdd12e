package org.agentcellphone.operations;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.agentcellphone.files.Home;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.delivery.DeliveredCopies;
import org.agentcellphone.store.DeliveryLedger;
import org.agentcellphone.model.Envelope;
import org.agentcellphone.model.Json;
import org.agentcellphone.files.DurableFiles;
import org.agentcellphone.model.AcceptanceClock;
import org.agentcellphone.store.DeadLetter;
import org.agentcellphone.store.PendingEntry;
import org.agentcellphone.store.PendingStore;

/**
 * The operator's queue commands (SPEC §8): hold and release pending entries, requeue dead letters, delete. They
 * work on the folders alone, so they run whether or not a router is running: a held or deleted entry is skipped
 * by the lane that still lists it, and what is handed back goes through {@code requeue/}, which the router adopts.
 * Every action is appended to {@code state/operations.log}.
 *
 * <p>Entries are named by message id (a broadcast's entries share one) or by file name, or a unique prefix of
 * either.
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
    private final DeliveryLedger ledger;
    private final AcceptanceClock clock = new AcceptanceClock();

    public Operations(Home home, Roster roster) {
        this.home = home;
        this.roster = roster;
        this.ledger = new DeliveryLedger(home);
    }

    /** Sets pending entries aside: they are neither delivered nor expired until released. */
    public List<Done> hold(List<String> ids) throws IOException, Unmatched {
        List<Done> done = new ArrayList<>();
        for (Candidate c : select(List.of(home.pending()), ids)) {
            PendingEntry entry = c.entry();
            Path held = home.held().resolve(c.file().getFileName());
            if (!moveIfPresent(c.file(), held)) {
                done.add(log("hold", c, "pending", null, "not held: delivered meanwhile"));
                continue;
            }
            if (ledger.isRecorded(entry)) {
                // the lane had already read it and finished the delivery
                Files.delete(held);
                done.add(log("hold", c, "pending", null, "not held: delivered meanwhile"));
                continue;
            }
            done.add(log("hold", c, "pending", "held", null));
        }
        syncAll(home.pending(), home.held());
        return done;
    }

    /** Hands held entries back for delivery (through {@code requeue/}), unless a delivery finished meanwhile. */
    public List<Done> release(List<String> ids) throws IOException, Unmatched {
        List<Done> done = new ArrayList<>();
        DeliveredCopies copies = new DeliveredCopies(home);
        for (Candidate c : select(List.of(home.held()), ids)) {
            if (ledger.isRecorded(c.entry()) || copies.find(c.entry(), heldEnvelope(c.file())) != null) {
                Files.deleteIfExists(c.file());
                done.add(log("release", c, "held", null, "already delivered; the held copy is removed"));
            } else if (moveIfPresent(c.file(), home.requeue().resolve(c.file().getFileName()))) {
                done.add(log("release", c, "held", "pending", null));
            }
        }
        syncAll(home.held(), home.requeue());
        return done;
    }

    /**
     * Hands dead letters back. An accepted entry (delivery-failed, expired) returns to pending with its attempts
     * reset, a fresh acceptance time, and its dead-letter reason appended to its history; a rejected drop returns
     * to the outbox it came from, to be checked again. {@code ALL} takes every accepted entry of the dead letter.
     */
    public List<Done> requeue(List<String> ids) throws IOException, Unmatched {
        List<Candidate> chosen;
        if (ids.size() == 1 && "ALL".equals(ids.get(0))) {
            chosen = candidates(home.failed()).stream().filter(c -> c.entry() != null).toList();
        } else {
            chosen = select(List.of(home.failed()), ids);
        }
        List<Done> done = new ArrayList<>();
        for (Candidate c : chosen) {
            done.add(c.entry() != null ? requeueEntry(c) : requeueDrop(c));
        }
        syncAll(home.failed(), home.requeue());
        return done;
    }

    /** Removes entries from pending, held or the dead letter for good; the reason goes to the operations log. */
    public List<Done> delete(List<String> ids, String reason) throws IOException, Unmatched {
        List<Done> done = new ArrayList<>();
        for (Candidate c : select(List.of(home.pending(), home.held(), home.failed()), ids)) {
            String from = home.relative(c.file().getParent()).replace("message_queue/", "");
            String note = reason;
            if (c.reason() != null) {
                note = reason + " (dead letter: " + c.reason().path("code").asText() + ", "
                        + c.reason().path("detail").asText() + ")";
                Files.deleteIfExists(reasonFile(c.file()));
            }
            if (Files.deleteIfExists(c.file())) {
                done.add(log("delete", c, from, null, note));
            }
        }
        syncAll(home.pending(), home.held(), home.failed());
        return done;
    }

    private Done requeueEntry(Candidate c) throws IOException {
        PendingEntry entry = c.entry();
        JsonNode reason = c.reason() == null ? Json.MAPPER.createObjectNode() : c.reason();
        if (ledger.isRecorded(entry) || handedBack(entry, reason.path("failed_at").asText(""))) {
            // a requeue a crash interrupted after its copy was handed back: only the dead copy is left to remove
            removeDead(c.file());
            return log("requeue", c, "failed", null, "already handed back; the dead copy is removed");
        }
        Envelope dead = Json.MAPPER.readValue(DurableFiles.readAtMost(c.file(), PendingStore.MAX_ENTRY_BYTES),
                Envelope.class);
        Map<String, Object> trip = new LinkedHashMap<>();
        trip.put("code", reason.path("code").asText("unknown"));
        trip.put("detail", reason.path("detail").asText(""));
        trip.put("attempts", reason.path("attempts").asInt(0));
        trip.put("failed_at", reason.path("failed_at").asText(""));
        trip.put("requeued_at", Instant.now().toString());
        clock.seed(entry.seq());
        long seq = clock.next();
        Envelope again = dead.withHistory(trip).withSeq(seq);
        Path target = home.requeue().resolve(PendingEntry.fileName(seq, entry.priority(), entry.recipient(), entry.id()));
        DurableFiles.writeDurably(target, Json.MAPPER.writeValueAsBytes(again));
        removeDead(c.file());
        return log("requeue", c, "failed", "pending", "was " + trip.get("code"));
    }

    /**
     * Whether this trip through the dead letter was already handed back: a copy of the entry (same recipient and id,
     * under a new acceptance time) waits, is held, or was delivered, carrying this failure in its history.
     */
    private boolean handedBack(PendingEntry dead, String failedAt) throws IOException {
        for (Path dir : List.of(home.requeue(), home.pending(), home.held())) {
            for (PendingEntry e : PendingStore.list(home, dir)) {
                if (e.recipient().equals(dead.recipient()) && e.id().equals(dead.id()) && e.seq() != dead.seq()
                        && carriesTrip(Json.MAPPER.readTree(DurableFiles.readAtMost(e.file(), PendingStore.MAX_ENTRY_BYTES)),
                        failedAt)) {
                    return true;
                }
            }
        }
        for (JsonNode record : ledger.recordsOf(dead.id(), dead.recipient())) {
            if (carriesTrip(record, failedAt)) {
                return true;
            }
        }
        return false;
    }

    private static boolean carriesTrip(JsonNode entryOrRecord, String failedAt) {
        for (JsonNode trip : entryOrRecord.path("history")) {
            if (!failedAt.isEmpty() && failedAt.equals(trip.path("failed_at").asText())) {
                return true;
            }
        }
        return false;
    }

    private Done requeueDrop(Candidate c) throws IOException {
        String source = c.reason() == null ? "" : c.reason().path("source").asText("");
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
        removeDead(c.file());
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

    private void removeDead(Path entry) throws IOException {
        Files.deleteIfExists(reasonFile(entry));
        Files.deleteIfExists(entry);
    }

    /** The message of a held entry, or null when its file cannot be read as one. */
    private Envelope heldEnvelope(Path file) throws IOException {
        try {
            home.guard(file.getParent());
            return Json.MAPPER.readValue(DurableFiles.readAtMost(file, PendingStore.MAX_ENTRY_BYTES), Envelope.class);
        } catch (java.nio.file.FileSystemException
                 | com.fasterxml.jackson.core.JsonProcessingException notAnEntry) {
            return null;
        }
    }

    private static Path reasonFile(Path entry) {
        return entry.resolveSibling(entry.getFileName() + DeadLetter.REASON_SUFFIX);
    }

    private static boolean moveIfPresent(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static void syncAll(Path... dirs) throws IOException {
        for (Path dir : dirs) {
            DurableFiles.syncDirectory(dir);
        }
    }

    // ---- choosing entries

    /** A file an operation may act on, with the message id it belongs to. */
    private record Candidate(Path file, String id, String recipient, PendingEntry entry, JsonNode reason) {
    }

    /**
     * The candidates each id names: every entry of one message id (a broadcast has one per recipient), or one file.
     * An id that names nothing, or more than one message, is refused before anything is done.
     */
    private List<Candidate> select(List<Path> dirs, List<String> ids) throws IOException, Unmatched {
        List<Candidate> all = new ArrayList<>();
        for (Path dir : dirs) {
            all.addAll(candidates(dir));
        }
        Set<Candidate> chosen = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (String wanted : ids) {
            String prefix = wanted.strip();
            if (prefix.isEmpty()) {
                continue;
            }
            List<Candidate> byId = all.stream().filter(c -> c.id() != null && c.id().startsWith(prefix)).toList();
            Set<String> messages = new LinkedHashSet<>();
            byId.forEach(c -> messages.add(c.id()));
            if (messages.size() == 1) {
                chosen.addAll(byId);
                continue;
            }
            List<Candidate> byName = all.stream()
                    .filter(c -> c.file().getFileName().toString().startsWith(prefix)).toList();
            if (messages.isEmpty() && byName.size() == 1) {
                chosen.addAll(byName);
            } else if (messages.isEmpty() && byName.isEmpty()) {
                problems.add("nothing in " + folders(dirs) + " matches '" + prefix + "'");
            } else {
                List<String> shown = new ArrayList<>(messages.isEmpty()
                        ? byName.stream().map(c -> c.file().getFileName().toString()).toList()
                        : new ArrayList<>(messages));
                problems.add("'" + prefix + "' matches " + shown.size() + " messages ("
                        + String.join(", ", shown.subList(0, Math.min(5, shown.size())))
                        + (shown.size() > 5 ? ", …" : "") + "); give more of the id");
            }
        }
        if (!problems.isEmpty()) {
            throw new Unmatched(String.join("; ", problems));
        }
        if (chosen.isEmpty()) {
            throw new Unmatched("no id given");
        }
        return new ArrayList<>(chosen);
    }

    private String folders(List<Path> dirs) {
        return String.join(", ", dirs.stream().map(d -> home.relative(d) + "/").toList());
    }

    private List<Candidate> candidates(Path dir) throws IOException {
        List<Candidate> found = new ArrayList<>();
        boolean deadLetter = dir.equals(home.failed());
        try (var files = Files.newDirectoryStream(home.guard(dir))) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") || name.endsWith(DeadLetter.REASON_SUFFIX)
                        || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                PendingEntry entry = PendingEntry.parse(file);
                JsonNode reason = deadLetter ? readReason(file) : null;
                if (entry != null) {
                    found.add(new Candidate(file, entry.id(), entry.recipient(), entry, reason));
                } else if (deadLetter) {
                    String id = reason == null ? null : reason.path("id").asText(null);
                    found.add(new Candidate(file, id, null, null, reason));
                }
            }
        } catch (NoSuchFileException e) {
            return found;
        }
        return found;
    }

    private static JsonNode readReason(Path entry) throws IOException {
        try {
            return Json.MAPPER.readTree(DurableFiles.readAtMost(reasonFile(entry), PendingStore.MAX_ENTRY_BYTES));
        } catch (java.nio.file.FileSystemException e) {
            return null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
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
