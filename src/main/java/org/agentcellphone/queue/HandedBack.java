package org.agentcellphone.queue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The router's side of {@code --release} and {@code --requeue}: adopts what operators put in {@code requeue/}. */
public final class HandedBack {

    private static final Logger LOG = LoggerFactory.getLogger("cellphone");

    private final PendingStore pending;
    private final Path folder;
    private final Backlog backlog;

    public HandedBack(PendingStore pending, Path folder, Backlog backlog) {
        this.pending = pending;
        this.folder = folder;
        this.backlog = backlog;
    }

    /** Moves the handed-back entries into pending and returns them, in delivery order, for their lanes. */
    public List<PendingEntry> adopt() throws IOException {
        List<PendingEntry> adopted = pending.adopt(folder);
        for (PendingEntry entry : adopted) {
            backlog.added(entry.priority());
            LOG.info("handed back {} for {} by an operator: waiting for delivery again", entry.id(), entry.recipient());
        }
        return adopted;
    }
}
