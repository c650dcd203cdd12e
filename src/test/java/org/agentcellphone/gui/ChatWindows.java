package org.agentcellphone.gui;

import java.awt.BorderLayout;
import java.awt.Toolkit;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.StringSelection;
import java.awt.event.KeyAdapter;
import java.awt.event.KeyEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.swing.JFrame;
import javax.swing.JTextArea;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import org.agentcellphone.model.Json;

/**
 * Stand-in chat windows for the GUI tests, run as their own process on the virtual display: one undecorated window
 * per agent, an onboarding input at the top and a chat input below. Every Enter, Ctrl+Enter, Ctrl+T and Ctrl+N is
 * written as a JSON line to {@code <out>/<agent>.events} with the input's text at that moment (then the input is
 * emptied, as a chat window does when a message is sent).
 *
 * <p>It owns the clipboard at start ({@link #USER_CLIPBOARD}); a file {@code <out>/dump-clipboard} makes it write the
 * clipboard's text to {@code <out>/clipboard.txt}.
 *
 * <p>Arguments: {@code <out> <agent>,<x>,<y>,<width>,<height> …}.
 */
public final class ChatWindows {

    public static final String USER_CLIPBOARD = "the user's own clipboard text ✂";
    public static final int ONBOARDING_HEIGHT = 80;

    private ChatWindows() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        SwingUtilities.invokeAndWait(() -> {
            for (int i = 1; i < args.length; i++) {
                String[] spec = args[i].split(",");
                open(out, spec[0], Integer.parseInt(spec[1]), Integer.parseInt(spec[2]), Integer.parseInt(spec[3]),
                        Integer.parseInt(spec[4]));
            }
            Toolkit.getDefaultToolkit().getSystemClipboard().setContents(new StringSelection(USER_CLIPBOARD), null);
            new Timer(100, e -> dumpClipboardWhenAsked(out)).start();
        });
        Thread.sleep(500);
        Files.writeString(out.resolve("ready"), "ready");
    }

    private static void open(Path out, String agent, int x, int y, int width, int height) {
        JFrame frame = new JFrame(agent);
        frame.setUndecorated(true);
        frame.setBounds(x, y, width, height);
        JTextArea onboarding = new JTextArea();
        onboarding.setRows(3);
        JTextArea chat = new JTextArea();
        onboarding.addKeyListener(new Recorder(out, agent, "onboarding", onboarding));
        chat.addKeyListener(new Recorder(out, agent, "chat", chat));
        frame.getContentPane().setLayout(new BorderLayout(0, 4));
        onboarding.setPreferredSize(new java.awt.Dimension(width, ONBOARDING_HEIGHT));
        frame.getContentPane().add(onboarding, BorderLayout.NORTH);
        frame.getContentPane().add(chat, BorderLayout.CENTER);
        frame.setVisible(true);
    }

    private static void dumpClipboardWhenAsked(Path out) {
        Path request = out.resolve("dump-clipboard");
        if (!Files.exists(request)) {
            return;
        }
        try {
            Object text = Toolkit.getDefaultToolkit().getSystemClipboard().getData(DataFlavor.stringFlavor);
            Files.writeString(out.resolve("clipboard.txt.tmp"), String.valueOf(text), StandardCharsets.UTF_8);
            Files.move(out.resolve("clipboard.txt.tmp"), out.resolve("clipboard.txt"));
            Files.delete(request);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the keys a chat window reacts to, and what the input held when they came. */
    private static final class Recorder extends KeyAdapter {
        private final Path file;
        private final String input;
        private final JTextArea area;

        Recorder(Path out, String agent, String input, JTextArea area) {
            this.file = out.resolve(agent + ".events");
            this.input = input;
            this.area = area;
        }

        @Override
        public void keyPressed(KeyEvent e) {
            String key = null;
            if (e.getKeyCode() == KeyEvent.VK_ENTER) {
                key = e.isControlDown() ? "ctrl+enter" : "enter";
            } else if (e.isControlDown() && e.getKeyCode() == KeyEvent.VK_T) {
                key = "ctrl+t";
            } else if (e.isControlDown() && e.getKeyCode() == KeyEvent.VK_N) {
                key = "ctrl+n";
            }
            if (key == null) {
                return;
            }
            e.consume();
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("key", key);
            event.put("input", input);
            event.put("text", area.getText());
            if (key.endsWith("enter")) {
                area.setText("");
            }
            try {
                Files.writeString(file, Json.compact(event) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
        }
    }
}
