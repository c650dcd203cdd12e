package org.agentcellphone.lastmile;

import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A program that behaves like a coding agent's terminal UI, run in a tmux pane by the tests: raw mode, bracketed
 * paste enabled, a prompt; a paste is taken as text (its line breaks are not Enter), Enter submits what was typed and
 * pasted as one input, and after each submission it is busy for a while, printing output. Input typed while busy is
 * shown and taken all the same (as the agents do: it waits for the next turn).
 *
 * <p>Each submission is appended to the log as one JSON line: {@code pane}, {@code text}, {@code at} (epoch ms),
 * {@code busy} (whether it came while the agent was busy) and {@code busy_until}.
 *
 * <p>Arguments: the log file, the pane's name, the busy time in milliseconds.
 */
public final class FakeAgentTui {

    private static final String PROMPT = "> ";

    private final Path log;
    private final String pane;
    private final long busyMillis;
    private final PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
            StandardCharsets.UTF_8);
    private final StringBuilder input = new StringBuilder();
    private volatile long busyUntil;
    private int submissions;

    private FakeAgentTui(Path log, String pane, long busyMillis) {
        this.log = log;
        this.pane = pane;
        this.busyMillis = busyMillis;
    }

    public static void main(String[] args) throws Exception {
        new FakeAgentTui(Path.of(args[0]), args[1], Long.parseLong(args[2])).run();
    }

    private void run() throws Exception {
        new ProcessBuilder("stty", "raw", "-echo").redirectInput(ProcessBuilder.Redirect.from(new File("/dev/tty")))
                .inheritIO().start().waitFor();
        // ask the terminal (tmux) for bracketed paste, as Claude Code, Codex CLI, Gemini CLI and aider do
        out.print("\033[?2004h");
        out.print("fake agent " + pane + " ready\r\n");
        redraw();
        append(Map.of("pane", pane, "ready", true, "at", System.currentTimeMillis()));
        Reader in = new InputStreamReader(System.in, StandardCharsets.UTF_8);
        boolean pasting = false;
        int c;
        while ((c = in.read()) >= 0) {
            if (c == 0x1b) {
                String seq = escape(in);
                if (seq.equals("[200~")) {
                    pasting = true;
                } else if (seq.equals("[201~")) {
                    pasting = false;
                    redraw();
                }
                continue;
            }
            synchronized (this) {
                if (pasting) {
                    input.append(c == '\r' ? '\n' : (char) c);
                    continue;
                }
                if (c == '\r') {
                    submit();
                } else if (c == 3) {
                    return;
                } else if (c == 0x7f) {
                    if (input.length() > 0) {
                        input.setLength(input.length() - 1);
                    }
                    redraw();
                } else {
                    input.append((char) c);
                    redraw();
                }
            }
        }
    }

    /** The rest of an escape sequence: CSI parameters up to its final byte. */
    private static String escape(Reader in) throws IOException {
        StringBuilder seq = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            seq.append((char) c);
            if (seq.length() > 1 && c >= 0x40 && c <= 0x7e) {
                break;
            }
        }
        return seq.toString();
    }

    private synchronized void submit() throws IOException {
        String text = input.toString();
        input.setLength(0);
        long now = System.currentTimeMillis();
        boolean wasBusy = now < busyUntil;
        busyUntil = Math.max(busyUntil, now) + busyMillis;
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("pane", pane);
        line.put("text", text);
        line.put("at", now);
        line.put("busy", wasBusy);
        line.put("busy_until", busyUntil);
        append(line);
        submissions++;
        out.print("\r\033[K(you) " + text.lines().findFirst().orElse("") + "\r\n");
        int turn = submissions;
        Thread work = new Thread(() -> work(turn));
        work.setDaemon(true);
        work.start();
        redraw();
    }

    /** The agent at work: a line of output every 100 ms until its busy time is over. */
    private void work(int turn) {
        int step = 0;
        while (System.currentTimeMillis() < busyUntil) {
            synchronized (this) {
                out.print("\r\033[K  working on turn " + turn + " (" + ++step + ")\r\n");
                redraw();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
        synchronized (this) {
            out.print("\r\033[K  done with turn " + turn + "\r\n");
            redraw();
        }
    }

    /** The input line: the prompt and what was typed and pasted, line breaks shown as ⏎. */
    private synchronized void redraw() {
        out.print("\r\033[K" + PROMPT + input.toString().replace("\n", "⏎"));
    }

    /** One line of JSON, by hand: this program runs on its own class only (no libraries), so it starts fast. */
    private static String json(Map<String, Object> entry) {
        StringBuilder json = new StringBuilder("{");
        entry.forEach((key, value) -> {
            json.append(json.length() > 1 ? "," : "").append('"').append(key).append("\":");
            if (value instanceof String text) {
                json.append('"');
                for (char ch : text.toCharArray()) {
                    switch (ch) {
                        case '"' -> json.append("\\\"");
                        case '\\' -> json.append("\\\\");
                        case '\n' -> json.append("\\n");
                        default -> {
                            if (ch < 0x20) {
                                json.append(String.format("\\u%04x", (int) ch));
                            } else {
                                json.append(ch);
                            }
                        }
                    }
                }
                json.append('"');
            } else {
                json.append(value);
            }
        });
        return json.append('}').toString();
    }

    private synchronized void append(Map<String, Object> entry) throws IOException {
        Files.writeString(log, json(entry) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
