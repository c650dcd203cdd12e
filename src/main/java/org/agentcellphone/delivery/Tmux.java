package org.agentcellphone.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The tmux commands waking needs, each run as its own process with its arguments as a list (no shell, so nothing an
 * agent wrote is ever interpreted): read a pane, paste into it, press Enter in it.
 */
public final class Tmux {

    /** A tmux command that failed: no server, no such pane, or tmux missing. */
    public static final class Failure extends IOException {
        public Failure(String message) {
            super(message);
        }
    }

    private static final long TIMEOUT_SECONDS = 10;

    private final String socket;

    /** {@code socket}: the server's socket path ({@code tmux -S}), or null for the user's default server. */
    public Tmux(String socket) {
        this.socket = socket == null || socket.isBlank() ? null : socket;
    }

    /** The pane's visible text, wrapped lines joined. */
    public String capture(String target) throws IOException {
        return run(null, "capture-pane", "-p", "-J", "-t", target);
    }

    /** When anything last appeared in the pane's window, in epoch seconds (tmux's own clock of activity). */
    public long windowActivity(String target) throws IOException {
        String out = run(null, "display-message", "-p", "-t", target, "#{window_activity}").strip();
        try {
            return Long.parseLong(out);
        } catch (NumberFormatException e) {
            throw new Failure("tmux gave no activity time for " + target + ": " + out);
        }
    }

    /**
     * Pastes {@code text} into the pane as one bracketed paste (when the program there asked for bracketed paste, as
     * every terminal coding agent does): a multi-line message arrives as one input, and nothing is submitted yet.
     * The buffer goes in through stdin and is deleted after the paste.
     */
    public void paste(String target, String buffer, String text) throws IOException {
        run(text, "load-buffer", "-b", buffer, "-");
        run(null, "paste-buffer", "-p", "-d", "-b", buffer, "-t", target);
    }

    /** Enter, as the byte a terminal sends for it (a key name may be mapped otherwise by the program or tmux). */
    public void enter(String target) throws IOException {
        run(null, "send-keys", "-t", target, "-H", "0d");
    }

    private String run(String stdin, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("tmux");
        if (socket != null) {
            command.add("-S");
            command.add(socket);
        }
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException noTmux) {
            throw new Failure("cannot run tmux: " + noTmux.getMessage());
        }
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new Failure("tmux " + args[0] + " did not answer within " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new Failure("interrupted while tmux " + args[0] + " ran");
        }
        if (process.exitValue() != 0) {
            throw new Failure("tmux " + args[0] + ": " + out.strip());
        }
        return out;
    }
}
