package org.agentcellphone.mcp;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import reactor.core.publisher.Mono;

/**
 * A transport provider that tells when its session closed, for whatever reason: the client closed stdin, stdin
 * failed, or the SDK stopped reading at a line that is not JSON-RPC. Then the process has nothing left to serve.
 */
final class SessionEnd implements McpServerTransportProvider {

    private final McpServerTransportProvider provider;
    private final CountDownLatch closed = new CountDownLatch(1);

    SessionEnd(McpServerTransportProvider provider) {
        this.provider = provider;
    }

    /** Blocks until the session closed. */
    void await() throws InterruptedException {
        closed.await();
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory sessionFactory) {
        provider.setSessionFactory(transport -> sessionFactory.create(new Watched(transport)));
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        return provider.notifyClients(method, params);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return provider.closeGracefully();
    }

    @Override
    public List<String> protocolVersions() {
        return provider.protocolVersions();
    }

    /** The session's transport, unchanged but for noting its close. */
    private final class Watched implements McpServerTransport {

        private final McpServerTransport transport;

        Watched(McpServerTransport transport) {
            this.transport = transport;
        }

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return transport.sendMessage(message);
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            return transport.unmarshalFrom(data, typeRef);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return transport.closeGracefully().doFinally(signal -> closed.countDown());
        }

        @Override
        public void close() {
            transport.close();
            closed.countDown();
        }

        @Override
        public List<String> protocolVersions() {
            return transport.protocolVersions();
        }
    }
}
