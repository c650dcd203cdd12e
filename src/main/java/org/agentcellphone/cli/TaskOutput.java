package org.agentcellphone.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.agentcellphone.agents.Task;
import org.agentcellphone.model.Json;
import picocli.CommandLine.Option;

/** How the task commands print a task: a short block of text, or one line of JSON. */
final class TaskOutput {

    @Option(names = "--json", order = 90, description = "Print JSON instead of text (errors too).")
    boolean json;

    void print(PrintWriter out, Task t) throws IOException {
        if (json) {
            out.println(Json.compact(t));
            return;
        }
        Task.Details d = t.details();
        out.printf("%s  [%s]  %s  (%s, %d points)%n", t.id(), t.state(), d.title(), d.priority(), d.points());
        if (d.description() != null && !d.description().isEmpty()) {
            out.println("  " + d.description());
        }
        if (d.assignedTo() != null) {
            out.println("  assigned to " + d.assignedTo() + " at " + d.assignedAt());
        }
    }
}
