package org.agentcellphone.intake;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The drops the outbox routes have read and must not read again while their batch becomes durable (the routes'
 * {@code idempotentRepository}, keyed by name, mtime and size). A drop intake defers because the queue is full is
 * {@linkplain #forget forgotten}, so a later poll reads it again.
 */
public final class IntakeSeen extends ServiceSupport implements IdempotentRepository {

    private final IdempotentRepository seen = MemoryIdempotentRepository.memoryIdempotentRepository(200_000);
    private final Set<String> deferred = ConcurrentHashMap.newKeySet();

    /** The key the outbox routes compute: {@code ${header.CamelFileName}-${header.CamelFileLastModified}-…}. */
    public static String keyOf(String fileName, long lastModified, long length) {
        return fileName + "-" + lastModified + "-" + length;
    }

    /** The drop was read but not taken: its route's commit must not mark it seen. */
    public void forget(String key) {
        deferred.add(key);
        seen.remove(key);
    }

    @Override
    public boolean add(String key) {
        if (deferred.remove(key)) {
            return false;
        }
        return seen.add(key);
    }

    @Override
    public boolean contains(String key) {
        return seen.contains(key);
    }

    @Override
    public boolean remove(String key) {
        return seen.remove(key);
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        seen.clear();
    }
}
