package org.agentcellphone.store;

import java.io.IOException;
import org.agentcellphone.agents.Contracts;
import org.agentcellphone.agents.TaskBoard;
import org.agentcellphone.config.Settings;
import org.agentcellphone.files.Home;

/** The task board the settings name: the home's folders, or the shared database's ({@code cellphone.store}). */
public final class TaskBoards {

    private TaskBoards() {
    }

    /** A board to use and close; a shared one opens a connection per call and keeps none. */
    public static TaskBoard open(Home home, Settings settings) throws IOException {
        return settings.sharedStore() ? new SharedTasks(SharedDatabase.direct(settings)) : new Contracts(home);
    }
}
