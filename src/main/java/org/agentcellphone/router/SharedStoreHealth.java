package org.agentcellphone.router;

import java.util.Map;
import org.agentcellphone.store.SharedRelay;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Health says DOWN while the shared database cannot be reached: nothing is delivered until it is back. */
final class SharedStoreHealth extends AbstractHealthCheck {

    private final SharedRelay relay;

    SharedStoreHealth(SharedRelay relay) {
        super("cellphone", "shared-store");
        this.relay = relay;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String down = relay.down();
        if (down == null) {
            builder.up();
        } else {
            builder.detail("reason", down).message("the shared database is unreachable: " + down).down();
        }
    }
}
