package io.neuralscribe.server;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client (java.net.http): text frames, which may arrive in parts, are put
 * together and parsed, one JSON message each, into a queue the test reads in order.
 */
final class WsClient implements WebSocket.Listener, AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(60)).build();
    /**
     * Generous: this machine's two cores are shared with a long training at a higher priority, and
     * a starved test JVM can take many seconds for what normally takes milliseconds.
     */
    static final long WAIT_SECONDS = 120;

    private final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    /** Every message received so far, in order (including those {@link #await} skipped). */
    final List<JsonNode> received = Collections.synchronizedList(new ArrayList<>());
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private WebSocket socket;

    static WsClient connect(int port) throws Exception {
        return connect(port, Map.of());
    }

    /** @throws java.util.concurrent.ExecutionException when the handshake is refused */
    static WsClient connect(int port, Map<String, String> headers) throws Exception {
        WsClient client = new WsClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(WAIT_SECONDS));
        headers.forEach(builder::header);
        client.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), client)
                .get(WAIT_SECONDS + 10, TimeUnit.SECONDS);
        return client;
    }

    /** Connects and reads the {@code init} every connection starts with. */
    static WsClient connected(int port) throws Exception {
        WsClient client = connect(port);
        client.expect("init");
        return client;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            try {
                JsonNode message = JSON.readTree(text);
                received.add(message);
                inbox.add(message);
            } catch (Exception e) {
                inbox.add(JSON.createObjectNode().put("type", "unparseable").put("text", text));
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        inbox.add(JSON.createObjectNode().put("type", "binary_from_server"));
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    void send(String text) throws Exception {
        socket.sendText(text, true).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    void send(Object message) throws Exception {
        send(JSON.writeValueAsString(message));
    }

    void sendBinary(byte[] bytes) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** The next message, whatever it is. */
    JsonNode next() throws InterruptedException {
        JsonNode message = inbox.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(message, "no message within " + WAIT_SECONDS + " s; received so far: " + received);
        return message;
    }

    /** The next message, which must be of {@code type}. */
    JsonNode expect(String type) throws InterruptedException {
        JsonNode message = next();
        if (!type.equals(message.path("type").asText())) {
            fail("expected a " + type + " message, got " + abbreviate(message));
        }
        return message;
    }

    /**
     * The next answer to this client, which must be of {@code type}: broadcasts meant for every page
     * (training events, download progress, model resets) are passed over.
     */
    JsonNode expectReply(String type) throws InterruptedException {
        while (true) {
            JsonNode message = next();
            String kind = message.path("type").asText();
            if (kind.startsWith("training_") || kind.equals("download_progress") || kind.equals("model_reset")) {
                continue;
            }
            if (!type.equals(kind)) {
                fail("expected a " + type + " message, got " + abbreviate(message));
            }
            return message;
        }
    }

    /** Waits for a message of {@code type}, passing over others (training events, …). */
    JsonNode await(String type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            JsonNode message = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (message != null && type.equals(message.path("type").asText())) {
                return message;
            }
        }
        return fail("no " + type + " message within " + WAIT_SECONDS + " s; received: " + types());
    }

    /** Waits for a message whose type is one of {@code types}. */
    JsonNode awaitAny(String... types) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            JsonNode message = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (message != null && List.of(types).contains(message.path("type").asText())) {
                return message;
            }
        }
        return fail("none of " + List.of(types) + " within " + WAIT_SECONDS + " s; received: " + types());
    }

    /** Nothing more arrives within {@code millis}. */
    JsonNode poll(long millis) throws InterruptedException {
        return inbox.poll(millis, TimeUnit.MILLISECONDS);
    }

    List<String> types() {
        synchronized (received) {
            return received.stream().map(m -> m.path("type").asText()).toList();
        }
    }

    private static String abbreviate(JsonNode message) {
        String text = message.toString();
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // the server may already be gone
            }
        }
        if (socket != null) {
            socket.abort();
        }
    }
}
