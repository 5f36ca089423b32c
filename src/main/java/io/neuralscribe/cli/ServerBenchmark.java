package io.neuralscribe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.neuralscribe.server.Json;
import io.neuralscribe.server.NeuralScribeServer;
import io.neuralscribe.server.ServerOptions;
import io.neuralscribe.server.TrainingSettings;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench --server}: the server measured as a client sees it — cold start to first
 * prediction, WebSocket round trips with TTA on and off, throughput with many clients (batching on
 * and off), and resident memory before and after many predictions.
 */
final class ServerBenchmark {
    static final com.fasterxml.jackson.databind.ObjectMapper JSON = Json.MAPPER;
    private static final int WARM_UP_ROUND_TRIPS = 500;
    private static final double THROUGHPUT_WARM_UP_SECONDS = 3;
    private final Path model;
    private final int roundTrips;
    private final int clients;
    private final double seconds;
    private final int soak;

    ServerBenchmark(Path model, int roundTrips, int clients, double seconds, int soak) {
        this.model = model;
        this.roundTrips = roundTrips;
        this.clients = clients;
        this.seconds = seconds;
        this.soak = soak;
    }

    Map<String, Object> run(java.io.PrintWriter out) throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        List<String> drawings = drawings(64);
        long start = System.nanoTime();
        // The server as `serve` runs it (batching on), then a second one with batching off to compare.
        // Both throughput runs come after the long soak: measured any earlier, the JIT is still
        // compiling and whichever runs first looks slower.
        try (NeuralScribeServer server = start(true); Client client = new Client(server.port())) {
            client.roundTrip(drawings.get(0), true);
            figures.put("cold_start_to_first_prediction_ms", round((System.nanoTime() - start) / 1e6));
            out.printf("cold start (load model, start server, connect, first prediction): %s ms%n",
                    figures.get("cold_start_to_first_prediction_ms"));
            for (boolean tta : new boolean[] {true, false}) {
                double[] ms = new double[roundTrips];
                // Warm up first: until the JIT has compiled the hot paths, a round trip takes longer.
                for (int i = 0; i < WARM_UP_ROUND_TRIPS; i++) {
                    client.roundTrip(drawings.get(i % drawings.size()), tta);
                }
                for (int i = 0; i < roundTrips; i++) {
                    long t = System.nanoTime();
                    client.roundTrip(drawings.get(i % drawings.size()), tta);
                    ms[i] = (System.nanoTime() - t) / 1e6;
                }
                Map<String, Double> p = Percentiles.medianAndTail(ms);
                figures.put(tta ? "round_trip_tta_ms" : "round_trip_no_tta_ms", p);
                out.printf("one client, round trip with TTA %s: p50 %.2f ms, p99 %.2f ms%n", tta ? "on " : "off",
                        p.get("p50"), p.get("p99"));
                out.flush();
            }
            // Resident memory at the start, halfway and at the end of the soak: a leak grows at every step.
            long[] resident = new long[3];
            resident[0] = ResidentMemory.ownKib();
            for (int i = 0; i < soak; i++) {
                if (i == soak / 2) {
                    resident[1] = ResidentMemory.ownKib();
                }
                client.roundTrip(drawings.get(i % drawings.size()), true);
            }
            System.gc();
            resident[2] = ResidentMemory.ownKib();
            figures.put("resident_mib_before", resident[0] / 1024);
            figures.put("resident_mib_halfway", resident[1] / 1024);
            figures.put("resident_mib_after_" + soak + "_predictions", resident[2] / 1024);
            figures.put("resident_growth_mib", round((resident[2] - resident[0]) / 1024.0));
            figures.put("java_heap_committed_mib", Runtime.getRuntime().totalMemory() >> 20);
            out.printf("resident memory: %d MiB before, %d MiB halfway, %d MiB after %,d more predictions "
                    + "(growth %.1f MiB; Java heap committed %d MiB)%n", resident[0] / 1024, resident[1] / 1024,
                    resident[2] / 1024, soak, (resident[2] - resident[0]) / 1024.0, Runtime.getRuntime().totalMemory() >> 20);
            figures.put("concurrent_batched", throughput(server.port(), drawings, out, "batching on (default)"));
        }
        try (NeuralScribeServer server = start(false)) {
            figures.put("concurrent_unbatched", throughput(server.port(), drawings, out, "batching off"));
        }
        return figures;
    }

    private NeuralScribeServer start(boolean batching) throws IOException {
        Path state = Files.createTempDirectory("bench-state");
        return NeuralScribeServer.start(new ServerOptions("127.0.0.1", 0, List.of(model), state, Set.of(), null,
                batching, new TrainingSettings(Path.of("data", "emnist"), 128, 0, 1000), () -> { }));
    }

    /** {@code clients} connections, each sending its next drawing as soon as the last one is answered. */
    private Map<String, Object> throughput(int port, List<String> drawings, java.io.PrintWriter out, String label)
            throws Exception {
        List<Client> connections = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            connections.add(new Client(port));
        }
        AtomicLong answered = new AtomicLong();
        List<Double> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        // The load runs a few seconds before the measured window, so that both servers are measured
        // warm: otherwise whichever is measured second looks faster.
        long windowStart = System.nanoTime() + (long) (THROUGHPUT_WARM_UP_SECONDS * 1e9);
        long deadline = windowStart + (long) (seconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Client client = connections.get(c);
            int offset = c;
            Thread thread = new Thread(() -> {
                int i = offset;
                while (System.nanoTime() < deadline) {
                    long t = System.nanoTime();
                    try {
                        client.roundTrip(drawings.get(i++ % drawings.size()), true);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    long done = System.nanoTime();
                    if (t >= windowStart && done <= deadline) {
                        latencies.add((done - t) / 1e6);
                        answered.incrementAndGet();
                    }
                }
            });
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        for (Client client : connections) {
            client.close();
        }
        double[] ms = latencies.stream().mapToDouble(Double::doubleValue).toArray();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("clients", clients);
        result.put("predictions_per_second", round(answered.get() / seconds));
        Map<String, Double> latency = Percentiles.medianAndTail(ms);
        result.put("latency_ms", latency);
        out.printf("%d clients, TTA on, %s: %.0f predictions/s (latency p50 %.1f ms, p99 %.1f ms)%n", clients, label,
                answered.get() / seconds, latency.get("p50"), latency.get("p99"));
        out.flush();
        return result;
    }

    /**
     * Drawings as the page sends them: pen strokes in canvas pixels (a 280-pixel canvas, y down) with
     * their times, which the server renders — so a round trip includes the rendering.
     */
    static List<String> drawings(int count) {
        Random random = new Random(11);
        List<String> messages = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            com.fasterxml.jackson.databind.node.ObjectNode message = JSON.createObjectNode().put("type", "predict");
            com.fasterxml.jackson.databind.node.ArrayNode strokes = message.putArray("strokes");
            double x = 60 + random.nextInt(160);
            double y = 40 + random.nextInt(200);
            int time = 0;
            for (int s = 0; s < 2; s++) {
                com.fasterxml.jackson.databind.node.ArrayNode stroke = strokes.addArray();
                for (int step = 0; step < 30; step++) {
                    x = Math.max(20, Math.min(260, x + random.nextGaussian() * 12));
                    y = Math.max(20, Math.min(260, y + random.nextGaussian() * 12));
                    stroke.addArray().add(Math.round(x * 10) / 10.0).add(Math.round(y * 10) / 10.0).add(time);
                    time += 16;
                }
                time += 200;
            }
            messages.add(Json.write(message));
        }
        return messages;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** A WebSocket client that sends one drawing and waits for its prediction. */
    static final class Client implements AutoCloseable, WebSocket.Listener {
        private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private final WebSocket socket;

        Client(int port) throws Exception {
            socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), this).get(10, TimeUnit.SECONDS);
            expect("init");
        }

        void roundTrip(String predict, boolean tta) throws Exception {
            String message = predict;
            if (!tta) {
                com.fasterxml.jackson.databind.node.ObjectNode node =
                        (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(predict);
                message = Json.write(node.put("tta", false));
            }
            socket.sendText(message, true).get(10, TimeUnit.SECONDS);
            expect("prediction");
        }

        private void expect(String type) throws Exception {
            while (true) {
                String text = messages.poll(30, TimeUnit.SECONDS);
                if (text == null) {
                    throw new IllegalStateException("no " + type + " within 30 s");
                }
                JsonNode node = Json.MAPPER.readTree(text);
                if (node.path("type").asText().equals(type)) {
                    return;
                }
                if (node.path("type").asText().equals("error")) {
                    throw new IllegalStateException("server error: " + node);
                }
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }
}
