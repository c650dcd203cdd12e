package org.agentcellphone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.agentcellphone.files.DurableFiles;
import org.agentcellphone.files.Home;
import org.agentcellphone.store.DeliveryLedger;

/** A message delivered to an agent, as {@code read} and {@code ack} find it: its record, and its text wherever it is. */
record Received(String from, String text) {

    private static final long MAX_TEXT_BYTES = 64L * 1024 * 1024;

    static Received of(Home home, String id, String agent) throws IOException {
        List<JsonNode> records = new DeliveryLedger(home).recordsOf(id, agent);
        if (records.isEmpty()) {
            throw new CliException(ExitCode.NOT_FOUND, "no message " + id + " was delivered to " + agent
                    + " (inbox -a " + agent + " lists what was)");
        }
        JsonNode record = records.get(records.size() - 1);
        String name = Path.of(record.path("inbox_file").asText("x")).getFileName().toString();
        Optional<Path> file = find(home, home.inbox(agent), name);
        String text = file.isPresent()
                ? new String(DurableFiles.readAtMost(file.get(), MAX_TEXT_BYTES), StandardCharsets.UTF_8)
                : "(" + id + ": its file " + name + " is no longer in " + home.relative(home.inbox(agent)) + ")\n";
        return new Received(record.path("from").asText(), text.endsWith("\n") ? text : text + "\n");
    }

    /** At the top of the inbox, or moved into one of its folders (read/, archive_…/); never through a link. */
    private static Optional<Path> find(Home home, Path inbox, String name) throws IOException {
        Path top = home.guard(inbox).resolve(name);
        if (Files.isRegularFile(top, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(top);
        }
        if (!Files.isDirectory(inbox, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(inbox, 3)) {
            return files.filter(p -> p.getFileName().toString().equals(name))
                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).findFirst();
        }
    }
}
