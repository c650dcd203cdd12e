package org.agentcellphone.router;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.WatchService;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Locale;
import org.agentcellphone.agents.Agent;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.config.Settings;
import org.agentcellphone.delivery.Delivery;
import org.agentcellphone.delivery.GuiDelivery;
import org.agentcellphone.delivery.GuiTypist;
import org.agentcellphone.delivery.InboxFormat;
import org.agentcellphone.delivery.InboxWriter;
import org.agentcellphone.delivery.ReadWatch;
import org.agentcellphone.delivery.Tmux;
import org.agentcellphone.delivery.TmuxWake;
import org.agentcellphone.delivery.WakePolicy;
import org.agentcellphone.files.Home;
import org.agentcellphone.intake.DropValidator;
import org.agentcellphone.intake.Intake;
import org.agentcellphone.intake.Outbox;
import org.agentcellphone.intake.Outboxes;
import org.agentcellphone.metrics.Metrics;
import org.agentcellphone.model.AcceptanceClock;
import org.agentcellphone.operations.Retention;
import org.agentcellphone.store.AwaitingAcks;
import org.agentcellphone.store.Backlog;
import org.agentcellphone.store.CaptainLast;
import org.agentcellphone.store.DeadLetter;
import org.agentcellphone.store.DedupeJournal;
import org.agentcellphone.store.DeliveryLedger;
import org.agentcellphone.store.FileStore;
import org.agentcellphone.store.HandedBack;
import org.agentcellphone.store.IntakeBatch;
import org.agentcellphone.store.MessageStore;
import org.agentcellphone.store.PostgresStore;
import org.agentcellphone.store.SharedDatabase;
import org.agentcellphone.store.Relay;
import org.agentcellphone.store.SharedMirror;
import org.agentcellphone.store.SharedRelay;
import org.agentcellphone.store.PendingStore;
import org.agentcellphone.store.Receipts;
import org.agentcellphone.store.Stalled;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.seda.PriorityBlockingQueueFactory;
import org.apache.camel.main.Main;

/**
 * The router's configuration: every bean the YAML routes call, made from the settings and bound by name. No flow
 * here (that is the routes'), no lifecycle (that is {@link Router}'s).
 */
final class RouterBeans {

    final DedupeJournal dedupe;
    final Stalled stalled;
    final Recovery recovery;
    final Backlog backlog;
    final Outboxes outboxes;
    final ReadWatch reads;
    final TmuxWake tmuxWake;
    /** The shared database's connections and the relay to it; null on one machine. */
    final HikariDataSource database;
    final SharedRelay relay;

    RouterBeans(Main main, Home home, Settings settings, Roster roster, Metrics metrics) throws IOException {
        AcceptanceClock clock = new AcceptanceClock();
        long maxBytes = settings.number("cellphone.max-message-bytes");
        String defaultMode = DropValidator.mode(settings.text("cellphone.delivery.mode"));
        if (defaultMode == null || defaultMode.equals("tmux")) {
            throw new Settings.Invalid("setting cellphone.delivery.mode must be inbox or gui, not '"
                    + settings.text("cellphone.delivery.mode") + "'");
        }
        DropValidator validator = new DropValidator(roster, settings.text("cellphone.default-sender"), maxBytes);
        PendingStore pending = new PendingStore(home);
        dedupe = new DedupeJournal(home.state().resolve("dedupe.journal"), settings.duration("cellphone.dedupe.window"));
        backlog = new Backlog(settings.number("cellphone.queue.max-size"));
        metrics.watchPending(backlog::urgent, backlog::regular);
        DeadLetter deadLetter = new DeadLetter(home, clock, metrics);
        DeliveryLedger ledger = new DeliveryLedger(home);
        InboxFormat format = new InboxFormat(roster);
        stalled = new Stalled();
        FileStore store = new FileStore(home, deadLetter, dedupe, clock);
        int batch = (int) settings.number("cellphone.intake.batch");
        MessageStore delivered = store;
        InboxWriter inboxWriter = new InboxWriter(home, format);
        if (settings.sharedStore()) {
            // several hosts: the lanes deliver the shared store's entries for this host's agents; pending/ is the
            // spool of what this host accepted, until it is in the database
            database = SharedDatabase.pool(settings);
            PostgresStore shared = new PostgresStore(database, settings.host(),
                    recipient -> roster.find(recipient).map(Agent::host).orElse(null), clock);
            relay = new SharedRelay(database, shared, pending, backlog, batch);
            main.bind("mirror", new SharedMirror(database, home, settings.host()));
            delivered = shared;
            inboxWriter = new InboxWriter(home, format, true);
            main.bind("relay", relay);
            main.bind("sharedStoreHealth", new SharedStoreHealth(relay));
        } else {
            database = null;
            relay = null;
            main.bind("relay", new Relay.Direct());
        }
        Receipts receipts = new Receipts(home);
        AwaitingAcks awaiting = new AwaitingAcks();
        WakePolicy wakes = new WakePolicy(roster, defaultMode);
        Delivery delivery = new Delivery(home, delivered, store, inboxWriter, ledger, backlog, stalled, metrics, wakes,
                receipts, awaiting);
        String host = relay == null ? null : settings.host();
        reads = new ReadWatch(home, roster, agent -> host == null
                || roster.find(agent).map(a -> a.livesOn(host)).orElse(true), ledger, receipts, awaiting, metrics);
        tmuxWake = new TmuxWake(wakes, new Tmux(settings.text("cellphone.tmux.socket")), receipts, format, metrics,
                settings.duration("cellphone.wake.idle-after"), settings.duration("cellphone.wake.max-wait"));
        GuiDelivery guiDelivery = new GuiDelivery(home, roster, format, ledger, new GuiTypist(new GuiTypist.Delays(
                settings.duration("cellphone.gui.move-delay"), settings.duration("cellphone.gui.focus-delay"),
                settings.duration("cellphone.gui.key-delay"), settings.duration("cellphone.gui.paste-delay"),
                settings.duration("cellphone.gui.new-tab-delay")), onboardingOpensWindow(settings),
                settings.flag("cellphone.gui.verify")),
                (int) settings.number("cellphone.gui.attempts"), settings.duration("cellphone.gui.retry-delay"),
                receipts, metrics);
        recovery = new Recovery(home, roster, pending, ledger, delivery, dedupe, clock, deadLetter, relay != null);
        long settle = settings.duration("cellphone.intake.settle").toMillis();
        WatchService arrivals = FileSystems.getDefault().newWatchService();
        outboxes = new Outboxes(arrivals);
        outboxes.add(new Outbox(home, home.outbox(), null, settle, maxBytes, batch, arrivals, backlog))
                .add(new Outbox(home, home.urgentOutbox(), null, settle, maxBytes, batch, arrivals, backlog));
        for (String agent : roster.ids()) {
            outboxes.add(new Outbox(home, home.agentOutbox(agent), agent, settle, maxBytes, batch, arrivals,
                    backlog));
        }

        PriorityBlockingQueueFactory<Exchange> queues = new PriorityBlockingQueueFactory<>();
        queues.setComparator(new LaneOrder());

        main.bind("intake", new Intake(home, validator, pending, deadLetter, clock,
                new IntakeBatch(home, dedupe, batch), backlog, outboxes, metrics));
        main.bind("outboxes", outboxes);
        main.bind("captainLast", new CaptainLast(roster.captain()));
        LaneSteps lanes = new LaneSteps(delivery);
        main.bind("delivery", lanes);
        main.bind("guiDelivery", guiDelivery);
        main.bind("tmuxWake", tmuxWake);
        main.bind("reads", reads);
        main.bind("retryLog", (Processor) lanes::retrying);
        main.bind("deliveryQueues", queues);
        main.bind("handedBack", new HandedBack(pending, home.requeue(), backlog, roster, deadLetter));
        // with several hosts the entries that may expire are the shared store's (each router may expire any)
        main.bind("retention", new Retention(delivered, home, dedupe,
                settings.duration("cellphone.queue.max-age"), settings.duration("cellphone.audit.retention")));
    }

    private static boolean onboardingOpensWindow(Settings settings) {
        return switch (settings.text("cellphone.gui.onboarding-opens").toLowerCase(Locale.ROOT)) {
            case "tab" -> false;
            case "window" -> true;
            default -> throw new Settings.Invalid("setting cellphone.gui.onboarding-opens must be tab or window");
        };
    }
}
