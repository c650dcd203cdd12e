package org.agentcellphone.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.agentcellphone.model.Json;
import picocli.CommandLine.Option;

/** The {@code --json} option of the commands that print data: one JSON document instead of text. */
final class JsonOutput {

    @Option(names = "--json", order = 90, description = "Print one JSON document instead of text (errors too).")
    boolean json;

    void print(PrintWriter out, Object value) throws IOException {
        out.println(Json.MAPPER.writeValueAsString(value));
    }
}
