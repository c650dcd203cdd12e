package org.agentcellphone.operations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.agentcellphone.files.Home;
import org.agentcellphone.store.DeadLetter;
import org.agentcellphone.store.MessageStore;
import org.agentcellphone.store.PendingEntry;

/**
 * Which files an operator's ids name: every entry of one message id (a broadcast has one per recipient), or one
 * file by name, or a unique prefix of either. An id that names nothing, or more than one message, is refused before
 * anything is done.
 */
final class Selection {

    /** A file an operation may act on, with the message id it belongs to; {@code entry} is null for a dead drop. */
    record Candidate(Path file, String id, String recipient, PendingEntry entry, DeadLetter.Reason reason) {
    }

    private final Home home;
    /** With several hosts, the shared store: what waits, is held or is dead is there, not in the home's folders. */
    private final MessageStore shared;

    Selection(Home home, MessageStore shared) {
        this.home = home;
        this.shared = shared;
    }

    List<Candidate> select(List<Path> dirs, List<String> ids) throws IOException, Operations.Unmatched {
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
            throw new Operations.Unmatched(String.join("; ", problems));
        }
        if (chosen.isEmpty()) {
            throw new Operations.Unmatched("no id given");
        }
        return new ArrayList<>(chosen);
    }

    private String folders(List<Path> dirs) {
        return String.join(", ", dirs.stream().map(d -> home.relative(d) + "/").toList());
    }

    /** Every candidate of a folder; the dead letter's with their reasons. */
    List<Candidate> candidates(Path dir) throws IOException {
        List<Candidate> found = new ArrayList<>();
        boolean deadLetter = dir.equals(home.failed());
        if (shared != null) {
            // the entries are the shared store's; the dead letter here keeps only the drops this host refused
            List<PendingEntry> entries = dir.equals(home.pending()) ? shared.waiting()
                    : dir.equals(home.held()) ? shared.held() : deadLetter ? shared.dead() : List.of();
            entries.forEach(e -> found.add(new Candidate(e.file(), e.id(), e.recipient(), e, null)));
            if (!deadLetter) {
                return found;
            }
        }
        try (var files = Files.newDirectoryStream(home.guard(dir))) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") || name.endsWith(DeadLetter.REASON_SUFFIX)
                        || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                PendingEntry entry = PendingEntry.parse(file);
                DeadLetter.Reason reason = deadLetter
                        ? DeadLetter.Reason.read(DeadLetter.reasonOf(file)).orElse(null) : null;
                if (entry != null && shared != null) {
                    continue;
                } else if (entry != null) {
                    found.add(new Candidate(file, entry.id(), entry.recipient(), entry, reason));
                } else if (deadLetter) {
                    String id = reason == null ? null : reason.id();
                    found.add(new Candidate(file, id, null, null, reason));
                }
            }
        } catch (NoSuchFileException e) {
            return found;
        }
        return found;
    }
}
