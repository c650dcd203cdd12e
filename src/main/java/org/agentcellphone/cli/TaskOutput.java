package org.agentcellphone.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.agentcellphone.agents.Contracts;
import org.agentcellphone.model.Json;
import picocli.CommandLine.Option;

/** How the task commands print a task: a short block of text, or one line of JSON. */
final class TaskOutput {

    @Option(names = "--json", order = 90, description = "Print JSON instead of text (errors too).")
    boolean json;

    static Map<String, Object> row(Contracts.Task t) {
        @SuppressWarnings("unchecked")
        Map<String, Object> row = Json.MAPPER.convertValue(t.json(), LinkedHashMap.class);
        row.put("state", t.state());
        return row;
    }

    void print(PrintWriter out, Contracts.Task t) throws IOException {
        if (json) {
            out.println(Json.compact(row(t)));
            return;
        }
        out.printf("%s  [%s]  %s  (%s, %d points)%n", t.id(), t.state(), t.json().path("title").asText(),
                t.json().path("priority").asText(), t.json().path("points").asInt());
        if (!t.json().path("description").asText().isEmpty()) {
            out.println("  " + t.json().path("description").asText());
        }
        if (!t.json().path("assigned_to").isNull()) {
            out.println("  assigned to " + t.json().path("assigned_to").asText() + " at "
                    + t.json().path("assigned_at").asText());
        }
    }
}
