package org.agentcellphone.delivery;

import java.awt.AWTException;
import java.awt.GraphicsDevice;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.datatransfer.Clipboard;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.StringSelection;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.agentcellphone.agents.Point;

/**
 * Types a message into a chat window with {@code java.awt.Robot} and the system clipboard: move to the
 * input, click, select all and delete, paste, then Enter (Ctrl+Enter for urgent). Onboarding first opens a new tab
 * (Ctrl+T) or window (Ctrl+N) in the focused window, then clicks the onboarding input. The clipboard's text is put
 * back afterwards. Not thread-safe by design: one GUI lane owns it.
 */
public final class GuiTypist {

    /** Why typing could not be done; {@link #isLasting()} failures are not worth retrying. */
    public static final class Failure extends Exception {
        private final boolean lasting;

        public Failure(String message, boolean lasting) {
            super(message);
            this.lasting = lasting;
        }

        public boolean isLasting() {
            return lasting;
        }
    }

    /**
     * The pauses between steps (settings {@code cellphone.gui.*}): after the pointer arrives, after the click, between
     * keys, after the paste, after opening a tab or window.
     */
    public record Delays(Duration move, Duration focus, Duration key, Duration paste, Duration newTab) {
    }


    private final Delays delays;
    private final boolean newWindow;
    private final boolean verify;
    private Robot robot;

    /**
     * {@code newWindow}: onboarding opens a new window (Ctrl+N) rather than a new tab (Ctrl+T). {@code verify}: before
     * sending, the input is copied back (Ctrl+A, Ctrl+C) and must hold exactly the text, else nothing is sent and the
     * attempt fails (keys that reached no window, a paste that came too late or in part).
     */
    public GuiTypist(Delays delays, boolean newWindow, boolean verify) {
        this.delays = delays;
        this.newWindow = newWindow;
        this.verify = verify;
    }

    /**
     * Types {@code text} at {@code chat}; for onboarding ({@code onboarding} not null) at that point, after opening a
     * new tab or window when {@code openNewTab} (a retry does not open another one).
     */
    public void type(Point chat, Point onboarding, String text, boolean urgent, boolean openNewTab) throws Failure {
        Robot r = robot();
        List<Rectangle> screens = screens();
        checkOnScreen(chat, "chat input", screens);
        if (onboarding != null) {
            checkOnScreen(onboarding, "onboarding input", screens);
        }
        Clipboard clipboard = Toolkit.getDefaultToolkit().getSystemClipboard();
        String saved = savedText(clipboard);
        try {
            click(r, chat);
            if (onboarding != null) {
                if (openNewTab) {
                    chord(r, KeyEvent.VK_CONTROL, newWindow ? KeyEvent.VK_N : KeyEvent.VK_T);
                    pause(delays.newTab());
                }
                click(r, onboarding);
            }
            chord(r, KeyEvent.VK_CONTROL, KeyEvent.VK_A);
            chord(r, KeyEvent.VK_DELETE);
            clipboard.setContents(new StringSelection(text), null);
            chord(r, KeyEvent.VK_CONTROL, KeyEvent.VK_V);
            // the window fetches the pasted text from us asynchronously: give it time before anything else happens
            pause(delays.paste());
            if (verify) {
                readBack(r, clipboard, text);
            }
            if (urgent) {
                chord(r, KeyEvent.VK_CONTROL, KeyEvent.VK_ENTER);
            } else {
                chord(r, KeyEvent.VK_ENTER);
            }
            pause(delays.paste());
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new Failure("the desktop refused input: " + e.getMessage(), false);
        } finally {
            restore(clipboard, saved);
        }
    }

    /** Copies the input back and compares: a message is sent only when the input holds all of it. */
    private void readBack(Robot r, Clipboard clipboard, String text) throws Failure {
        // still on the clipboard after the copy: nothing was copied
        String marker = "cellphone read-back " + System.nanoTime();
        clipboard.setContents(new StringSelection(marker), null);
        chord(r, KeyEvent.VK_CONTROL, KeyEvent.VK_A);
        chord(r, KeyEvent.VK_CONTROL, KeyEvent.VK_C);
        String copied = marker;
        // a busy window may take a while to answer the copy; the wait ends as soon as it does
        long deadline = System.nanoTime() + Math.max(2000, delays.paste().toMillis() * 10) * 1_000_000L;
        while (marker.equals(copied) && System.nanoTime() < deadline) {
            pause(Duration.ofMillis(10));
            copied = savedText(clipboard);
        }
        if (marker.equals(copied) || copied == null) {
            throw new Failure("the chat window did not take the keys (it did not have the focus yet); nothing was sent", false);
        }
        if (!normalized(copied).equals(normalized(text))) {
            // the selected, incomplete text goes: the input is left empty, not half-written
            chord(r, KeyEvent.VK_DELETE);
            throw new Failure("the chat input held " + copied.length() + " characters instead of the " + text.length()
                    + " pasted; nothing was sent", false);
        }
    }

    private static String normalized(String text) {
        return text.replace("\r\n", "\n").strip();
    }

    /** The screens' bounds, or a failure when there is no display. */
    public static List<Rectangle> screens() throws Failure {
        if (GraphicsEnvironment.isHeadless()) {
            throw new Failure("no display (DISPLAY is not set or the X server cannot be reached)", true);
        }
        List<Rectangle> bounds = new ArrayList<>();
        try {
            for (GraphicsDevice screen : GraphicsEnvironment.getLocalGraphicsEnvironment().getScreenDevices()) {
                bounds.add(screen.getDefaultConfiguration().getBounds());
            }
        } catch (java.awt.HeadlessException | java.awt.AWTError e) {
            throw new Failure("no display (" + e.getMessage() + ")", true);
        }
        return bounds;
    }

    /** A point outside every screen would be typed into whatever window happens to be nearest: refused instead. */
    static void checkOnScreen(Point p, String what, List<Rectangle> screens) throws Failure {
        for (Rectangle screen : screens) {
            if (screen.contains(p.x(), p.y())) {
                return;
            }
        }
        List<String> shown = screens.stream().map(s -> s.x + "," + s.y + " " + s.width + "x" + s.height).toList();
        throw new Failure(what + " " + p + " from " + p.source() + " is outside every screen (" + String.join("; ", shown)
                + ")", true);
    }

    private Robot robot() throws Failure {
        if (robot == null) {
            screens();
            try {
                robot = new Robot();
            } catch (AWTException | SecurityException e) {
                throw new Failure("cannot control the desktop: " + e.getMessage(), true);
            }
            robot.setAutoDelay(0);
        }
        return robot;
    }

    private void click(Robot r, Point p) {
        r.mouseMove(p.x(), p.y());
        pause(delays.move());
        r.mousePress(InputEvent.BUTTON1_DOWN_MASK);
        r.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
        pause(delays.focus());
    }

    /** Presses the keys in order and releases them in reverse: a modifier chord such as Ctrl+V. */
    private void chord(Robot r, int... keys) {
        for (int key : keys) {
            r.keyPress(key);
        }
        for (int i = keys.length - 1; i >= 0; i--) {
            r.keyRelease(keys[i]);
        }
        pause(delays.key());
    }

    private static String savedText(Clipboard clipboard) {
        try {
            if (clipboard.isDataFlavorAvailable(DataFlavor.stringFlavor)) {
                return (String) clipboard.getData(DataFlavor.stringFlavor);
            }
        } catch (Exception unreadable) {
            // another program holds it in a form we cannot read: nothing of it can be put back
        }
        return null;
    }

    private static void restore(Clipboard clipboard, String saved) {
        try {
            clipboard.setContents(new StringSelection(saved == null ? "" : saved), null);
        } catch (IllegalStateException busy) {
            // the clipboard is momentarily unavailable; the message itself was typed
        }
    }

    private static void pause(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
