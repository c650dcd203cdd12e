package org.agentcellphone.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.model.ReasonCode;
import org.agentcellphone.model.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The router's side of {@code --release} and {@code --requeue}: adopts what operators put in {@code requeue/}. */
public final class HandedBack {

    private static final Logger LOG = LoggerFactory.getLogger("cellphone");

    private final PendingStore pending;
    private final Path folder;
    private final Backlog backlog;
    private final Roster roster;
    private final DeadLetter deadLetter;

    public HandedBack(PendingStore pending, Path folder, Backlog backlog, Roster roster, DeadLetter deadLetter) {
        this.pending = pending;
        this.folder = folder;
        this.backlog = backlog;
        this.roster = roster;
        this.deadLetter = deadLetter;
    }

    /**
     * Moves the handed-back entries into pending and returns them, in delivery order, for their lanes. An entry for
     * an agent that is not in the roster has no lane to wait in: it goes back to the dead letter, saying so.
     */
    public List<PendingEntry> adopt() throws IOException {
        List<PendingEntry> lanes = new ArrayList<>();
        for (PendingEntry entry : pending.adopt(folder)) {
            if (roster.find(entry.recipient()).isEmpty()) {
                deadLetter.movePending(entry, Rejection.of(ReasonCode.UNKNOWN_RECIPIENT, entry.recipient()
                        + " is not in the roster (it left); requeue the entry once the agent is back"), 0);
                continue;
            }
            backlog.added(entry.priority());
            lanes.add(entry);
            LOG.info("handed back {} for {} by an operator: waiting for delivery again", entry.id(), entry.recipient());
        }
        return lanes;
    }
}
