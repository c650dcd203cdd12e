package org.agentcellphone.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.agentcellphone.Home;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.delivery.Delivery;
import org.agentcellphone.delivery.DeliveryLedger;
import org.agentcellphone.delivery.DeliveredCopies;
import org.agentcellphone.model.Envelope;
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
        temps += DurableFiles.removeLeftoverTemps(home.held()) + DurableFiles.removeLeftoverTemps(home.requeue())
                + DurableFiles.removeLeftoverTemps(home.gui());
        removeOrphanReasons();
        int handedBack = pending.adopt(home.requeue()).size();

        DeliveredCopies copies = new DeliveredCopies(home);
        List<PendingEntry> toDeliver = new ArrayList<>();
        int finished = 0;
        for (PendingEntry entry : pending.list()) {
            clock.seed(entry.seq());
            dedupe.add(entry.dedupeKey());
            if (ledger.isRecorded(entry)) {
                Envelope envelope = pending.read(entry);
                delivery.finish(entry, envelope != null && envelope.isGui());
                finished++;
                continue;
            }
            Path inboxFile = copies.find(entry);
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
                    + "waiting for delivery ({} handed back by an operator)", temps, finished, toDeliver.size(),
                    handedBack);
        }
        return toDeliver;
    }

    /** Messages in GUI mode, already in their inbox, still to be typed (urgent first, then in acceptance order). */
    public List<PendingEntry> guiJobs() throws IOException {
        List<PendingEntry> jobs = new ArrayList<>(PendingStore.list(home.gui()));
        jobs.sort(DeliveryOrder.ENTRIES);
        return jobs;
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
