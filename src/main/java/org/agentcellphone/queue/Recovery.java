package org.agentcellphone.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.agentcellphone.Home;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.delivery.Delivery;
import org.agentcellphone.delivery.DeliveryLedger;
import org.agentcellphone.delivery.InboxFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs before the routes start and leaves nothing in between: temporary files of a killed router are removed,
 * every pending entry is either finished (its inbox file was already written) or handed back for delivery, and
 * its dedupe key is recorded so the drop it came from, if read again, is a duplicate.
 */
public final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger("cellphone");

    private final Home home;
    private final Roster roster;
    private final PendingStore pending;
    private final DeliveryLedger ledger;
    private final Delivery delivery;
    private final DedupeJournal dedupe;
    private final AcceptanceClock clock;

    public Recovery(Home home, Roster roster, PendingStore pending, DeliveryLedger ledger, Delivery delivery,
                    DedupeJournal dedupe, AcceptanceClock clock) {
        this.home = home;
        this.roster = roster;
        this.pending = pending;
        this.ledger = ledger;
        this.delivery = delivery;
        this.dedupe = dedupe;
        this.clock = clock;
    }

    /** Returns the entries still to deliver, urgent first, then in acceptance order. */
    public List<PendingEntry> run() throws IOException {
        int temps = DurableFiles.removeLeftoverTemps(home.pending()) + DurableFiles.removeLeftoverTemps(home.delivered())
                + DurableFiles.removeLeftoverTemps(home.failed()) + DurableFiles.removeLeftoverTemps(home.state());
        for (String agent : roster.ids()) {
            temps += DurableFiles.removeLeftoverTemps(home.inbox(agent));
        }
        removeOrphanReasons();

        Map<String, Map<String, List<Path>>> inboxIds = new HashMap<>();
        List<PendingEntry> toDeliver = new ArrayList<>();
        int finished = 0;
        for (PendingEntry entry : pending.list()) {
            clock.seed(entry.seq());
            dedupe.add(entry.dedupeKey());
            if (ledger.isRecorded(entry)) {
                pending.remove(entry);
                finished++;
                continue;
            }
            Path inboxFile = deliveredCopy(entry, inboxIds);
            if (inboxFile != null) {
                delivery.complete(entry, inboxFile);
                finished++;
            } else {
                toDeliver.add(entry);
            }
        }
        toDeliver.sort(DeliveryOrder.ENTRIES);
        if (temps + finished + toDeliver.size() > 0) {
            LOG.info("recovery: removed {} temporary file(s), finished {} interrupted delivery(ies), {} entry(ies) "
                    + "waiting for delivery", temps, finished, toDeliver.size());
        }
        return toDeliver;
    }

    /** The inbox file a crash left without its record: same id, delivered after the entry was accepted. */
    private Path deliveredCopy(PendingEntry entry, Map<String, Map<String, List<Path>>> inboxIds) throws IOException {
        Map<String, List<Path>> byId = inboxIds.get(entry.recipient());
        if (byId == null) {
            byId = new HashMap<>();
            Path inbox = home.inbox(entry.recipient());
            if (Files.isDirectory(inbox)) {
                try (var files = Files.newDirectoryStream(inbox, "*.md")) {
                    for (Path file : files) {
                        String id = InboxFormat.idOf(file.getFileName().toString());
                        if (id != null) {
                            byId.computeIfAbsent(id, k -> new ArrayList<>()).add(file);
                        }
                    }
                }
            }
            inboxIds.put(entry.recipient(), byId);
        }
        Instant accepted = AcceptanceClock.toInstant(entry.seq()).minusSeconds(1);
        for (Path file : byId.getOrDefault(entry.id(), List.of())) {
            Instant at = InboxFormat.timeOf(file.getFileName().toString());
            if (at != null && !at.isBefore(accepted)) {
                return file;
            }
        }
        return null;
    }

    /** A reason whose entry is missing: the move into the dead letter never happened, the entry is still pending. */
    private void removeOrphanReasons() throws IOException {
        try (var reasons = Files.newDirectoryStream(home.failed(), "*" + DeadLetter.REASON_SUFFIX)) {
            for (Path reason : reasons) {
                String name = reason.getFileName().toString();
                Path entry = reason.resolveSibling(name.substring(0, name.length() - DeadLetter.REASON_SUFFIX.length()));
                if (!Files.exists(entry)) {
                    Files.delete(reason);
                }
            }
        }
    }
}
