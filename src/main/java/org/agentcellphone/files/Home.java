package org.agentcellphone.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The folders of a home. A message's state is the folder its file is in.
 *
 * <p>The home is also the boundary nothing crosses: agents can replace any folder of it by a symbolic link, so
 * every folder is {@linkplain #guard checked} before the router or the CLI lists, reads or writes in it, and folders
 * are {@linkplain #createFolders created} one level at a time without following a link.
 */
public record Home(Path root) {

    /** A folder of the home that is a link or not a folder: refused, nothing is read or written through it. */
    public static final class OutsideHome extends IOException {
        public OutsideHome(String message) {
            super(message);
        }
    }

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

    /** Messages to wake a terminal agent with, already in their inbox, waiting to be typed into its tmux pane. */
    public Path wake() {
        return root.resolve("message_queue/wake");
    }

    /** The last mile's receipts: how each (message, recipient) was woken, read and acknowledged. */
    public Path receipts() {
        return root.resolve("message_queue/receipts");
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
     * Creates every folder the router and the CLI use, for each of these agents. An agent folder that cannot
     * be created (a file or a link in its place) does not stop the others: deliveries to it are retried and reported.
     */
    public void ensureLayout(java.util.Collection<String> agents) throws IOException {
        for (Path dir : new Path[] {outbox(), urgentOutbox(), pending(), held(), requeue(), gui(), wake(), receipts(), delivered(), failed(), state(), routes()}) {
            createFolders(dir);
        }
        for (String agent : agents) {
            for (Path dir : new Path[] {inbox(agent), agentOutbox(agent)}) {
                try {
                    createFolders(dir);
                } catch (OutsideHome | FileAlreadyExistsException notAFolder) {
                    System.err.println("cellphone: " + relative(dir) + " is not a folder of the home ("
                            + notAFolder.getMessage() + "); deliveries to " + agent + " will be retried until it is");
                }
            }
        }
    }

    /**
     * Whether a file of the home is gone from where it was written: false when that cannot be told without going
     * through a link (its folder was replaced by one), so nothing outside the home is even looked at.
     */
    public boolean hasLeft(Path file) {
        try {
            return !Files.exists(guard(file.getParent()).resolve(file.getFileName()), LinkOption.NOFOLLOW_LINKS);
        } catch (OutsideHome refused) {
            return false;
        }
    }

    /**
     * Returns {@code dir} once every step from the home down to it is a real folder, not a symbolic link: a folder
     * an agent replaced by a link (to a project folder, to {@code /etc}) is refused, never listed, read or written
     * through. A step that does not exist yet is fine (a later {@link #createFolders} makes it).
     */
    public Path guard(Path dir) throws OutsideHome {
        Path target = dir.toAbsolutePath().normalize();
        if (!target.startsWith(root)) {
            throw new OutsideHome(target + " is outside the home " + root);
        }
        Path step = root;
        for (Path name : root.relativize(target)) {
            step = step.resolve(name);
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(step, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException missing) {
                return dir;
            } catch (IOException e) {
                throw new OutsideHome(relative(step) + " cannot be checked: " + e.getMessage());
            }
            if (attributes.isSymbolicLink()) {
                throw new OutsideHome(relative(step) + " is a symbolic link; refused: nothing is read or written "
                        + "through a link out of the home");
            }
            if (!attributes.isDirectory()) {
                throw new OutsideHome(relative(step) + " is not a folder");
            }
        }
        return dir;
    }

    /** Creates the missing folders down to {@code dir}, one level at a time, refusing any step that is a link. */
    public Path createFolders(Path dir) throws IOException {
        Path target = guard(dir).toAbsolutePath().normalize();
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            // the common case (every inbox write): the checked path is there already, nothing to create
            return dir;
        }
        // the home itself is where the user put it (it may be reached through links of their own)
        Files.createDirectories(root);
        Path step = root;
        for (Path name : root.relativize(target)) {
            step = step.resolve(name);
            try {
                // mkdir(2) never follows a link: an existing or dangling link in the way fails here
                Files.createDirectory(step);
            } catch (FileAlreadyExistsException exists) {
                if (!Files.isDirectory(step, LinkOption.NOFOLLOW_LINKS)) {
                    guard(step);
                    throw exists;
                }
            }
        }
        return dir;
    }

    /** A path relative to the home, for logs and reason files. */
    public String relative(Path path) {
        return root.relativize(path.toAbsolutePath().normalize()).toString();
    }
}
