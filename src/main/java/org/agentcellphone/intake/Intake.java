package org.agentcellphone.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.agentcellphone.Home;
import org.agentcellphone.model.Envelope;
import org.agentcellphone.model.Json;
import org.agentcellphone.model.ReasonCode;
import org.agentcellphone.model.Rejection;
import org.agentcellphone.queue.AcceptanceClock;
import org.agentcellphone.queue.DeadLetter;
import org.agentcellphone.queue.DedupeJournal;
import org.agentcellphone.queue.PendingEntry;
import org.agentcellphone.queue.PendingStore;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake route's bean: decides about a drop, dead-letters a rejected one, and turns an accepted one into
 * pending entries — one per recipient, each written durably before its dedupe key is recorded, so a crash at any
 * point either leaves the drop to be read again (same id) or the entry already pending.
 */
public final class Intake {

    /** Header the intake routes set: the agent whose own outbox the drop came from (absent for the shared one). */
    public static final String OWNER = "CellphoneOwner";
    private static final Logger LOG = LoggerFactory.getLogger("cellphone");

    private final Home home;
    private final DropValidator validator;
    private final PendingStore pending;
    private final DedupeJournal dedupe;
    private final DeadLetter deadLetter;
    private final AcceptanceClock clock;
    /** Outboxes are read in parallel: check, write and record of one key must not interleave with another's. */
    private final Object[] keyLocks = new Object[64];

    public Intake(Home home, DropValidator validator, PendingStore pending, DedupeJournal dedupe,
                  DeadLetter deadLetter, AcceptanceClock clock) {
        this.home = home;
        this.validator = validator;
        this.pending = pending;
        this.dedupe = dedupe;
        this.deadLetter = deadLetter;
        this.clock = clock;
        for (int i = 0; i < keyLocks.length; i++) {
            keyLocks[i] = new Object();
        }
    }

    public IntakeDecision decide(@Body byte[] bytes, @Header(Exchange.FILE_NAME_ONLY) String name,
                                 @Header(Exchange.FILE_PARENT) String parent,
                                 @Header(Exchange.FILE_LAST_MODIFIED) Long lastModified, @Header(OWNER) String owner) {
        String folder = home.relative(Path.of(parent));
        String agent = owner == null || owner.isBlank() ? null : owner;
        return validator.decide(new Drop(folder, name, agent, bytes, lastModified == null ? 0 : lastModified));
    }

    public void reject(@Body IntakeDecision decision) throws IOException {
        Drop drop = decision.drop();
        deadLetter.reject(drop.folder(), drop.fileName(), drop.bytes(), decision.rejection());
    }

    /** Writes the pending entries of an accepted message and returns those that are not duplicates. */
    public List<PendingEntry> accept(@Body IntakeDecision decision) throws IOException {
        AcceptedMessage m = decision.message();
        Drop drop = decision.drop();
        String source = drop.folder() + "/" + drop.fileName();
        List<PendingEntry> entries = new ArrayList<>();
        for (String recipient : m.recipients()) {
            String key = recipient + "/" + m.id();
            synchronized (keyLocks[Math.floorMod(key.hashCode(), keyLocks.length)]) {
                if (dedupe.contains(key)) {
                    recordDuplicate(key, source);
                    continue;
                }
                long seq = clock.next();
                String timestamp = AcceptanceClock.toInstant(seq).truncatedTo(ChronoUnit.MILLIS).toString();
                Envelope envelope = new Envelope(m.id(), recipient, m.from(), m.claimedFrom(), m.priority(),
                        m.priorityLabel(), m.type(), m.tags(), m.subject(), m.inReplyTo(), m.mode(), m.content(),
                        timestamp, source, seq);
                entries.add(pending.write(envelope));
                dedupe.add(key);
            }
            LOG.info("accepted {} for {} ({}) from {} via {}", m.id(), recipient, m.priority().wire(), m.from(),
                    source);
        }
        for (String unknown : m.unknownRecipients()) {
            String key = "?" + Sanitize.forFileName(unknown, 64) + "/" + m.id();
            if (dedupe.contains(key)) {
                continue;
            }
            deadLetter.add(m.id() + "_to-" + Sanitize.forFileName(unknown, 40) + ".json",
                    Json.MAPPER.writeValueAsBytes(m),
                    Rejection.of(ReasonCode.UNKNOWN_RECIPIENT, "'" + Sanitize.forDetail(unknown)
                            + "' is not an agent of the roster"), source, m.id());
            dedupe.add(key);
        }
        return entries;
    }

    private void recordDuplicate(String key, String source) throws IOException {
        String line = Instant.now() + " " + key + " " + source + "\n";
        Files.writeString(home.state().resolve("duplicates.log"), line, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        LOG.info("duplicate {} dropped (already accepted within the dedupe window), from {}", key, source);
    }
}
