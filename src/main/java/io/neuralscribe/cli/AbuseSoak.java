package io.neuralscribe.cli;

import javax.imageio.ImageIO;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench --server --abuse}: a server started as {@code serve} starts it, in its own process,
 * while one well-behaved client predicts and, for a while, ten WebSocket clients never read their
 * replies, four clients send 400 MB chunked bodies and 96 uploads of the heaviest picture allowed
 * arrive at once. Reports the good client's latency during and after the abuse and the server's
 * resident memory before, during (peak) and after. Everything goes to this machine's loopback, and
 * every loop is bounded in count and time.
 */
final class AbuseSoak {
    private static final int NON_READING_CLIENTS = 10;
    private static final int PINGS_PER_NON_READER = 200_000;
    private static final int CHUNKED_BODIES = 4;
    private static final long CHUNKED_BODY_BYTES = 400L * 1000 * 1000;
    private static final int HEAVY_PICTURES = 96;
    private static final int PICTURE_SIDE = 1024;
    private static final int ROUND_TRIPS_BEFORE_AND_AFTER = 300;
    private static final long ABUSE_LIMIT_SECONDS = 120;

    private final Path model;

    AbuseSoak(Path model) {
        this.model = model;
    }

    Map<String, Object> run(PrintWriter out) throws Exception {
        Path state = Files.createTempDirectory("abuse-state");
        Process server = ServerProcess.start(model, state);
        try {
            int port = ServerProcess.portOf(server);
            Map<String, Object> figures = new LinkedHashMap<>();
            List<String> drawings = ServerBenchmark.drawings(64);
            try (ServerBenchmark.Client good = new ServerBenchmark.Client(port)) {
                figures.put("good_client_before_ms", roundTrips(good, drawings, ROUND_TRIPS_BEFORE_AND_AFTER));
                long rssBefore = ResidentMemory.mib(server.pid());
                figures.put("server_rss_mib_before", rssBefore);
                String heap = System.getProperty("neuralscribe.serveHeap", "as this benchmark's");
                figures.put("server_heap", heap);
                out.printf("before: good client p50/p99 %s ms; server RSS %d MiB (server heap %s)%n",
                        figures.get("good_client_before_ms"), rssBefore, heap);
                out.flush();

                Map<String, Object> abuse = new ConcurrentHashMap<>();
                AtomicLong peak = new AtomicLong(rssBefore);
                List<Double> during = java.util.Collections.synchronizedList(new ArrayList<>());
                long start = System.nanoTime();
                CompletableFuture<Void> attack = CompletableFuture.allOf(
                        CompletableFuture.runAsync(() -> nonReaders(port, abuse)),
                        CompletableFuture.runAsync(() -> chunkedBodies(port, abuse)),
                        CompletableFuture.runAsync(() -> heavyPictures(port, abuse)));
                long deadline = start + ABUSE_LIMIT_SECONDS * 1_000_000_000L;
                int i = 0;
                while (!attack.isDone() && System.nanoTime() < deadline) {
                    long t = System.nanoTime();
                    good.roundTrip(drawings.get(i++ % drawings.size()), true);
                    during.add((System.nanoTime() - t) / 1e6);
                    peak.accumulateAndGet(ResidentMemory.mib(server.pid()), Math::max);
                }
                attack.cancel(true);
                double abuseSeconds = (System.nanoTime() - start) / 1e9;
                Map<String, Double> duringMs = Percentiles.medianAndTail(
                        during.stream().mapToDouble(Double::doubleValue).toArray());
                figures.put("abuse_seconds", Math.round(abuseSeconds * 10) / 10.0);
                figures.put("abuse_outcomes", new java.util.TreeMap<>(abuse));
                figures.put("good_client_during_ms", duringMs);
                figures.put("good_client_predictions_during", during.size());
                figures.put("server_rss_mib_peak_during", peak.get());
                out.printf("during %.1f s of abuse: good client p50 %.1f ms, p99 %.1f ms over %d predictions; "
                        + "server RSS peak %d MiB%n", abuseSeconds, duringMs.get("p50"), duringMs.get("p99"),
                        during.size(), peak.get());
                out.printf("abuse outcomes: %s%n", figures.get("abuse_outcomes"));
                out.flush();

                Map<String, Double> after = roundTrips(good, drawings, ROUND_TRIPS_BEFORE_AND_AFTER);
                figures.put("good_client_after_ms", after);
                long rssAfter = ResidentMemory.mib(server.pid());
                figures.put("server_rss_mib_after", rssAfter);
                figures.put("server_alive", server.isAlive());
                out.printf("after: good client p50 %.1f ms, p99 %.1f ms; server RSS %d MiB; server %s%n",
                        after.get("p50"), after.get("p99"), rssAfter, server.isAlive() ? "still serving" : "DIED");
                out.flush();
            }
            return figures;
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    private static Map<String, Double> roundTrips(ServerBenchmark.Client client, List<String> drawings, int count)
            throws Exception {
        double[] ms = new double[count];
        for (int i = 0; i < count; i++) {
            long t = System.nanoTime();
            client.roundTrip(drawings.get(i % drawings.size()), true);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return Percentiles.medianAndTail(ms);
    }

    /** Ten WebSocket clients that send pings as fast as they can and never read a reply. */
    private static void nonReaders(int port, Map<String, Object> outcomes) {
        List<Thread> threads = new ArrayList<>();
        AtomicLong cut = new AtomicLong();
        for (int c = 0; c < NON_READING_CLIENTS; c++) {
            Thread thread = new Thread(() -> {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    OutputStream out = socket.getOutputStream();
                    out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                            + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    byte[] ping = maskedText("{\"type\":\"ping\",\"id\":\"" + "x".repeat(60) + "\"}");
                    ByteArrayOutputStream burst = new ByteArrayOutputStream();
                    for (int i = 0; i < 1000; i++) {
                        burst.write(ping);
                    }
                    for (int i = 0; i < PINGS_PER_NON_READER / 1000; i++) {
                        out.write(burst.toByteArray());
                    }
                } catch (IOException e) {
                    cut.incrementAndGet(); // the server closed us: the point of the exercise
                }
            }, "non-reader");
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        joinAll(threads);
        outcomes.put("non_readers_cut_off", cut.get());
    }

    /** Four POSTs of 400 MB in chunks, without a Content-Length. */
    private static void chunkedBodies(int port, Map<String, Object> outcomes) {
        List<Thread> threads = new ArrayList<>();
        Map<String, Long> statuses = new ConcurrentHashMap<>();
        for (int c = 0; c < CHUNKED_BODIES; c++) {
            Thread thread = new Thread(() -> {
                String status = "cut off";
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    socket.setSoTimeout(60_000);
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST /api/predict HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: "
                            + "application/json\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    byte[] chunk = new byte[1 << 20];
                    java.util.Arrays.fill(chunk, (byte) ' ');
                    byte[] head = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                    try {
                        for (long sent = 0; sent < CHUNKED_BODY_BYTES; sent += chunk.length) {
                            out.write(head);
                            out.write(chunk);
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException stopped) {
                        // The server stopped reading: its answer is waiting.
                    }
                    String line = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                            StandardCharsets.US_ASCII)).readLine();
                    status = line == null ? "closed" : line.replaceFirst("^HTTP/1.1 ", "").trim();
                } catch (IOException e) {
                    status = "connection reset";
                }
                statuses.merge(status, 1L, Long::sum);
            }, "chunked-body");
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        joinAll(threads);
        outcomes.put("chunked_400mb_bodies", statuses);
    }

    /** 96 uploads at once of a 1024 × 1024, 16-bit RGBA PNG: the most decoding one upload may ask. */
    private static void heavyPictures(int port, Map<String, Object> outcomes) {
        Map<String, Long> statuses = new ConcurrentHashMap<>();
        try {
            String body = ServerBenchmark.JSON.writeValueAsString(Map.of("image",
                    "data:image/png;base64," + Base64.getEncoder().encodeToString(heavyPng())));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < HEAVY_PICTURES; i++) {
                answers.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/predict"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                String key;
                try {
                    key = String.valueOf(answer.get().statusCode());
                } catch (Exception e) {
                    key = "failed";
                }
                statuses.merge(key, 1L, Long::sum);
            }
        } catch (IOException e) {
            statuses.put("not sent: " + e.getMessage(), 1L);
        }
        outcomes.put("heavy_png_uploads_by_status", statuses);
    }

    static byte[] heavyPng() throws IOException {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(PICTURE_SIDE, PICTURE_SIDE);
        for (int y = 0; y < PICTURE_SIDE; y++) {
            for (int x = 0; x < PICTURE_SIDE; x++) {
                boolean ink = Math.abs(x - y) < 40 || Math.abs(x + y - PICTURE_SIDE) < 40;
                int value = ink ? 0 : 65535;
                raster.setPixel(x, y, new int[] {value, value, value, 65535});
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(model, raster, false, null), "png", png);
        return png.toByteArray();
    }

    private static byte[] maskedText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length); // short frames only; mask key 0 leaves the payload as is
        System.arraycopy(payload, 0, frame, 6, payload.length);
        return frame;
    }

    private static void joinAll(List<Thread> threads) {
        for (Thread thread : threads) {
            try {
                thread.join(ABUSE_LIMIT_SECONDS * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
