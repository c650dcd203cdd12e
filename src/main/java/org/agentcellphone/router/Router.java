package org.agentcellphone.router;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.agentcellphone.agents.Agent;
import org.agentcellphone.console.Console;
import org.agentcellphone.console.ConsoleToken;
import org.agentcellphone.delivery.TmuxWake;
import java.util.Properties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.agentcellphone.files.Home;
import org.agentcellphone.metrics.Metrics;
import org.agentcellphone.config.Settings;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.store.PendingEntry;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's lifecycle: Camel Main with the beans of {@link RouterBeans}, recovery before the routes start, one
 * intake route and one delivery lane per roster agent from the routes' templates. Flow lives in {@code routes/*.yaml}.
 */
public final class Router {

    private static final Logger LOG = LoggerFactory.getLogger("cellphone");

    private final Home home;
    private final Settings settings;
    private final Roster roster;
    private final Main main = new Main();
    private final RouterBeans beans;
    private final Wiring wiring = new Wiring();
    private final boolean httpServed;
    private final Console console;

    public Router(Home home, Settings settings, Roster roster) throws IOException {
        this.home = home;
        this.settings = settings;
        // the human who steers from the console has a mailbox too: agents can address it
        this.roster = roster.withHuman(settings.text("cellphone.console.sender"));
        home.ensureLayout(this.roster.ids());

        httpServed = settings.flag("cellphone.http.enabled") && httpPortFree(settings);
        beans = new RouterBeans(main, home, settings, this.roster, new Metrics(meterRegistry()));
        console = httpServed ? console(home, this.roster, settings) : null;
        if (console != null) {
            main.bind("consoleHttp", new ConsoleHttp(console));
        }

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
        main.addMainListener(wiring);
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

    /** The console, or null (said in one line) when its token cannot be made: the router runs without it. */
    private static Console console(Home home, Roster roster, Settings settings) {
        try {
            return new Console(home, roster, settings, ConsoleToken.of(home));
        } catch (IOException e) {
            LOG.warn("the console is off: cannot make its token in {} ({})", home.relative(home.state()), e.getMessage());
            return null;
        }
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

    /**
     * Starts without blocking; {@link #stop()} ends it. Camel Main calls its listeners' {@code afterStart} only from
     * {@code run()}: here the recovered entries are handed to their lanes explicitly (once, whoever comes first).
     */
    public void start() throws Exception {
        main.start();
        wiring.started(main.getCamelContext());
    }

    /** Pending entries delivered or failed but not finished (record or dead letter refused), waiting to be retried. */
    public int stalled() {
        return beans.stalled.size();
    }

    public void stop() throws Exception {
        main.stop();
        beans.dedupe.stop();
        beans.outboxes.close();
        beans.reads.close();
        if (beans.database != null) {
            beans.database.close();
        }
    }

    /** A job left for an agent whose pane the roster no longer names: its receipt says so. */
    private void wakeWithoutPane(PendingEntry job) {
        try {
            beans.tmuxWake.wake(job);
        } catch (IOException e) {
            LOG.warn("could not record the waking of {} for {}: {}", job.id(), job.recipient(), e.getMessage());
        }
    }

    private final class Wiring extends MainListenerSupport {

        private List<PendingEntry> recovered = List.of();
        private List<PendingEntry> guiJobs = List.of();
        private List<PendingEntry> wakeJobs = List.of();
        private boolean running;

        @Override
        public void afterConfigure(BaseMainSupport support) {
            CamelContext camel = support.getCamelContext();
            try {
                beans.dedupe.start();
                recovered = beans.recovery.run();
                guiJobs = beans.recovery.guiJobs();
                wakeJobs = beans.recovery.wakeJobs();
                beans.reads.start();
                outbox(camel, "shared-outbox", "shared", home.outbox());
                outbox(camel, "shared-outbox-urgent", "shared-urgent", home.urgentOutbox());
                for (String agent : roster.ids()) {
                    outbox(camel, "outbox-" + agent, agent, home.agentOutbox(agent));
                    TemplatedRouteBuilder.builder(camel, "delivery-lane").routeId("lane-" + agent)
                            .parameter("agent", agent).add();
                }
                if (beans.relay != null) {
                    TemplatedRouteBuilder.builder(camel, "shared-store").routeId("shared-store").add();
                    TemplatedRouteBuilder.builder(camel, "shared-mirror").routeId("shared-mirror").add();
                }
                if (console != null) {
                    Map<String, String> consolePaths = Map.of("console-page", "/", "console-api", "/api",
                            "console-assets", "/assets");
                    consolePaths.forEach((id, path) -> TemplatedRouteBuilder.builder(camel, "console-http").routeId(id)
                            .parameter("path", path).add());
                }
                // one wake lane per tmux pane (two agents named with one pane share its lane)
                Set<String> lanes = new TreeSet<>();
                roster.agents().stream().map(Agent::tmux).filter(Objects::nonNull).map(TmuxWake::laneOf)
                        .forEach(lanes::add);
                for (String lane : lanes) {
                    TemplatedRouteBuilder.builder(camel, "wake-lane").routeId("wake-" + lane)
                            .parameter("lane", lane).add();
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
            started(support.getCamelContext());
        }

        /** The routes run: recovered entries join their lanes, GUI jobs their lane; once. */
        synchronized void started(CamelContext camel) {
            if (running) {
                return;
            }
            running = true;
            ProducerTemplate producer = camel.createProducerTemplate();
            recovered.forEach(entry -> beans.backlog.added(entry.priority()));
            // through the same door as new entries: the captain's copy of a broadcast still goes last
            producer.sendBody("direct:enqueue", recovered);
            recovered = List.of();
            for (PendingEntry job : guiJobs) {
                producer.sendBody("seda:gui?queueFactory=#deliveryQueues", job);
            }
            guiJobs = List.of();
            for (PendingEntry job : wakeJobs) {
                String pane = roster.find(job.recipient()).map(Agent::tmux).orElse(null);
                if (pane != null) {
                    producer.sendBody("seda:wake-" + TmuxWake.laneOf(pane) + "?queueFactory=#deliveryQueues", job);
                } else {
                    wakeWithoutPane(job);
                }
            }
            wakeJobs = List.of();
            LOG.info("router running on {} for {} agents (captain {})", home.root(), roster.agents().size(),
                    roster.captain());
            if (beans.relay != null) {
                String host = settings.host();
                // the URL without its query: a password given there stays out of the log
                LOG.info("shared store {} as host {}: delivering to {}", settings.text("cellphone.store.url")
                        .replaceAll("\\?.*", ""), host, roster.agents().stream().filter(a -> a.livesOn(host))
                        .map(Agent::id).toList());
            }
            if (httpServed) {
                String base = "http://" + settings.text("cellphone.http.host") + ":" + settings.number("cellphone.http.port");
                LOG.info("health on {}/observe/health, metrics on {}/observe/metrics", base, base);
                if (console != null) {
                    LOG.info("console on {}", console.link());
                }
            }
        }
    }
}
