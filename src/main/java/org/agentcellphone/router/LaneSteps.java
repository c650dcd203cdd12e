package org.agentcellphone.router;

import java.io.IOException;
import java.util.List;
import org.agentcellphone.delivery.Delivery;
import org.agentcellphone.delivery.WakeJob;
import org.agentcellphone.delivery.WakeMethod;
import org.agentcellphone.delivery.DeliveryAttempt;
import org.agentcellphone.store.PendingEntry;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;

/**
 * The delivery lanes' steps as the routes call them: the one place that reads and writes the exchange properties
 * of a delivery ({@code CellphoneAttempt}, {@code CellphoneGuiJob}), around the Camel-free {@link Delivery}.
 */
public final class LaneSteps {

    /** The entry's {@link DeliveryAttempt}; kept as a property because a redelivery resets the message, not these. */
    static final String ATTEMPT = "CellphoneAttempt";
    /** Set when the message is in GUI mode: its job, for the GUI lane to type (routes/delivery.yaml). */
    static final String GUI_JOB = "CellphoneGuiJob";
    /** Set when the recipient is woken in tmux: its job, and the lane of its pane. */
    static final String WAKE_JOB = "CellphoneWakeJob";
    static final String WAKE_LANE = "CellphoneWakeLane";

    private final Delivery delivery;

    LaneSteps(Delivery delivery) {
        this.delivery = delivery;
    }

    public void deliver(Exchange exchange) throws IOException, InvalidPayloadException {
        WakeJob job = delivery.deliver(exchange.getMessage().getMandatoryBody(PendingEntry.class), attempt(exchange));
        if (job == null) {
            return;
        }
        if (job.method() == WakeMethod.GUI) {
            exchange.setProperty(GUI_JOB, job.job());
        } else {
            exchange.setProperty(WAKE_JOB, job.job());
            exchange.setProperty(WAKE_LANE, job.lane());
        }
    }

    public PendingEntry deadLetter(Exchange exchange) throws IOException, InvalidPayloadException {
        return delivery.deadLetter(exchange.getMessage().getMandatoryBody(PendingEntry.class), attempt(exchange),
                exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
    }

    public void retrying(Exchange exchange) {
        Throwable error = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        delivery.retrying(exchange.getMessage().getBody(PendingEntry.class), attempt(exchange).number(), error);
    }

    public List<PendingEntry> takeUpStalled() {
        return delivery.takeUpStalled();
    }

    private static DeliveryAttempt attempt(Exchange exchange) {
        DeliveryAttempt attempt = exchange.getProperty(ATTEMPT, DeliveryAttempt.class);
        if (attempt == null) {
            attempt = new DeliveryAttempt();
            exchange.setProperty(ATTEMPT, attempt);
        }
        return attempt;
    }
}
