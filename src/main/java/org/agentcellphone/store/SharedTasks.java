package org.agentcellphone.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.agentcellphone.agents.Task;
import org.agentcellphone.agents.TaskBoard;
import org.agentcellphone.model.AcceptanceClock;

/**
 * The tasks of every host in the shared database, one row each, its state a column. A claim is a single UPDATE of
 * the most pressing available row, chosen with {@code FOR UPDATE SKIP LOCKED}: two claims at once take two rows.
 * A task's {@link Task#file()} is only its name, as the folder store would have it.
 */
public final class SharedTasks implements TaskBoard {

    private static final String COLUMNS = "id, title, description, priority, points, created_seq, created_at, state, "
            + "assigned_to, assigned_at, completed_at";

    private final DataSource db;

    /** Brings the schema up to date first; each call then takes a connection of {@code db} and gives it back. */
    public SharedTasks(DataSource db) throws IOException {
        this.db = db;
        try {
            SharedSchema.migrate(db);
        } catch (SQLException e) {
            throw new PostgresStore.Unavailable(e);
        }
    }

    @Override
    public Task add(String title, String description, Task.Priority priority, int points) throws IOException {
        long created = new AcceptanceClock().next();
        String id = Task.newId(created);
        Task.Details details = Task.Details.fresh(id, title, description, priority, points,
                AcceptanceClock.toInstant(created).toString());
        try (Connection c = db.getConnection(); PreparedStatement insert = c.prepareStatement("INSERT INTO tasks ("
                + "id, title, description, priority, points, created_seq, created_at, state) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, 'available')")) {
            insert.setString(1, id);
            insert.setString(2, details.title());
            insert.setString(3, details.description());
            insert.setInt(4, priority.ordinal());
            insert.setInt(5, points);
            insert.setLong(6, created);
            insert.setString(7, details.createdAt());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new PostgresStore.Unavailable(e);
        }
        return new Task(name(priority.ordinal(), created, id), Task.State.AVAILABLE, details);
    }

    @Override
    public Optional<Task> claimNext(String agent) throws IOException {
        List<Task> claimed = query("UPDATE tasks SET state = 'claimed', assigned_to = ?, assigned_at = ? WHERE id = ("
                + "SELECT id FROM tasks WHERE state = 'available' ORDER BY priority, created_seq LIMIT 1 "
                + "FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS, agent, Instant.now().toString());
        return claimed.stream().findFirst();
    }

    @Override
    public List<Task> all() throws IOException {
        return query("SELECT " + COLUMNS + " FROM tasks ORDER BY CASE state WHEN 'available' THEN 0 "
                + "WHEN 'claimed' THEN 1 ELSE 2 END, priority, created_seq");
    }

    @Override
    public Optional<Task> find(String id) throws IOException {
        return query("SELECT " + COLUMNS + " FROM tasks WHERE id = ?", id).stream().findFirst();
    }

    @Override
    public Task complete(String id, String agent) throws IOException {
        List<Task> done = query("UPDATE tasks SET state = 'completed', completed_at = ? WHERE id = ? "
                + "AND state = 'claimed' AND lower(assigned_to) = lower(?) RETURNING " + COLUMNS,
                Instant.now().toString(), id, agent);
        if (!done.isEmpty()) {
            return done.get(0);
        }
        Task task = find(id).orElseThrow(() -> new IllegalArgumentException("no task " + id));
        if (task.state() != Task.State.CLAIMED) {
            throw new IllegalArgumentException("task " + id + " is " + task.state() + ", not claimed");
        }
        String assignee = task.details().assignedTo();
        throw new IllegalArgumentException("task " + id + " is assigned to " + assignee + "; only " + assignee
                + " can complete it");
    }

    private List<Task> query(String sql, Object... args) throws IOException {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                q.setObject(i + 1, args[i]);
            }
            List<Task> tasks = new ArrayList<>();
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    Task.Priority priority = Task.Priority.values()[r.getInt(4)];
                    Task.Details details = new Task.Details(r.getString(1), r.getString(2), r.getString(3), priority,
                            r.getInt(5), r.getString(7), r.getString(9), r.getString(10), r.getString(11));
                    tasks.add(new Task(name(priority.ordinal(), r.getLong(6), details.id()),
                            Task.State.valueOf(r.getString(8).toUpperCase(java.util.Locale.ROOT)), details));
                }
            }
            return tasks;
        } catch (SQLException e) {
            throw new PostgresStore.Unavailable(e);
        }
    }

    private static Path name(int rank, long created, String id) {
        return Path.of(rank + "-" + created + "-" + id + ".json");
    }
}
