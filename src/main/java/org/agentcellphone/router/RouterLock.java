package org.agentcellphone.router;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.agentcellphone.files.Home;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One router per home. An OS lock on {@code message_queue/state/router.lock}, held for the router's life: the
 * kernel releases it when the process dies, even by {@code kill -9}, so a lock is never left stale.
 */
public final class RouterLock implements AutoCloseable {

    /** Another router holds the home. */
    public static final class Taken extends IllegalStateException {
        public Taken(String message) {
            super(message);
        }
    }

    private final FileChannel channel;
    private final FileLock lock;

    private RouterLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or throws with a message naming the process that holds it. */
    public static RouterLock acquire(Home home) throws IOException {
        Path file = home.createFolders(home.state()).resolve("router.lock");
        FileChannel channel = FileChannel.open(file, LinkOption.NOFOLLOW_LINKS, StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
            channel.close();
            throw new Taken("another router is already running on this home (pid "
                    + (holder.isEmpty() ? "unknown" : holder) + ", lock " + file + ")");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)),
                0);
        return new RouterLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
