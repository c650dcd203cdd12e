package org.agentcellphone.intake;

/**
 * A file taken from an outbox.
 *
 * @param folder       the outbox it came from, relative to the home ("message_queue/outbox")
 * @param owner        the agent whose own outbox it is, or null for the shared outbox
 * @param lastModified the file's mtime in milliseconds; part of the derived id, so a re-read gives the same id
 */
public record Drop(String folder, String fileName, String owner, byte[] bytes, long lastModified) {
}
