package org.agentcellphone.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.agentcellphone.files.Home;
import org.agentcellphone.operations.Tracking;
import org.agentcellphone.store.DeadLetter;
import org.agentcellphone.store.DeliveryLedger;
import org.agentcellphone.store.PostgresStore;

/**
 * {@code send --wait}: polls the delivery records and the dead letter until every recipient has an outcome. A
 * failure is this message's when its reason, written since it was sent, names this id (for one of these
 * recipients) or the very drop written.
 */
final class DeliveryWait {

    private final Home home;
    private final String messageId;
    private final String dropName;
    private final List<String> recipients;
    private final Set<String> readReasons = new HashSet<>();
    private final Instant sentAt = Instant.now().minusSeconds(1);
    private final Tracking.State wanted;
    private final Tracking tracking;

    private final PostgresStore shared;
    private long sharedAskedAt;

    /** {@code shared}: with several hosts, the shared store, whose dead letter a delivery's failure is in. */
    DeliveryWait(Home home, String messageId, String dropName, List<String> recipients, Tracking.State wanted,
                 PostgresStore shared) {
        this.shared = shared;
        this.home = home;
        this.wanted = wanted;
        this.tracking = new Tracking(home);
        this.messageId = messageId;
        this.dropName = dropName;
        this.recipients = recipients;
    }

    ExitCode await(int seconds, PrintWriter out) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (true) {
            int delivered = 0;
            int reached = 0;
            for (String recipient : recipients) {
                if (Files.exists(home.delivered().resolve(DeliveryLedger.recordName(messageId, recipient)),
                        LinkOption.NOFOLLOW_LINKS)) {
                    delivered++;
                    if (wanted == Tracking.State.DELIVERED || beyondDelivery(recipient)) {
                        reached++;
                    }
                }
            }
            if (reached == recipients.size()) {
                String who = String.join(", ", recipients);
                out.println(switch (wanted) {
                    case DELIVERED -> "delivered to " + who;
                    case NOTIFIED -> "notified " + who;
                    default -> wanted.wire() + " by " + who;
                });
                return ExitCode.OK;
            }
            Optional<DeadLetter.Reason> failed = failure();
            if (failed.isPresent()) {
                throw new CliException(ExitCode.DELIVERY_FAILED, "message " + messageId + " failed: "
                        + failed.get().detail());
            }
            if (System.nanoTime() > deadline) {
                throw new CliException(ExitCode.TIMEOUT, "message " + messageId + " not " + wanted.wire() + " within "
                        + seconds + " s (" + delivered + " of " + recipients.size() + " delivered, " + reached + " "
                        + wanted.wire() + (delivered < recipients.size() ? "; is the router running?)" : ")"));
            }
            Thread.sleep(50);
        }
    }

    /**
     * Whether this delivered recipient reached the state waited for. Waiting for notified ends with exit 1 when the
     * recipient is not woken at all, or its waking failed or is uncertain: it would never come.
     */
    private boolean beyondDelivery(String recipient) throws IOException {
        Optional<Tracking.RecipientState> state = tracking.trackFor(messageId, recipient);
        if (state.isEmpty()) {
            return false;
        }
        Tracking.RecipientState s = state.get();
        if (s.state().reached(wanted)) {
            return true;
        }
        if (wanted == Tracking.State.NOTIFIED && s.notifiedAt() == null && s.wake() != null
                && !s.wake().equals("typing")) {
            throw new CliException(ExitCode.DELIVERY_FAILED, "message " + messageId + " is in " + recipient
                    + "'s inbox but was not notified (" + s.wake() + (s.wakeReason() == null ? "" : ": " + s.wakeReason())
                    + ")");
        }
        return false;
    }

    /** Reads the reasons not read yet; each is read once, as a reason file is written before its entry. */
    private Optional<DeadLetter.Reason> failure() throws IOException {
        if (shared != null && System.nanoTime() - sharedAskedAt > 1_000_000_000L) {
            // the shared store's dead letter, asked once a second
            sharedAskedAt = System.nanoTime();
            for (PostgresStore.Row row : shared.rowsOf(messageId)) {
                if (row.state().equals("dead") && recipients.contains(row.recipient())) {
                    return Optional.of(new DeadLetter.Reason(row.reasonCode(), row.reasonDetail() + " (for "
                            + row.recipient() + ")", null, 0, row.failedAt(), messageId, row.recipient(), null));
                }
            }
        }
        try (var reasons = Files.newDirectoryStream(home.failed(), "*" + DeadLetter.REASON_SUFFIX)) {
            for (Path file : reasons) {
                if (!readReasons.add(file.getFileName().toString())) {
                    continue;
                }
                Optional<DeadLetter.Reason> reason = DeadLetter.Reason.read(file);
                if (reason.isPresent() && isOurs(reason.get())) {
                    return reason;
                }
            }
        } catch (NoSuchFileException noDeadLetterYet) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private boolean failedBefore(String failedAt) {
        try {
            return Instant.parse(failedAt).isBefore(sentAt);
        } catch (DateTimeParseException unreadable) {
            return false;
        }
    }

    private boolean isOurs(DeadLetter.Reason reason) {
        if (reason.failedAt() != null && failedBefore(reason.failedAt())) {
            // an earlier message with this id, failed before this one was sent
            return false;
        }
        if (dropName.equals(reason.drop())) {
            return true;
        }
        return messageId.equals(reason.id()) && (reason.recipient() == null || recipients.contains(reason.recipient()));
    }
}
