package org.agentcellphone.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.agentcellphone.model.ReasonCode;
import java.util.function.Supplier;

/**
 * The router's own meters, in Prometheus terms: {@code cellphone_accepted_total},
 * {@code cellphone_delivered_total}, {@code cellphone_duplicates_total}, {@code cellphone_retries_total},
 * {@code cellphone_dead_lettered_total{code}}, {@code cellphone_pending{priority}} and the histogram
 * {@code cellphone_delivery_latency_seconds} (drop written to inbox file durable).
 */
public final class Metrics {

    /** Histogram bucket bounds: from a quick delivery to a message that waited out several retries. */
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
        Duration.ofMinutes(30)};

    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter delivered;
    private final Counter duplicates;
    private final Counter retries;
    private final Timer latency;

    public Metrics(MeterRegistry registry) {
        this.registry = registry;
        accepted = Counter.builder("cellphone.accepted").description("entries accepted (one per recipient)")
                .register(registry);
        delivered = Counter.builder("cellphone.delivered").description("entries delivered to an inbox")
                .register(registry);
        duplicates = Counter.builder("cellphone.duplicates").description("entries dropped as duplicates")
                .register(registry);
        retries = Counter.builder("cellphone.retries").description("delivery attempts retried").register(registry);
        latency = Timer.builder("cellphone.delivery.latency").description("from the drop to the durable inbox file")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
        for (ReasonCode code : ReasonCode.values()) {
            deadLetterCounter(code);
        }
    }

    /** Meters that go nowhere: for the command line, and for a router with the metrics endpoint off. */
    public static Metrics none() {
        return new Metrics(new SimpleMeterRegistry());
    }

    /** The pending gauges read these counts whenever they are scraped. */
    public void watchPending(Supplier<Number> urgent, Supplier<Number> regular) {
        Gauge.builder("cellphone.pending", urgent).tag("priority", "urgent")
                .description("entries waiting for delivery").register(registry);
        Gauge.builder("cellphone.pending", regular).tag("priority", "regular")
                .description("entries waiting for delivery").register(registry);
    }

    public void accepted() {
        accepted.increment();
    }

    public void duplicate() {
        duplicates.increment();
    }

    public void retry() {
        retries.increment();
    }

    /** {@code sinceDrop} may be null: the drop time is unknown. */
    public void delivered(Duration sinceDrop) {
        delivered.increment();
        if (sinceDrop != null && !sinceDrop.isNegative()) {
            latency.record(sinceDrop);
        }
    }

    /** The recipient was woken: {@code by} tmux or gui. */
    public void notified(String by) {
        Counter.builder("cellphone.notified").tag("by", by).description("messages typed into the recipient's session")
                .register(registry).increment();
    }

    /** Waking failed, or a crash left it uncertain; the inbox copy is there all the same. */
    public void notNotified(String by, String status) {
        Counter.builder("cellphone.wake.unconfirmed").tag("by", by).tag("status", status)
                .description("messages whose waking failed or is uncertain").register(registry).increment();
    }

    public void read() {
        Counter.builder("cellphone.read").description("messages marked read by their recipient").register(registry)
                .increment();
    }

    public void acked() {
        Counter.builder("cellphone.acked").description("messages acknowledged by their recipient").register(registry)
                .increment();
    }

    /** Messages that asked for an acknowledgement, delivered and not yet acknowledged. */
    public void watchAwaitingAck(Supplier<Number> count) {
        Gauge.builder("cellphone.awaiting.ack", count).description("delivered messages waiting for an acknowledgement")
                .register(registry);
    }

    public void deadLettered(ReasonCode code) {
        deadLetterCounter(code).increment();
    }

    private Counter deadLetterCounter(ReasonCode code) {
        return Counter.builder("cellphone.dead.lettered").tag("code", code.code())
                .description("entries and drops moved to the dead letter").register(registry);
    }
}
