package org.agentcellphone.router;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.agentcellphone.files.Home;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.delivery.Delivery;
import org.agentcellphone.store.DeliveryLedger;
import org.agentcellphone.delivery.DeliveredCopies;
import org.agentcellphone.model.Envelope;
import org.agentcellphone.model.ReasonCode;
import org.agentcellphone.model.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.agentcellphone.files.DurableFiles;
import org.agentcellphone.model.AcceptanceClock;
import org.agentcellphone.store.DeadLetter;
import org.agentcellphone.store.DedupeJournal;
import org.agentcellphone.store.PendingEntry;
import org.agentcellphone.store.PendingStore;

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
    private final DeadLetter deadLetter;
    private final boolean spool;

    /** {@code spool}: pending/ is the spool of a shared store, published by its relay, never delivered from here. */
    public Recovery(Home home, Roster roster, PendingStore pending, DeliveryLedger ledger, Delivery delivery,
                    DedupeJournal dedupe, AcceptanceClock clock, DeadLetter deadLetter, boolean spool) {
        this.spool = spool;
        this.home = home;
        this.roster = roster;
        this.pending = pending;
        this.ledger = ledger;
        this.delivery = delivery;
        this.dedupe = dedupe;
        this.clock = clock;
        this.deadLetter = deadLetter;
    }

    /** Returns the entries still to deliver, urgent first, then in acceptance order. */
    public List<PendingEntry> run() throws IOException {
        List<Path> folders = new ArrayList<>(List.of(home.pending(), home.delivered(), home.failed(), home.state(),
                home.held(), home.requeue(), home.gui(), home.wake(), home.receipts()));
        roster.ids().forEach(agent -> folders.add(home.inbox(agent)));
        int temps = 0;
        for (Path folder : folders) {
            try {
                temps += DurableFiles.removeLeftoverTemps(home.guard(folder));
            } catch (Home.OutsideHome refused) {
                LOG.error("recovery: {}; nothing in it is touched", refused.getMessage());
            }
        }
        removeOrphanReasons();
        int handedBack = pending.adopt(home.requeue()).size();

        DeliveredCopies copies = new DeliveredCopies(home);
        List<PendingEntry> toDeliver = new ArrayList<>();
        int finished = 0;
        int departed = 0;
        for (PendingEntry entry : pending.list()) {
            clock.seed(entry.seq());
            dedupe.add(entry.dedupeKey());
            if (spool) {
                continue;
            }
            Envelope envelope = pending.read(entry);
            if (ledger.isRecorded(entry)) {
                delivery.finishRecorded(entry, envelope);
                finished++;
                continue;
            }
            if (roster.find(entry.recipient()).isEmpty()) {
                // never stranded: dead-lettered with the reason; --requeue delivers it once the agent is back
                deadLetter.movePending(entry, Rejection.of(ReasonCode.UNKNOWN_RECIPIENT, entry.recipient()
                        + " has left the roster; requeue the entry once the agent is back"), 0);
                departed++;
                continue;
            }
            Path inboxFile = copies.find(entry, envelope);
            if (inboxFile != null) {
                delivery.complete(entry, inboxFile);
                finished++;
            } else {
                toDeliver.add(entry);
            }
        }
        toDeliver.sort(PendingEntry.DELIVERY_ORDER);
        if (temps + finished + toDeliver.size() + departed > 0) {
            LOG.info("recovery: removed {} temporary file(s), finished {} interrupted delivery(ies), {} entry(ies) "
                    + "waiting for delivery ({} handed back by an operator), {} dead-lettered for agents that left "
                    + "the roster", temps, finished, toDeliver.size(), handedBack, departed);
        }
        return toDeliver;
    }

    /** Messages in GUI mode, already in their inbox, still to be typed (urgent first, then in acceptance order). */
    public List<PendingEntry> guiJobs() throws IOException {
        return jobsIn(home.gui());
    }

    /** Messages already in their inbox, still to be typed into a tmux pane (urgent first, then acceptance order). */
    public List<PendingEntry> wakeJobs() throws IOException {
        return jobsIn(home.wake());
    }

    private List<PendingEntry> jobsIn(Path folder) throws IOException {
        List<PendingEntry> jobs = new ArrayList<>(PendingStore.list(home, folder));
        jobs.sort(PendingEntry.DELIVERY_ORDER);
        return jobs;
    }

    /** A reason whose entry is missing: the move into the dead letter never happened, the entry is still pending. */
    private void removeOrphanReasons() throws IOException {
        try (var reasons = Files.newDirectoryStream(home.guard(home.failed()), "*" + DeadLetter.REASON_SUFFIX)) {
            for (Path reason : reasons) {
                String name = reason.getFileName().toString();
                Path entry = reason.resolveSibling(name.substring(0, name.length() - DeadLetter.REASON_SUFFIX.length()));
                if (!Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(reason);
                }
            }
        }
    }
}
