package org.agentcellphone.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.agentcellphone.files.DurableFiles;
import org.agentcellphone.files.Home;
import org.agentcellphone.model.Json;

/**
 * What each host sees of the others' last mile, through the shared database: the delivery records of the other
 * hosts' deliveries are copied into this home's {@code delivered/}, and receipts (woken, read, acked) go both ways
 * between this home's {@code receipts/} and the database. Every tool that reads those folders ({@code track},
 * {@code inbox}, the console) then shows the whole swarm. A receipt has one writer (the recipient's host), so
 * copies never disagree; a copied file is written as any receipt is (temporary file, fsync, rename), never through
 * a link, and only under a name a receipt or record could have.
 */
public final class SharedMirror {

    /** A receipt or record name: no folder, no leading dot. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,250}\\.json");
    private static final long MAX_BYTES = 256 * 1024;
    private static final int BATCH = 1000;

    private final DataSource db;
    private final Home home;
    private final String host;
    /** What this side last wrote or sent of each receipt (size and time): sent again only when it changed. */
    private final Map<String, String> known = new HashMap<>();
    private long recordsSeen;
    private long receiptsSeen;

    public SharedMirror(DataSource db, Home home, String host) {
        this.db = db;
        this.home = home;
        this.host = host;
    }

    /** One round: this home's new receipts sent, the other hosts' new records and receipts copied here. */
    public synchronized void sync() throws IOException {
        try (Connection c = db.getConnection()) {
            sendReceipts(c);
            fetchReceipts(c);
            fetchRecords(c);
        } catch (SQLException e) {
            throw new PostgresStore.Unavailable(e);
        }
    }

    private void sendReceipts(Connection c) throws IOException, SQLException {
        Path folder = home.guard(home.receipts());
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var files = Files.newDirectoryStream(folder, "*.json");
             PreparedStatement upsert = c.prepareStatement("INSERT INTO receipts (name, body, host) VALUES (?, ?, ?) "
                     + "ON CONFLICT (name) DO UPDATE SET body = EXCLUDED.body, host = EXCLUDED.host, "
                     + "change = nextval('shared_changes'), updated_at = now() WHERE receipts.body <> EXCLUDED.body")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (FileSystemException gone) {
                    continue;
                }
                String stamp = attributes.size() + "@" + attributes.lastModifiedTime().toMillis();
                if (!NAME.matcher(name).matches() || !attributes.isRegularFile() || stamp.equals(known.get(name))) {
                    continue;
                }
                byte[] body;
                try {
                    body = DurableFiles.readAtMost(file, MAX_BYTES);
                } catch (FileSystemException goneOrNotAFile) {
                    continue;
                }
                upsert.setString(1, name);
                upsert.setString(2, new String(body, StandardCharsets.UTF_8));
                upsert.setString(3, host);
                upsert.executeUpdate();
                known.put(name, stamp);
            }
        }
    }

    private void fetchReceipts(Connection c) throws IOException, SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT name, body, change FROM receipts WHERE change > ? "
                + "AND host <> ? ORDER BY change LIMIT " + BATCH)) {
            q.setLong(1, receiptsSeen);
            q.setString(2, host);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    Path written = copy(home.receipts(), r.getString(1), r.getString(2), true);
                    if (written != null) {
                        BasicFileAttributes a = Files.readAttributes(written, BasicFileAttributes.class,
                                LinkOption.NOFOLLOW_LINKS);
                        known.put(r.getString(1), a.size() + "@" + a.lastModifiedTime().toMillis());
                    }
                    receiptsSeen = r.getLong(3);
                }
            }
        }
    }

    private void fetchRecords(Connection c) throws IOException, SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT recipient, id, record, change, delivered_by "
                + "FROM entries WHERE change > ? AND delivered_by <> ? AND record IS NOT NULL ORDER BY change LIMIT "
                + BATCH)) {
            q.setLong(1, recordsSeen);
            q.setString(2, host);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    // marked as a copy: its inbox file is on the other host, so its absence here says nothing of
                    // a read; a record already here (this host's own, or copied before) is kept as it is
                    JsonNode record = Json.MAPPER.readTree(r.getString(3));
                    if (record instanceof ObjectNode fields) {
                        fields.put(DeliveryLedger.COPIED_FROM, r.getString(5));
                        copy(home.delivered(), DeliveryLedger.recordName(r.getString(2), r.getString(1)),
                                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(fields), false);
                    }
                    recordsSeen = r.getLong(4);
                }
            }
        }
    }

    /** Writes a copy under {@code name}; null when the name is not one of ours or nothing needed writing. */
    private Path copy(Path folder, String name, String body, boolean replace) throws IOException {
        if (!NAME.matcher(name).matches()) {
            return null;
        }
        Path target = home.guard(folder).resolve(name);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (!replace || (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)
                    && Arrays.equals(DurableFiles.readAtMost(target, MAX_BYTES), bytes))) {
                return null;
            }
        }
        DurableFiles.writeDurably(target, bytes);
        return target;
    }
}
