package org.agentcellphone.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.agentcellphone.config.Durations;
import org.agentcellphone.metrics.Metrics;
import org.agentcellphone.model.Envelope;
import org.agentcellphone.model.Json;
import org.agentcellphone.model.Priority;
import org.agentcellphone.store.PendingEntry;
import org.agentcellphone.store.Receipts;
import org.agentcellphone.store.Receipts.WakeStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bean of a pane's wake lane: types a message, already in its inbox, into the recipient's tmux pane, at most
 * once. A regular message waits until the pane has been quiet for {@code idle-after} (no longer than
 * {@code max-wait}); an urgent one goes at once. The sequence: the wake record says {@code typing} (fsynced), one
 * bracketed paste of the whole text, a look that it shows in the pane, Enter on its own, a look that the pane took
 * it; then the record says {@code notified}. A crash after {@code typing} leaves the record {@code uncertain} at the
 * next start, and the message is not typed again. A missing pane or server is retried with backoff, then recorded as
 * failed; either way the inbox copy is there.
 *
 * <p>Jobs wait as files in {@code message_queue/wake/}. Each call does one step: it types, finishes, or answers
 * {@link Step#later()} with how long to wait, and the lane puts the job back in line — behind an urgent message that
 * arrived meanwhile.
 */
public final class TmuxWake {

    /** What the lane does next with a job: nothing more, or put it back in line after {@code delayMillis}. */
    public record Step(PendingEntry job, boolean later, long delayMillis) {
        static Step done(PendingEntry job) {
            return new Step(job, false, 0);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger("cellphone");
    /** How long the text may take to show in the pane after the paste, and the pane to change after Enter. */
    private static final Duration PASTE_SHOWS = Duration.ofSeconds(3);
    private static final Duration ENTER_TAKEN = Duration.ofSeconds(2);
    private static final int ENTERS = 3;
    /** A long paste that the program shows folded (Claude Code: "[Pasted text #1 +42 lines]") instead of its lines. */
    private static final String FOLDED_PASTE = "[Pasted text";
    private static final long MAX_BACKOFF_MILLIS = 10_000;

    private final WakePolicy wakes;
    private final Tmux tmux;
    private final Receipts receipts;
    private final InboxFormat format;
    private final Metrics metrics;
    private final Duration idleAfter;
    private final Duration maxWait;
    private final long sampleMillis;
    /** Per job: when the lane first took it, and how often the pane could not be reached. */
    private final Map<Path, Waiting> waiting = new ConcurrentHashMap<>();
    /** Per pane: what it showed when last looked at, and since when it has shown that. */
    private final Map<String, Quiet> panes = new ConcurrentHashMap<>();

    private static final class Waiting {
        final long since = System.currentTimeMillis();
        int unreachable;
    }

    private record Quiet(String screen, long sinceMillis) {
    }

    public TmuxWake(WakePolicy wakes, Tmux tmux, Receipts receipts, InboxFormat format, Metrics metrics,
                    Duration idleAfter, Duration maxWait) {
        this.wakes = wakes;
        this.tmux = tmux;
        this.receipts = receipts;
        this.format = format;
        this.metrics = metrics;
        this.idleAfter = idleAfter;
        this.maxWait = maxWait;
        this.sampleMillis = Math.max(20, Math.min(250, idleAfter.toMillis() / 4));
    }

    /** What is typed: the channel tag, recipient and id ({@code | URGENT} for urgent), a blank line, the content. */
    public String text(Envelope e) {
        return format.tagOf(e).label() + " " + e.recipient() + " | " + e.id()
                + (e.message().priority() == Priority.URGENT ? " | URGENT" : "") + "\n\n" + e.message().content();
    }

    /** The lane's name of a pane: tmux targets hold ':', '.', '%' that endpoint names should not. */
    public static String laneOf(String target) {
        return target.replaceAll("[^A-Za-z0-9_-]", "_") + "-" + Integer.toHexString(target.hashCode());
    }

    public Step wake(PendingEntry job) throws IOException {
        Envelope e;
        try {
            e = Json.MAPPER.readValue(Files.readAllBytes(job.file()), Envelope.class);
        } catch (NoSuchFileException gone) {
            return Step.done(job);
        }
        var earlier = receipts.wakeOf(e.id(), e.recipient());
        if (earlier.isPresent()) {
            if (earlier.get().is(WakeStatus.TYPING)) {
                // a crash came between the paste and its confirmation: it may have been submitted, so never again
                record(e, WakeStatus.UNCERTAIN, "the router stopped while typing it; not typed again (it is in the inbox)",
                        null);
                LOG.warn("waking {} in {}'s pane is uncertain: the router stopped while typing it", e.id(), e.recipient());
            }
            return finished(job);
        }
        String target = wakes.paneOf(e.recipient());
        if (target == null) {
            return failed(job, e, WakePolicy.noPane(e.recipient()));
        }
        Waiting w = waiting.computeIfAbsent(job.file(), k -> new Waiting());
        long waited = System.currentTimeMillis() - w.since;
        boolean urgent = e.message().priority() == Priority.URGENT;
        String screen;
        try {
            screen = tmux.capture(target);
        } catch (Tmux.Failure unreachable) {
            return unreachable(job, e, target, w, waited, unreachable);
        }
        if (!urgent && waited < maxWait.toMillis()) {
            long quietFor = quietFor(target, screen);
            if (quietFor < idleAfter.toMillis()) {
                // the agent is at work: a regular message waits for it to finish (an urgent one would not)
                return new Step(job, true, Math.min(sampleMillis, idleAfter.toMillis() - quietFor));
            }
        }
        type(e, target, screen);
        return finished(job);
    }

    private Step unreachable(PendingEntry job, Envelope e, String target, Waiting w, long waited, Tmux.Failure why)
            throws IOException {
        if (waited >= maxWait.toMillis()) {
            return failed(job, e, "pane " + target + " could not be reached for " + Durations.human(maxWait) + ": "
                    + why.getMessage());
        }
        w.unreachable++;
        long delay = Math.min(MAX_BACKOFF_MILLIS, 250L << Math.min(w.unreachable, 6));
        if (w.unreachable == 1) {
            LOG.warn("cannot reach {}'s pane {} ({}); trying again for up to {}", e.recipient(), target,
                    why.getMessage(), Durations.human(maxWait));
        }
        return new Step(job, true, Math.min(delay, Math.max(1, maxWait.toMillis() - waited)));
    }

    /**
     * How long the pane has shown what it shows now. When it changed since the last look (or this is the first),
     * tmux's clock of the window's last activity (whole seconds) may still tell that it has been quiet a while.
     */
    private long quietFor(String target, String screen) {
        long now = System.currentTimeMillis();
        Quiet last = panes.get(target);
        if (last == null || !last.screen().equals(screen)) {
            long since = now;
            try {
                long activityEnds = (tmux.windowActivity(target) + 1) * 1000;
                if (activityEnds <= now) {
                    since = activityEnds;
                }
            } catch (IOException unknown) {
                // count from now
            }
            last = new Quiet(screen, since);
            panes.put(target, last);
        }
        return now - last.sinceMillis();
    }

    private void type(Envelope e, String target, String before) throws IOException {
        String text = text(e);
        String firstLine = text.substring(0, text.indexOf('\n'));
        long started = System.nanoTime();
        record(e, WakeStatus.TYPING, null, null);
        try {
            tmux.paste(target, "cellphone-" + e.seq(), text);
        } catch (Tmux.Failure refused) {
            // tmux refuses a paste before anything reaches the pane: nothing was typed
            record(e, WakeStatus.FAILED, "the paste into " + target + " was refused: " + refused.getMessage(), null);
            metrics.notNotified("tmux", "failed");
            return;
        }
        try {
            submit(e, target, before, firstLine, started);
        } catch (Tmux.Failure lost) {
            // the text may be in the agent's input already: never typed again
            uncertain(e, target, "pasted into " + target + ", then tmux failed: " + lost.getMessage());
        }
    }

    /** The paste is on its way: see it in the pane, press Enter, see the pane take it. */
    private void submit(Envelope e, String target, String before, String firstLine, long started) throws IOException {
        String pasted = await(target, s -> (s.contains(firstLine) || s.contains(FOLDED_PASTE)) && !s.equals(before),
                PASTE_SHOWS);
        if (pasted == null) {
            uncertain(e, target, "pasted into " + target + " but the text did not show there; Enter was not sent");
            return;
        }
        pasted = settled(target, pasted);
        for (int enter = 1; enter <= ENTERS; enter++) {
            tmux.enter(target);
            final String shown = pasted;
            String after = await(target, s -> !s.equals(shown), ENTER_TAKEN);
            if (after != null) {
                long millis = (System.nanoTime() - started) / 1_000_000;
                record(e, WakeStatus.NOTIFIED, null, millis);
                metrics.notified("tmux");
                panes.put(target, new Quiet(after, System.currentTimeMillis()));
                LOG.info("woke {} in tmux pane {} with {} ({} ms{})", e.recipient(), target, e.id(), millis,
                        enter > 1 ? ", Enter " + enter + " times" : "");
                return;
            }
        }
        uncertain(e, target, "pasted into " + target + " and pressed Enter " + ENTERS
                + " times, but the pane did not change: the agent may not have taken it");
    }

    /** The paste may still be drawing: the screen once two looks in a row agree. */
    private String settled(String target, String screen) throws IOException {
        for (int i = 0; i < 20; i++) {
            sleep(30);
            String again = tmux.capture(target);
            if (again.equals(screen)) {
                return again;
            }
            screen = again;
        }
        return screen;
    }

    /** The pane's screen as soon as it passes {@code test}, or null after {@code within}. */
    private String await(String target, Predicate<String> test, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            String screen = tmux.capture(target);
            if (test.test(screen)) {
                return screen;
            }
            if (System.nanoTime() > deadline) {
                return null;
            }
            sleep(20);
        }
    }

    private void uncertain(Envelope e, String target, String why) throws IOException {
        record(e, WakeStatus.UNCERTAIN, why, null);
        metrics.notNotified("tmux", "uncertain");
        LOG.warn("waking {} for {} is uncertain: {}", e.id(), e.recipient(), why);
    }

    private Step failed(PendingEntry job, Envelope e, String why) throws IOException {
        record(e, WakeStatus.FAILED, why, null);
        metrics.notNotified("tmux", "failed");
        LOG.warn("could not wake {} for {}: {}; the message is in the inbox", e.recipient(), e.id(), why);
        return finished(job);
    }

    private void record(Envelope e, WakeStatus status, String reason, Long millis) throws IOException {
        receipts.wake(new Receipts.Wake(e.id(), e.recipient(), "tmux", status.wire(), Instant.now().toString(), reason,
                null, millis));
    }

    private Step finished(PendingEntry job) throws IOException {
        waiting.remove(job.file());
        Files.deleteIfExists(job.file());
        return Step.done(job);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
