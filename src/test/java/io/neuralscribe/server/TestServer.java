package io.neuralscribe.server;

import io.neuralscribe.model.TestEngine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neuralscribe.data.EmnistSplit;
import io.neuralscribe.data.IdxTestFiles;
import io.neuralscribe.inference.TestModels;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** A server on a free port with a random-weights ByMerge model, a state folder and a tiny data split. */
final class TestServer implements AutoCloseable {
    final NeuralScribeServer server;
    final Path modelFile;
    final Path stateDirectory;
    final Path dataDirectory;
    final CountDownLatch shutdown = new CountDownLatch(1);

    private TestServer(Builder builder) throws IOException {
        this.modelFile = builder.modelFile;
        this.stateDirectory = builder.stateDirectory != null ? builder.stateDirectory : builder.folder.resolve("state");
        this.dataDirectory = builder.dataDirectory;
        this.server = NeuralScribeServer.start(new ServerOptions(builder.host, 0, List.of(modelFile), stateDirectory,
                builder.allowedOrigins, builder.adminToken, true,
                new TrainingSettings(dataDirectory, 32, 0, 64), shutdown::countDown));
    }

    static Builder in(Path folder) {
        return new Builder(folder);
    }

    static final class Builder {
        private final Path folder;
        private String host = "127.0.0.1";
        private Path modelFile;
        private Path dataDirectory;
        private Set<String> allowedOrigins = Set.of();
        private String adminToken;
        private Path stateDirectory;

        Builder(Path folder) {
            this.folder = folder;
        }

        Builder host(String value) {
            host = value;
            return this;
        }

        Builder model(Path file) {
            modelFile = file;
            return this;
        }

        Builder data(Path directory) {
            dataDirectory = directory;
            return this;
        }

        Builder state(Path directory) {
            stateDirectory = directory;
            return this;
        }

        Builder allowedOrigins(Set<String> origins) {
            allowedOrigins = origins;
            return this;
        }

        Builder adminToken(String token) {
            adminToken = token;
            return this;
        }

        TestServer start() throws IOException {
            TestEngine.oneThread();
            if (modelFile == null) {
                modelFile = TestModels.randomCompact(folder.resolve("shipped").resolve("bymerge-compact.nsmodel"), 5);
            }
            if (dataDirectory == null) {
                dataDirectory = tinyByMerge(folder.resolve("data"));
            }
            return new TestServer(this);
        }
    }

    /**
     * A tiny learnable EMNIST ByMerge split with the model's 47 classes: 2 training and 1 test
     * image per class, so that a page-started epoch takes a moment.
     */
    static Path tinyByMerge(Path directory) throws IOException {
        IdxTestFiles.writeSplit(directory, EmnistSplit.BYMERGE, TestModels.BYMERGE_CLASSES,
                2 * TestModels.BYMERGE_CLASSES.size(), TestModels.BYMERGE_CLASSES.size(), 42);
        return directory;
    }

    int port() {
        return server.port();
    }

    String origin() {
        return "http://127.0.0.1:" + port();
    }

    Path trainedFile() {
        return stateDirectory.resolve("models").resolve("bymerge.nsmodel");
    }

    /** The files in the state folder's models directory (none when it does not exist). */
    List<String> stateFiles() throws IOException {
        Path models = stateDirectory.resolve("models");
        if (!Files.isDirectory(models)) {
            return List.of();
        }
        try (var files = Files.list(models)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    WsClient connect() throws Exception {
        return WsClient.connected(port());
    }

    HttpResponse<String> get(String path) throws Exception {
        return WsClient.HTTP.send(HttpRequest.newBuilder(URI.create(origin() + path)).timeout(Duration.ofSeconds(WsClient.WAIT_SECONDS))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs {@code body}; {@code headers} are name, value pairs. */
    HttpResponse<String> post(String path, String contentType, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(origin() + path))
                .timeout(Duration.ofSeconds(WsClient.WAIT_SECONDS))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return WsClient.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String path, Object body, String... headers) throws Exception {
        return post(path, "application/json", WsClient.JSON.writeValueAsString(body), headers);
    }

    /**
     * A WebSocket upgrade written by hand, so that any Host and Origin can be sent (as a browser
     * on a rebound DNS name would); returns the HTTP status of the answer.
     */
    int rawUpgrade(String host, String origin) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout((int) WsClient.WAIT_SECONDS * 1000);
            StringBuilder request = new StringBuilder()
                    .append("GET /ws HTTP/1.1\r\n")
                    .append("Host: ").append(host).append("\r\n")
                    .append("Upgrade: websocket\r\n")
                    .append("Connection: Upgrade\r\n")
                    .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n")
                    .append("Sec-WebSocket-Version: 13\r\n");
            if (origin != null) {
                request.append("Origin: ").append(origin).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder statusLine = new StringBuilder();
            for (int b; (b = in.read()) != -1 && b != '\n'; ) {
                statusLine.append((char) b);
            }
            String[] parts = statusLine.toString().trim().split(" ");
            return Integer.parseInt(parts[1]);
        }
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return WsClient.JSON.readTree(response.body());
    }

    /** A {@code predict} message. */
    static ObjectNode predict(Object id, float[] pixels) {
        ObjectNode message = WsClient.JSON.createObjectNode().put("type", "predict");
        if (id instanceof String s) {
            message.put("id", s);
        } else if (id instanceof Number n) {
            message.put("id", n.longValue());
        }
        ArrayNode array = message.putArray("pixels");
        for (float p : pixels) {
            array.add(Math.round(p));
        }
        return message;
    }

    static ObjectNode message(String type) {
        return WsClient.JSON.createObjectNode().put("type", type);
    }

    /** A message of that type with strokes as the page sends them: {@code [[[x, y, t], …], …]}. */
    static ObjectNode withStrokes(String type, double[][][] strokes) {
        ObjectNode message = message(type);
        ArrayNode list = message.putArray("strokes");
        for (double[][] stroke : strokes) {
            ArrayNode points = list.addArray();
            for (double[] p : stroke) {
                ArrayNode point = points.addArray();
                for (double v : p) {
                    point.add(v);
                }
            }
        }
        return message;
    }

    /** The same strokes as the server holds them once parsed (every point timed). */
    static List<io.neuralscribe.raster.Stroke> strokes(double[][][] raw) {
        return java.util.Arrays.stream(raw).map(s -> new io.neuralscribe.raster.Stroke(
                java.util.Arrays.stream(s).mapToDouble(p -> p[0]).toArray(),
                java.util.Arrays.stream(s).mapToDouble(p -> p[1]).toArray(),
                java.util.Arrays.stream(s).mapToDouble(p -> p[2]).toArray())).toList();
    }

    static float[] floats(JsonNode array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) array.get(i).asDouble();
        }
        return values;
    }

    @Override
    public void close() {
        server.close();
    }
}
