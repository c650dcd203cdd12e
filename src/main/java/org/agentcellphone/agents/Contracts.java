package org.agentcellphone.agents;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import org.agentcellphone.files.Home;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.agentcellphone.model.Json;
import org.agentcellphone.model.AcceptanceClock;
import org.agentcellphone.files.DurableFiles;

/**
 * Tasks under {@code agent_workspaces/contracts/}: {@code available/}, {@code claimed/<Agent>/}, {@code completed/}.
 * A task's state is its folder. Claiming is an atomic rename out of {@code available/}: of two agents asking at
 * the same instant, exactly one rename succeeds, so a task is never handed out twice.
 *
 * <p>File names sort as tasks are handed out: {@code <priority rank>-<created µs>-<id>.json}, CRITICAL first,
 * then oldest first.
 */
public final class Contracts implements TaskBoard {

    /** A task file is small; a larger file in a task folder is not read. */
    private static final long MAX_TASK_BYTES = 4L * 1024 * 1024;

    private final Home home;
    private final Path root;

    public Contracts(Home home) {
        this.home = home;
        this.root = home.root().resolve("agent_workspaces/contracts");
    }

    public Path available() {
        return root.resolve("available");
    }

    public Path claimed(String agent) {
        return root.resolve("claimed").resolve(agent);
    }

    public Path completed() {
        return root.resolve("completed");
    }

    @Override
    public Task add(String title, String description, Task.Priority priority, int points) throws IOException {
        home.createFolders(available());
        long created = new AcceptanceClock().next();
        String id = Task.newId(created);
        Task.Details task = Task.Details.fresh(id, title, description, priority, points,
                AcceptanceClock.toInstant(created).toString());
        Path file = available().resolve(priority.ordinal() + "-" + created + "-" + id + ".json");
        DurableFiles.writeDurably(file, Json.MAPPER.writeValueAsBytes(task));
        return new Task(file, Task.State.AVAILABLE, task);
    }

    @Override
    public Optional<Task> claimNext(String agent) throws IOException {
        home.createFolders(claimed(agent));
        for (Path candidate : sorted(available())) {
            Path mine = claimed(agent).resolve(candidate.getFileName());
            try {
                Files.move(candidate, mine, StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException takenByAnother) {
                continue;
            }
            Task.Details task = Json.MAPPER.readValue(DurableFiles.readAtMost(mine, MAX_TASK_BYTES), Task.Details.class)
                    .claimedBy(agent, Instant.now().toString());
            DurableFiles.writeDurably(mine, Json.MAPPER.writeValueAsBytes(task));
            return Optional.of(new Task(mine, Task.State.CLAIMED, task));
        }
        return Optional.empty();
    }

    @Override
    public List<Task> all() throws IOException {
        List<Task> tasks = new ArrayList<>();
        for (Path file : sorted(available())) {
            read(file, Task.State.AVAILABLE).ifPresent(tasks::add);
        }
        Path claimedRoot = root.resolve("claimed");
        if (Files.isDirectory(home.guard(claimedRoot), LinkOption.NOFOLLOW_LINKS)) {
            try (var agents = Files.newDirectoryStream(claimedRoot)) {
                for (Path agentDir : agents) {
                    for (Path file : sorted(agentDir)) {
                        read(file, Task.State.CLAIMED).ifPresent(tasks::add);
                    }
                }
            }
        }
        for (Path file : sorted(completed())) {
            read(file, Task.State.COMPLETED).ifPresent(tasks::add);
        }
        return tasks;
    }

    @Override
    public Task complete(String id, String agent) throws IOException {
        Task task = find(id).orElseThrow(() -> new IllegalArgumentException("no task " + id));
        if (task.state() != Task.State.CLAIMED) {
            throw new IllegalArgumentException("task " + id + " is " + task.state() + ", not claimed");
        }
        String assignee = task.details().assignedTo();
        if (!assignee.equalsIgnoreCase(agent)) {
            throw new IllegalArgumentException("task " + id + " is assigned to " + assignee + "; only " + assignee
                    + " can complete it");
        }
        home.createFolders(completed());
        Path done = completed().resolve(task.file().getFileName());
        Task.Details details = task.details().completedAt(Instant.now().toString());
        DurableFiles.writeDurably(task.file(), Json.MAPPER.writeValueAsBytes(details));
        try {
            Files.move(task.file(), done, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            throw new IOException("cannot move task " + id + " to completed/: " + e.getMessage(), e);
        }
        return new Task(done, Task.State.COMPLETED, details);
    }

    private static Optional<Task> read(Path file, Task.State state) {
        try {
            return Optional.of(new Task(file, state,
                    Json.MAPPER.readValue(DurableFiles.readAtMost(file, MAX_TASK_BYTES), Task.Details.class)));
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    private List<Path> sorted(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(home.guard(dir), LinkOption.NOFOLLOW_LINKS)) {
            return files;
        }
        try (var stream = Files.newDirectoryStream(dir, "*.json")) {
            stream.forEach(files::add);
        }
        files.sort(null);
        return files;
    }
}
