package org.agentcellphone.router;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.WatchService;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.agentcellphone.files.Home;
import org.agentcellphone.metrics.Metrics;
import org.agentcellphone.config.Settings;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.delivery.Delivery;
import org.agentcellphone.store.DeliveryLedger;
import org.agentcellphone.delivery.GuiDelivery;
import org.agentcellphone.delivery.GuiTypist;
import org.agentcellphone.delivery.InboxFormat;
import org.agentcellphone.delivery.InboxWriter;
import org.agentcellphone.intake.DropValidator;
import org.agentcellphone.intake.Intake;
import org.agentcellphone.intake.Outbox;
import org.agentcellphone.intake.Outboxes;
import org.agentcellphone.model.AcceptanceClock;
import org.agentcellphone.store.Backlog;
import org.agentcellphone.store.CaptainLast;
import org.agentcellphone.store.DeadLetter;
import org.agentcellphone.store.DedupeJournal;
import org.agentcellphone.store.FileStore;
import org.agentcellphone.store.HandedBack;
import org.agentcellphone.store.IntakeBatch;
import org.agentcellphone.store.PendingEntry;
import org.agentcellphone.store.PendingStore;
import org.agentcellphone.operations.Retention;
import org.agentcellphone.store.Stalled;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.seda.PriorityBlockingQueueFactory;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.component.micrometer.MicrometerConstants;
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
    private final Stalled stalled;
    private final Recovery recovery;
    private final Backlog backlog;
    private final Outboxes outboxes;
    private final boolean httpServed;

    public Router(Home home, Settings settings, Roster roster) throws IOException {
        this.home = home;
        this.settings = settings;
        this.roster = roster;
        home.ensureLayout(roster.ids());

        AcceptanceClock clock = new AcceptanceClock();
        long maxBytes = settings.number("cellphone.max-message-bytes");
        String defaultMode = DropValidator.mode(settings.text("cellphone.delivery.mode"));
        if (defaultMode == null) {
            throw new IllegalStateException("setting cellphone.delivery.mode must be inbox or gui, not '"
                    + settings.text("cellphone.delivery.mode") + "'");
        }
        DropValidator validator = new DropValidator(roster, settings.text("cellphone.default-sender"), maxBytes,
                defaultMode);
        pending = new PendingStore(home);
        dedupe = new DedupeJournal(home.state().resolve("dedupe.journal"), settings.duration("cellphone.dedupe.window"));
        backlog = new Backlog(settings.number("cellphone.queue.max-size"));
        httpServed = settings.flag("cellphone.http.enabled") && httpPortFree(settings);
        Metrics metrics = new Metrics(meterRegistry());
        metrics.watchPending(backlog::urgent, backlog::regular);
        DeadLetter deadLetter = new DeadLetter(home, clock, metrics);
        DeliveryLedger ledger = new DeliveryLedger(home);
        InboxFormat format = new InboxFormat(roster);
        stalled = new Stalled();
        FileStore store = new FileStore(home, deadLetter, dedupe, clock);
        Delivery delivery = new Delivery(home, store, new InboxWriter(home, format), ledger,
                deadLetter, backlog, stalled, metrics);
        GuiDelivery guiDelivery = new GuiDelivery(home, roster, format, ledger, new GuiTypist(new GuiTypist.Delays(
                settings.duration("cellphone.gui.move-delay"), settings.duration("cellphone.gui.focus-delay"),
                settings.duration("cellphone.gui.key-delay"), settings.duration("cellphone.gui.paste-delay"),
                settings.duration("cellphone.gui.new-tab-delay")), onboardingOpensWindow(settings),
                settings.flag("cellphone.gui.verify")),
                (int) settings.number("cellphone.gui.attempts"), settings.duration("cellphone.gui.retry-delay"));
        recovery = new Recovery(home, roster, pending, ledger, delivery, dedupe, clock, deadLetter);
        long settle = settings.duration("cellphone.intake.settle").toMillis();
        int batch = (int) settings.number("cellphone.intake.batch");
        WatchService arrivals = FileSystems.getDefault().newWatchService();
        outboxes = new Outboxes(arrivals);
        outboxes.add(new Outbox(home, home.outbox(), null, settle, maxBytes, batch, arrivals, backlog))
                .add(new Outbox(home, home.urgentOutbox(), null, settle, maxBytes, batch, arrivals, backlog));
        for (String agent : roster.ids()) {
            outboxes.add(new Outbox(home, home.agentOutbox(agent), agent, settle, maxBytes, batch, arrivals,
                    backlog));
        }

        PriorityBlockingQueueFactory<Exchange> lanes = new PriorityBlockingQueueFactory<>();
        lanes.setComparator(new LaneOrder());

        Properties camel = settings.forCamel();
        if (!httpServed) {
            camel.setProperty("camel.management.enabled", "false");
            camel.setProperty("camel.metrics.enabled", "false");
        }
        main.setOverrideProperties(camel);
        main.configure().withRoutesIncludePattern(routesPattern());
        if (settings.flag("cellphone.routes.reload")) {
            // edits under <home>/routes/ take effect while the router runs; a broken edit leaves the old routes
            main.configure().withRoutesReloadEnabled(true)
                    .withRoutesReloadDirectory(home.routes().toString())
                    .withRoutesReloadPattern("*.yaml")
                    .withRoutesReloadRemoveAllRoutes(false);
        }
        main.bind("intake", new Intake(home, validator, pending, deadLetter, clock,
                new IntakeBatch(home, dedupe, batch), backlog, outboxes, metrics));
        main.bind("outboxes", outboxes);
        main.bind("captainLast", new CaptainLast(roster.captain()));
        main.bind("delivery", delivery);
        main.bind("guiDelivery", guiDelivery);
        main.bind("retryLog", (Processor) delivery::retrying);
        main.bind("deliveryQueues", lanes);
        main.bind("handedBack", new HandedBack(pending, home.requeue(), backlog, roster, deadLetter));
        main.bind("retention", new Retention(store, home.delivered(), dedupe,
                settings.duration("cellphone.queue.max-age"), settings.duration("cellphone.audit.retention")));
        main.addMainListener(new Wiring());
    }

    /**
     * Whether the health and metrics address can be bound. A second router on one machine (another home) would
     * otherwise start without it amid a stack trace; it runs without it, and says so in one line.
     */
    private static boolean httpPortFree(Settings settings) {
        String host = settings.text("cellphone.http.host");
        long port = settings.number("cellphone.http.port");
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, (int) port));
            return true;
        } catch (IOException e) {
            LOG.warn("health and metrics are off: cannot listen on {}:{} ({}); set cellphone.http.port to a free port",
                    host, port, e.getMessage());
            return false;
        }
    }

    private static boolean onboardingOpensWindow(Settings settings) {
        return switch (settings.text("cellphone.gui.onboarding-opens").toLowerCase(java.util.Locale.ROOT)) {
            case "tab" -> false;
            case "window" -> true;
            default -> throw new IllegalStateException("setting cellphone.gui.onboarding-opens must be tab or window");
        };
    }

    /**
     * Where the router's meters go: a Prometheus registry that Camel's metrics endpoint serves (Camel adopts the
     * registry bound under its name), or nowhere when the HTTP server is off.
     */
    private MeterRegistry meterRegistry() {
        if (!httpServed) {
            return new SimpleMeterRegistry();
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        main.bind(MicrometerConstants.METRICS_REGISTRY_NAME, registry);
        return registry;
    }

    /** The home's own routes when it has any, else the shipped ones. */
    private String routesPattern() throws IOException {
        Path custom = home.routes();
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

    /** Pending entries delivered or failed but not finished (record or dead letter refused), waiting to be retried. */
    public int stalled() {
        return stalled.size();
    }

    public void stop() throws Exception {
        main.stop();
        dedupe.stop();
        outboxes.close();
    }

    private final class Wiring extends MainListenerSupport {

        private List<PendingEntry> recovered = List.of();
        private List<PendingEntry> guiJobs = List.of();

        @Override
        public void afterConfigure(BaseMainSupport support) {
            CamelContext camel = support.getCamelContext();
            try {
                dedupe.start();
                recovered = recovery.run();
                guiJobs = recovery.guiJobs();
                outbox(camel, "shared-outbox", "shared", home.outbox());
                outbox(camel, "shared-outbox-urgent", "shared-urgent", home.urgentOutbox());
                for (String agent : roster.ids()) {
                    outbox(camel, "outbox-" + agent, agent, home.agentOutbox(agent));
                    TemplatedRouteBuilder.builder(camel, "delivery-lane").routeId("lane-" + agent)
                            .parameter("agent", agent).add();
                }
            } catch (Exception e) {
                throw new IllegalStateException("cannot prepare the router: " + e.getMessage(), e);
            }
        }

        private void outbox(CamelContext camel, String routeId, String name, Path folder) {
            TemplatedRouteBuilder.builder(camel, "outbox").routeId(routeId).parameter("name", name)
                    .parameter("folder", home.relative(folder)).add();
        }

        @Override
        public void afterStart(BaseMainSupport support) {
            ProducerTemplate producer = support.getCamelContext().createProducerTemplate();
            recovered.forEach(entry -> backlog.added(entry.priority()));
            // through the same door as new entries: the captain's copy of a broadcast still goes last
            producer.sendBody("direct:enqueue", recovered);
            recovered = List.of();
            for (PendingEntry job : guiJobs) {
                producer.sendBody("seda:gui?queueFactory=#deliveryQueues", job);
            }
            guiJobs = List.of();
            LOG.info("router running on {} for {} agents (captain {})", home.root(), roster.ids().size(),
                    roster.captain());
            if (httpServed) {
                String base = "http://" + settings.text("cellphone.http.host") + ":" + settings.number("cellphone.http.port");
                LOG.info("health on {}/observe/health, metrics on {}/observe/metrics", base, base);
            }
        }
    }
}
