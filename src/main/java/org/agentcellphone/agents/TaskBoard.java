package org.agentcellphone.agents;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where tasks wait to be claimed (SPEC §7): the home's folders on one machine ({@link Contracts}), the shared
 * database with several hosts. Whatever holds them, two agents claiming at once never get the same task.
 */
public interface TaskBoard extends AutoCloseable {

    Task add(String title, String description, Task.Priority priority, int points) throws IOException;

    /** Claims the highest-priority, oldest available task for {@code agent}; empty when none is left. */
    Optional<Task> claimNext(String agent) throws IOException;

    /** Every task, available first (in hand-out order), then claimed, then completed. */
    List<Task> all() throws IOException;

    default Optional<Task> find(String id) throws IOException {
        return all().stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** Completes a task claimed by {@code agent}; anyone else is refused ({@link IllegalArgumentException}). */
    Task complete(String id, String agent) throws IOException;

    @Override
    default void close() throws IOException {
    }
}
