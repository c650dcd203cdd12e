package org.agentcellphone.router;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.agentcellphone.Home;
import org.agentcellphone.Settings;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.delivery.Delivery;
import org.agentcellphone.delivery.DeliveryLedger;
import org.agentcellphone.delivery.InboxFormat;
import org.agentcellphone.delivery.InboxWriter;
import org.agentcellphone.intake.DropValidator;
import org.agentcellphone.intake.Intake;
import org.agentcellphone.intake.SettleFilter;
import org.agentcellphone.queue.AcceptanceClock;
import org.agentcellphone.queue.DeadLetter;
import org.agentcellphone.queue.DedupeJournal;
import org.agentcellphone.queue.DeliveryOrder;
import org.agentcellphone.queue.IntakeBatch;
import org.agentcellphone.queue.PendingEntry;
import org.agentcellphone.queue.PendingStore;
import org.agentcellphone.queue.Recovery;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.seda.PriorityBlockingQueueFactory;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the router: the beans the YAML routes call, one intake route and one delivery lane per roster agent,
 * recovery before the routes start. Flow lives in {@code routes/*.yaml}; this class only wires.
 */
public final class Router {

    private static final Logger LOG = LoggerFactory.getLogger("cellphone");

    private final Home home;
    private final Settings settings;
    private final Roster roster;
    private final Main main = new Main();
    private final PendingStore pending;
    private final DedupeJournal dedupe;
    private final Recovery recovery;

    public Router(Home home, Settings settings, Roster roster) throws IOException {
        this.home = home;
        this.settings = settings;
        this.roster = roster;
        home.ensureLayout(roster);

        AcceptanceClock clock = new AcceptanceClock();
        long maxBytes = settings.number("cellphone.max-message-bytes");
        DropValidator validator = new DropValidator(roster, settings.text("cellphone.default-sender"), maxBytes);
        pending = new PendingStore(home.pending());
        dedupe = new DedupeJournal(home.state().resolve("dedupe.journal"), settings.duration("cellphone.dedupe.window"));
        DeadLetter deadLetter = new DeadLetter(home.failed(), clock);
        DeliveryLedger ledger = new DeliveryLedger(home.delivered());
        Delivery delivery = new Delivery(home, pending, new InboxWriter(home, new InboxFormat(roster)), ledger, deadLetter);
        recovery = new Recovery(home, roster, pending, ledger, delivery, dedupe, clock);

        PriorityBlockingQueueFactory<Exchange> lanes = new PriorityBlockingQueueFactory<>();
        lanes.setComparator(new DeliveryOrder());

        main.setOverrideProperties(settings.forCamel());
        main.configure().withRoutesIncludePattern(routesPattern());
        main.bind("intake", new Intake(home, validator, pending, deadLetter, clock,
                new IntakeBatch(home.pending(), dedupe, (int) settings.number("cellphone.intake.batch"))));
        main.bind("settleFilter", new SettleFilter(settings.duration("cellphone.intake.settle").toMillis(), maxBytes));
        main.bind("delivery", delivery);
        main.bind("retryLog", (Processor) delivery::retrying);
        main.bind("deliveryQueues", lanes);
        // drops read but not yet deleted (their batch is not yet durable) are not read again
        main.bind("intakeSeen", MemoryIdempotentRepository.memoryIdempotentRepository(200_000));
        main.addMainListener(new Wiring());
    }

    /** The home's own routes when it has any, else the shipped ones. */
    private String routesPattern() throws IOException {
        Path custom = home.root().resolve("routes");
        if (Files.isDirectory(custom)) {
            try (var yaml = Files.newDirectoryStream(custom, "*.yaml")) {
                if (yaml.iterator().hasNext()) {
                    return "file:" + custom + "/*.yaml";
                }
            }
        }
        return "classpath:routes/*.yaml";
    }

    /** Runs in the foreground until Ctrl-C / SIGTERM. */
    public void run() throws Exception {
        main.run();
    }

    /** Starts without blocking; {@link #stop()} ends it. */
    public void start() throws Exception {
        main.start();
    }

    public void stop() throws Exception {
        main.stop();
        dedupe.stop();
    }

    private final class Wiring extends MainListenerSupport {

        private List<PendingEntry> recovered = List.of();

        @Override
        public void afterConfigure(BaseMainSupport support) {
            CamelContext camel = support.getCamelContext();
            try {
                dedupe.start();
                recovered = recovery.run();
                for (String agent : roster.ids()) {
                    TemplatedRouteBuilder.builder(camel, "agent-outbox").routeId("outbox-" + agent)
                            .parameter("agent", agent).add();
                    TemplatedRouteBuilder.builder(camel, "delivery-lane").routeId("lane-" + agent)
                            .parameter("agent", agent).add();
                }
            } catch (Exception e) {
                throw new IllegalStateException("cannot prepare the router: " + e.getMessage(), e);
            }
        }

        @Override
        public void afterStart(BaseMainSupport support) {
            ProducerTemplate producer = support.getCamelContext().createProducerTemplate();
            for (PendingEntry entry : recovered) {
                producer.sendBody("seda:deliver-" + entry.recipient() + "?queueFactory=#deliveryQueues", entry);
            }
            recovered = List.of();
            LOG.info("router running on {} for {} agents (captain {})", home.root(), roster.ids().size(),
                    roster.captain());
        }
    }
}
