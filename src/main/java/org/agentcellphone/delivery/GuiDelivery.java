package org.agentcellphone.delivery;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.agentcellphone.files.Home;
import org.agentcellphone.agents.Coordinates;
import org.agentcellphone.agents.Point;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.model.Envelope;
import org.agentcellphone.model.Json;
import org.agentcellphone.model.MessageType;
import org.agentcellphone.model.Priority;
import org.agentcellphone.metrics.Metrics;
import org.agentcellphone.store.PendingEntry;
import org.agentcellphone.store.Receipts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.agentcellphone.store.DeliveryLedger;

/**
 * The GUI lane's bean: types a message, already in its inbox, into the recipient's chat window, then writes the
 * outcome into its delivery record ({@code gui.status} typed or failed, with why) and its wake receipt (typed is
 * notified, by gui). A failure is retried a few times
 * unless it will not change (no display, no coordinates, off screen); it never touches the inbox copy.
 *
 * <p>Jobs wait in {@code message_queue/gui/} (one file each), so typing a restart interrupted is done after it. Each
 * message is typed under an OS lock on {@code state/gui.lock}: whatever else of ours drives this desktop waits.
 */
public final class GuiDelivery {

    private static final Logger LOG = LoggerFactory.getLogger("cellphone");

    private final Home home;
    private final Roster roster;
    private final InboxFormat format;
    private final DeliveryLedger ledger;
    private final GuiTypist typist;
    private final int attempts;
    private final Duration retryDelay;
    private final Receipts receipts;
    private final Metrics metrics;

    public GuiDelivery(Home home, Roster roster, InboxFormat format, DeliveryLedger ledger, GuiTypist typist,
                       int attempts, Duration retryDelay, Receipts receipts, Metrics metrics) {
        this.receipts = receipts;
        this.metrics = metrics;
        this.home = home;
        this.roster = roster;
        this.format = format;
        this.ledger = ledger;
        this.typist = typist;
        this.attempts = Math.max(1, attempts);
        this.retryDelay = retryDelay;
    }

    /** What is typed: the channel tag and recipient ({@code | URGENT} for urgent), a blank line, the content. */
    public String text(Envelope e) {
        return format.tagOf(e).label() + " " + e.recipient() + (e.message().priority() == Priority.URGENT ? " | URGENT" : "")
                + "\n\n" + e.message().content();
    }

    public void type(PendingEntry job) throws IOException {
        Envelope e;
        try {
            e = Json.MAPPER.readValue(Files.readAllBytes(job.file()), Envelope.class);
        } catch (NoSuchFileException gone) {
            return;
        }
        // read per message: a corrected cursor_agent_coords.json counts from the next message on, no restart
        Coordinates coordinates = Coordinates.load(home.root(), roster);
        Point chat = coordinates.chatInput(e.recipient());
        boolean onboarding = e.message().type() == MessageType.ONBOARDING;
        Point onboardingInput = onboarding ? coordinates.onboardingInput(e.recipient()) : null;

        Map<String, Object> outcome = new LinkedHashMap<>();
        String failure = null;
        int tries = 0;
        long started = System.nanoTime();
        if (chat == null) {
            failure = "no chat_input coordinates for " + e.recipient() + " (config/agents.yaml or "
                    + Coordinates.ORIGINAL_FILE + ")";
        } else if (onboarding && onboardingInput == null) {
            failure = "no onboarding_input coordinates for " + e.recipient() + " (config/agents.yaml or "
                    + Coordinates.ORIGINAL_FILE + ")";
        } else {
            while (tries < attempts) {
                tries++;
                try {
                    started = System.nanoTime();
                    // an onboarding opens its tab once: a retry types into the tab the first attempt opened
                    typeLocked(chat, onboardingInput, text(e), e.message().priority() == Priority.URGENT, tries == 1);
                    failure = null;
                    break;
                } catch (GuiTypist.Failure f) {
                    failure = f.getMessage();
                    if (f.isLasting()) {
                        break;
                    }
                    if (tries < attempts) {
                        LOG.warn("GUI typing of {} for {}: attempt {} failed ({}); trying again", e.id(),
                                e.recipient(), tries, failure);
                        // a desktop too busy to take keys needs longer each time: 1 s, 2 s, 4 s, …
                        sleep(retryDelay.multipliedBy(1L << Math.min(tries - 1, 6)));
                    }
                }
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (failure == null) {
            Point at = onboarding ? onboardingInput : chat;
            outcome.put("status", "typed");
            outcome.put("at", at.toString());
            outcome.put("typed_at", Instant.now().toString());
            outcome.put("attempts", tries);
            outcome.put("millis", millis);
            LOG.info("typed {} into {}'s chat window at {} ({} ms{})", e.id(), e.recipient(), at, millis,
                    onboarding ? ", onboarding in a new tab or window" : "");
        } else {
            outcome.put("status", "failed");
            outcome.put("reason", failure);
            outcome.put("attempts", tries);
            LOG.warn("GUI typing of {} for {} failed: {}; the message is in the inbox", e.id(), e.recipient(), failure);
        }
        // typed is the message's notified receipt, by gui; then the record says so too
        receipts.wake(new Receipts.Wake(e.id(), e.recipient(), "gui", failure == null ? "notified" : "failed",
                Instant.now().toString(), failure, tries, failure == null ? millis : null));
        ledger.guiOutcome(job, outcome);
        if (failure == null) {
            metrics.notified("gui");
        } else {
            metrics.notNotified("gui", "failed");
        }
        Files.deleteIfExists(job.file());
    }

    private void typeLocked(Point chat, Point onboarding, String text, boolean urgent,
                            boolean openNewTab) throws GuiTypist.Failure, IOException {
        try (FileChannel channel = FileChannel.open(home.guard(home.state()).resolve("gui.lock"), LinkOption.NOFOLLOW_LINKS, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            typist.type(chat, onboarding, text, urgent, openNewTab);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
