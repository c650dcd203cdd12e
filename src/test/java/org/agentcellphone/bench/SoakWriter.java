package org.agentcellphone.bench;

import java.nio.file.Path;

/** One writer process of the soak: drops {@code count} messages with ids {@code <prefix>-<i>} into an outbox. */
public final class SoakWriter {

    private SoakWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path outbox = Path.of(args[0]);
        String prefix = args[1];
        int count = Integer.parseInt(args[2]);
        for (int i = 0; i < count; i++) {
            String id = prefix + "-" + i;
            Drops.drop(outbox, id, Drops.json(id, "Agent-" + (i % 8 + 1), i % 50 == 0 ? "urgent" : "regular"));
        }
    }
}
