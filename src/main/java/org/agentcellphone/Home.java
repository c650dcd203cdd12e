package org.agentcellphone;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.agentcellphone.agents.Roster;

/** The folders of a home (SPEC §1). A message's state is the folder its file is in. */
public record Home(Path root) {

    public Home {
        root = root.toAbsolutePath().normalize();
    }

    public Path outbox() {
        return root.resolve("message_queue/outbox");
    }

    /** The shared folder's urgent lane: read on its own, so a backlog in {@link #outbox()} never delays it. */
    public Path urgentOutbox() {
        return outbox().resolve("urgent");
    }

    public Path pending() {
        return root.resolve("message_queue/pending");
    }

    /** Entries an operator set aside ({@code --hold}); never delivered or expired until released. */
    public Path held() {
        return root.resolve("message_queue/held");
    }

    /** Entries handed back by an operator ({@code --release}, {@code --requeue}); the router adopts them into pending. */
    public Path requeue() {
        return root.resolve("message_queue/requeue");
    }

    /** Messages in GUI mode, already in their inbox, waiting to be typed into the chat window. */
    public Path gui() {
        return root.resolve("message_queue/gui");
    }

    public Path delivered() {
        return root.resolve("message_queue/delivered");
    }

    public Path failed() {
        return root.resolve("message_queue/failed");
    }

    /** Router-private state: dedupe journal, duplicate log, the router lock. */
    public Path state() {
        return root.resolve("message_queue/state");
    }

    /** The home's own YAML routes: they replace the shipped ones, and edits to them are live. */
    public Path routes() {
        return root.resolve("routes");
    }

    public Path workspace(String agent) {
        return root.resolve("agent_workspaces").resolve(agent);
    }

    public Path inbox(String agent) {
        return workspace(agent).resolve("inbox");
    }

    public Path agentOutbox(String agent) {
        return workspace(agent).resolve("outbox");
    }

    /**
     * Creates every folder the router and the CLI use, for every agent of the roster. An agent folder that cannot
     * be created (a file in its place) does not stop the others: deliveries to it are retried and reported.
     */
    public void ensureLayout(Roster roster) throws IOException {
        for (Path dir : new Path[] {outbox(), urgentOutbox(), pending(), held(), requeue(), gui(), delivered(), failed(), state(), routes()}) {
            Files.createDirectories(dir);
        }
        for (String agent : roster.ids()) {
            for (Path dir : new Path[] {inbox(agent), agentOutbox(agent)}) {
                try {
                    Files.createDirectories(dir);
                } catch (FileAlreadyExistsException notAFolder) {
                    System.err.println("cellphone: " + relative(dir) + " is not a folder; deliveries to "
                            + agent + " will be retried until it is");
                }
            }
        }
    }

    /** A path relative to the home, for logs and reason files. */
    public String relative(Path path) {
        return root.relativize(path.toAbsolutePath().normalize()).toString();
    }
}
