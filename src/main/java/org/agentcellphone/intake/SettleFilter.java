package org.agentcellphone.intake;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Locale;
import org.agentcellphone.queue.Backlog;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

/**
 * Which outbox files intake takes now. Temporary names ({@code .x}, {@code *.tmp}, {@code *.part}) never. A file
 * younger than the settle time that does not yet read as a complete message (a writer still at work) is left for
 * a later poll; older, it is taken and dead-lettered for what it is. While the queue is full, none.
 */
public final class SettleFilter implements GenericFileFilter<File> {

    private final long settleMillis;
    private final long maxBytes;
    private final Backlog backlog;

    public SettleFilter(long settleMillis, long maxBytes, Backlog backlog) {
        this.settleMillis = settleMillis;
        this.maxBytes = maxBytes;
        this.backlog = backlog;
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        if (backlog.isFull()) {
            // back-pressure: nothing is read while the queue is full; the drops wait where they are
            return false;
        }
        String name = file.getFileNameOnly();
        String lower = name.toLowerCase(Locale.ROOT);
        if (file.isDirectory() || name.startsWith(".") || lower.endsWith(".tmp") || lower.endsWith(".part")) {
            return false;
        }
        long age = System.currentTimeMillis() - file.getLastModified();
        if (age >= settleMillis || file.getFileLength() > maxBytes) {
            return true;
        }
        try {
            // only the checks a half-written file fails: it parses, it names a recipient, it has content
            Draft draft = DropParser.parse(name, Files.readAllBytes(file.getFile().toPath()));
            return !draft.recipients().isEmpty() && draft.content() != null && !draft.content().isBlank();
        } catch (DropParseException e) {
            return !e.rejection().code().mayBeIncompleteWrite();
        } catch (IOException e) {
            return false;
        }
    }
}
