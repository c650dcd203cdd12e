package org.agentcellphone.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.agentcellphone.files.Home;
import org.agentcellphone.model.Envelope;
import org.agentcellphone.files.DurableFiles;
import org.agentcellphone.model.AcceptanceClock;

/**
 * Durable inbox delivery: hidden temporary file, fsync, publish under a name no other file has, fsync of the inbox
 * folder. Only after that does a message count as delivered; an agent never sees a partial file.
 *
 * <p>Named by acceptance time ({@link #byAcceptance}), the write is idempotent: the name is the same for every
 * attempt of one entry, so an attempt after a crash finds the copy the last one published (its header names the
 * entry) instead of writing a second one. A shared store, whose attempts a dead router leaves unrecorded, needs it.
 */
public final class InboxWriter {

    private final Home home;
    private final InboxFormat format;
    private final boolean byAcceptance;

    public InboxWriter(Home home, InboxFormat format) {
        this(home, format, false);
    }

    public InboxWriter(Home home, InboxFormat format, boolean byAcceptance) {
        this.home = home;
        this.format = format;
        this.byAcceptance = byAcceptance;
    }

    public Path write(Envelope envelope) throws IOException {
        Path inbox = home.inbox(envelope.recipient());
        // a missing inbox is made again; an inbox (or workspace) replaced by a link is refused, nothing is written
        home.createFolders(inbox);
        byte[] text = format.render(envelope).getBytes(StandardCharsets.UTF_8);
        Path tmp = DurableFiles.writeTemp(inbox, text, true);
        try {
            Instant at = byAcceptance ? AcceptanceClock.toInstant(envelope.seq()) : Instant.now();
            Path target = inbox.resolve(InboxFormat.fileName(envelope, at));
            // two deliveries of one id to one inbox within a millisecond cannot happen (dedupe), but an agent may
            // have put a file of that name there: move on by a millisecond rather than overwrite it
            while (!DurableFiles.publishNew(tmp, target)) {
                if (byAcceptance && DeliveredCopies.isCopyOf(target, envelope)) {
                    // an earlier attempt published it: that copy is the delivery
                    break;
                }
                at = at.plusMillis(1);
                target = inbox.resolve(InboxFormat.fileName(envelope, at));
            }
            DurableFiles.syncDirectory(inbox);
            return target;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
