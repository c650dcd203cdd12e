package org.agentcellphone.delivery;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.agentcellphone.Home;
import org.agentcellphone.model.Envelope;
import org.agentcellphone.model.ReasonCode;
import org.agentcellphone.model.Rejection;
import org.agentcellphone.queue.DeadLetter;
import org.agentcellphone.queue.PendingEntry;
import org.agentcellphone.queue.PendingStore;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one pending entry: inbox file (durable), then the record, then the pending file goes. Each step is
 * safe to repeat after a crash; recovery finishes whatever a crash interrupted.
 */
public final class Delivery {

    /** Set once the inbox file exists, so a redelivery after a failed record step does not write it twice. */
    public static final String INBOX_FILE = "CellphoneInboxFile";
    /** Attempts so far, kept as an exchange property: redelivery resets the message, not the properties. */
    public static final String ATTEMPTS = "CellphoneAttempts";
    private static final Logger LOG = LoggerFactory.getLogger("cellphone");

    private final Home home;
    private final PendingStore pending;
    private final InboxWriter inbox;
    private final DeliveryLedger ledger;
    private final DeadLetter deadLetter;

    public Delivery(Home home, PendingStore pending, InboxWriter inbox, DeliveryLedger ledger, DeadLetter deadLetter) {
        this.home = home;
        this.pending = pending;
        this.inbox = inbox;
        this.ledger = ledger;
        this.deadLetter = deadLetter;
    }

    public void deliver(Exchange exchange) throws IOException, InvalidPayloadException {
        PendingEntry entry = exchange.getMessage().getMandatoryBody(PendingEntry.class);
        int attempts = exchange.getProperty(ATTEMPTS, 0, Integer.class) + 1;
        exchange.setProperty(ATTEMPTS, attempts);
        Envelope envelope = pending.read(entry);
        if (envelope == null) {
            LOG.info("skipped {} for {}: its pending entry is gone", entry.id(), entry.recipient());
            return;
        }
        Path written = exchange.getProperty(INBOX_FILE, Path.class);
        if (written == null) {
            written = inbox.write(envelope);
            exchange.setProperty(INBOX_FILE, written);
        }
        Instant now = Instant.now();
        ledger.record(envelope, written, attempts, now, home.relative(written));
        pending.remove(entry);
        LOG.info("delivered {} to {} ({}, attempt {}) as {}", envelope.id(), envelope.recipient(),
                envelope.priority().wire(), attempts, written.getFileName());
    }

    /** Attempts exhausted: the entry goes to the dead letter as delivery-failed, with its last error. */
    public void deadLetter(Exchange exchange) throws IOException, InvalidPayloadException {
        PendingEntry entry = exchange.getMessage().getMandatoryBody(PendingEntry.class);
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        int attempts = exchange.getProperty(ATTEMPTS, 1, Integer.class);
        if (exchange.getProperty(INBOX_FILE) != null) {
            // the inbox copy exists: only the bookkeeping failed, so the message is delivered, not dead
            LOG.error("delivered {} to {} but could not record it: {}", entry.id(), entry.recipient(), describe(error));
            return;
        }
        deadLetter.movePending(entry, Rejection.of(ReasonCode.DELIVERY_FAILED, describe(error)), attempts);
    }

    /** Logs each retry with the message id (Camel's own retry log knows only exchange ids). */
    public void retrying(Exchange exchange) {
        PendingEntry entry = exchange.getMessage().getBody(PendingEntry.class);
        Throwable error = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        int attempt = exchange.getProperty(ATTEMPTS, 1, Integer.class);
        LOG.warn("retrying {} for {}: attempt {} failed ({})", entry == null ? "?" : entry.id(),
                entry == null ? "?" : entry.recipient(), attempt, describe(error));
    }

    static String describe(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Finishes a delivery a crash interrupted after the inbox file was written. */
    public void complete(PendingEntry entry, Path inboxFile) throws IOException {
        Envelope envelope = pending.read(entry);
        if (envelope != null) {
            ledger.record(envelope, inboxFile, 1, Instant.now(), home.relative(inboxFile));
        }
        pending.remove(entry);
        LOG.info("recovered delivery of {} to {}: already in the inbox as {}", entry.id(), entry.recipient(),
                inboxFile.getFileName());
    }
}
