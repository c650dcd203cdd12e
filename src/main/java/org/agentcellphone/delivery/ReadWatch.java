package org.agentcellphone.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.files.Home;
import org.agentcellphone.metrics.Metrics;
import org.agentcellphone.store.AwaitingAcks;
import org.agentcellphone.store.DeliveryLedger;
import org.agentcellphone.store.Receipts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices reads that happen outside the router. An agent that works with files marks a message read by moving its
 * file out of the top of its inbox (into {@code inbox/read/}, an archive folder, anywhere) or deleting it: the inboxes
 * are watched (inotify), so the cost is per event, never per file. Receipts made by other processes ({@code read},
 * {@code ack}, an MCP session) are watched too, for the metrics. At start, moves made while the router was down are
 * found from the delivery records.
 */
public final class ReadWatch implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger("cellphone");

    private final Home home;
    private final Roster roster;
    private final Predicate<String> here;
    private final DeliveryLedger ledger;
    private final Receipts receipts;
    private final AwaitingAcks awaiting;
    private final Metrics metrics;
    private final WatchService watch;
    /** Watched folder → the agent whose inbox it is, or null for the receipts folder. */
    private final Map<WatchKey, String> keys = new HashMap<>();

    public ReadWatch(Home home, Roster roster, DeliveryLedger ledger, Receipts receipts, AwaitingAcks awaiting,
                     Metrics metrics) throws IOException {
        this(home, roster, agent -> true, ledger, receipts, awaiting, metrics);
    }

    /**
     * {@code here}: the agents whose inboxes are in this home (with several hosts, those of this host; the records of
     * the others' deliveries are copies, their inboxes elsewhere).
     */
    public ReadWatch(Home home, Roster roster, Predicate<String> here, DeliveryLedger ledger, Receipts receipts,
                     AwaitingAcks awaiting, Metrics metrics) throws IOException {
        this.here = here;
        this.home = home;
        this.roster = roster;
        this.ledger = ledger;
        this.receipts = receipts;
        this.awaiting = awaiting;
        this.metrics = metrics;
        this.watch = FileSystems.getDefault().newWatchService();
        metrics.watchAwaitingAck(awaiting::size);
    }

    /** Starts watching, then catches up with what happened while the router was down. */
    public synchronized void start() throws IOException {
        for (String agent : inboxes()) {
            register(home.inbox(agent), agent);
        }
        register(home.receipts(), null);
        catchUp();
    }

    /** Takes the events that came since the last call, without waiting (the routes call it on a timer). */
    public synchronized void poll() {
        WatchKey key;
        while ((key = watch.poll()) != null) {
            String agent = keys.get(key);
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                    catchUpQuietly();
                    continue;
                }
                String name = event.context().toString();
                try {
                    if (agent != null) {
                        inboxFileLeft(agent, name);
                    } else {
                        receiptMade(name);
                    }
                } catch (IOException e) {
                    LOG.warn("could not note the read of {}: {}", name, e.getMessage());
                }
            }
            if (!key.reset()) {
                // the inbox was removed or replaced: watched again once delivery makes it anew
                keys.remove(key);
            }
        }
        if (keys.size() < inboxes().size() + 1) {
            rewatch();
        }
    }

    private void inboxFileLeft(String agent, String name) throws IOException {
        String id = InboxFormat.idOf(name);
        if (id == null || Files.exists(home.inbox(agent).resolve(name), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        for (JsonNode record : ledger.recordsOf(id, agent)) {
            if (record.path("inbox_file").asText().endsWith("/" + name)) {
                if (receipts.markRead(new Receipts.Read(id, agent, Instant.now().toString(), "file"))) {
                    LOG.info("{} read {}: its file left the top of the inbox", agent, id);
                }
                return;
            }
        }
    }

    private void receiptMade(String name) throws IOException {
        if (name.endsWith(".read.json")) {
            metrics.read();
        } else if (name.endsWith(".acked.json")) {
            metrics.acked();
            String rest = name.substring(0, name.length() - ".acked.json".length());
            int dot = rest.lastIndexOf('.');
            if (dot > 0) {
                awaiting.remove(rest.substring(0, dot), rest.substring(dot + 1));
            }
        }
    }

    /** Reads no receipt made while the router was down is missed; messages asking for an ack are counted. */
    private void catchUp() throws IOException {
        int noticed = 0;
        for (JsonNode record : ledger.records()) {
            String id = record.path("id").asText();
            String agent = record.path("recipient").asText();
            if (id.isEmpty() || agent.isEmpty() || !here.test(agent) || record.has(DeliveryLedger.COPIED_FROM)) {
                continue;
            }
            if (record.path("ack_required").asBoolean(false) && receipts.ackedOf(id, agent).isEmpty()) {
                awaiting.add(id, agent);
            }
            String file = record.path("inbox_file").asText();
            // markRead writes nothing when a receipt is there already
            if (!file.isEmpty() && home.hasLeft(home.root().resolve(file))
                    && receipts.markRead(new Receipts.Read(id, agent, Instant.now().toString(), "file"))) {
                noticed++;
            }
        }
        if (noticed > 0) {
            LOG.info("{} message(s) read while the router was down: their files left the top of the inbox", noticed);
        }
    }

    private void catchUpQuietly() {
        try {
            catchUp();
        } catch (IOException e) {
            LOG.warn("could not catch up with reads: {}", e.getMessage());
        }
    }

    private List<String> inboxes() {
        return roster.ids().stream().filter(here).toList();
    }

    private void rewatch() {
        for (String agent : inboxes()) {
            if (!keys.containsValue(agent) && Files.isDirectory(home.inbox(agent), LinkOption.NOFOLLOW_LINKS)) {
                try {
                    register(home.inbox(agent), agent);
                } catch (IOException notYet) {
                    // tried again at the next poll
                }
            }
        }
    }

    /** Watches a folder of the home; one that is not a folder now (a file, a link) is watched once it is one. */
    private void register(Path dir, String agent) throws IOException {
        Path folder;
        try {
            folder = home.guard(dir);
        } catch (Home.OutsideHome refused) {
            return;
        }
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        // an inbox: only files leaving it (a move out is a delete here), not the deliveries arriving in it
        keys.put(folder.register(watch, agent == null ? StandardWatchEventKinds.ENTRY_CREATE
                : StandardWatchEventKinds.ENTRY_DELETE), agent);
    }

    @Override
    public void close() throws IOException {
        watch.close();
    }
}
