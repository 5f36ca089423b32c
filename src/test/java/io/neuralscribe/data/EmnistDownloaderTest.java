package io.neuralscribe.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmnistDownloaderTest {
    private static final EmnistSplit SPLIT = EmnistSplit.BALANCED;
    private static final EmnistSplit OTHER = EmnistSplit.DIGITS;
    private static final Duration SHORT = Duration.ofSeconds(5);

    @TempDir
    Path temp;

    private Path staging;
    private Path data;
    private IdxTestFiles.TinySplit tiny;
    private byte[] zip;
    private ArchiveServer server;

    @BeforeEach
    void setUp() throws Exception {
        staging = temp.resolve("staging");
        data = temp.resolve("data");
        tiny = IdxTestFiles.writeSplit(staging, SPLIT, List.of("0", "1", "A", "b"), 40, 12, 1);
        IdxTestFiles.writeSplit(staging, OTHER, 10, 30, 10);
        List<String> names = new ArrayList<>(EmnistDownloader.fileNames(SPLIT));
        names.addAll(EmnistDownloader.fileNames(OTHER));
        zip = zip(names, null);
        server = new ArchiveServer(zip);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void downloadsExtractsOnlyTheSplitAndTheRepositoryLoadsIt() throws Exception {
        EmnistRepository repository = new EmnistRepository(data, downloader(new Recorder()));
        ImageDataset train = repository.load(SPLIT, EmnistSplit.Part.TRAIN);

        assertEquals(1, server.requests.size());
        assertEquals("", server.ranges.get(0), "a fresh download asks for the whole file");
        assertEquals(40, train.size());
        assertEquals(List.of("0", "1", "A", "b"), train.classNames());
        for (int i = 0; i < train.size(); i++) {
            assertArrayEquals(tiny.trainImages()[i], train.image(i), "image " + i + " upright and intact");
            assertEquals(tiny.trainLabels()[i], train.classes()[i]);
        }
        Set<String> expected = new TreeSet<>(EmnistDownloader.fileNames(SPLIT));
        expected.add(EmnistDownloader.ARCHIVE_NAME);
        assertEquals(expected, listing(data), "only the split's files and the kept archive; no temporaries");
        for (String name : EmnistDownloader.fileNames(SPLIT)) {
            assertArrayEquals(Files.readAllBytes(staging.resolve(name)), Files.readAllBytes(data.resolve(name)), name);
        }
        assertArrayEquals(zip, Files.readAllBytes(data.resolve(EmnistDownloader.ARCHIVE_NAME)));

        ImageDataset test = repository.load(SPLIT, EmnistSplit.Part.TEST);
        assertEquals(12, test.size());
        assertEquals(1, server.requests.size(), "the test part was extracted with the train part");
    }

    @Test
    void anotherSplitComesFromTheKeptArchiveWithoutNetwork() throws Exception {
        downloader(new Recorder()).fetch(SPLIT, data);
        server.close();
        Recorder recorder = new Recorder();
        new EmnistDownloader(closedPortUri(), recorder, ArchiveCheck.none(), SHORT, SHORT, 1,
                Duration.ZERO).fetch(OTHER, data);
        ImageDataset digits = new EmnistRepository(data, null).load(OTHER, EmnistSplit.Part.TEST);
        assertEquals(10, digits.size());
        assertTrue(recorder.progress.isEmpty(), "nothing downloaded");
    }

    @Test
    void progressRisesToTheTotal() throws Exception {
        server.chunk = 1024;
        Recorder recorder = new Recorder();
        downloader(recorder).fetch(SPLIT, data);

        List<long[]> reports = recorder.progress;
        assertTrue(reports.size() >= 3, "start, at least one step, end: " + recorder);
        assertEquals(0, reports.get(0)[0]);
        for (int i = 1; i < reports.size(); i++) {
            assertTrue(reports.get(i)[0] > reports.get(i - 1)[0], "bytes must rise: " + recorder);
        }
        for (long[] report : reports) {
            assertEquals(zip.length, report[1], "total is the archive's size");
        }
        assertEquals(zip.length, reports.get(reports.size() - 1)[0]);
        assertTrue(recorder.messages.stream().anyMatch(m -> m.contains("Extracting " + SPLIT.mappingFile())),
                recorder.messages.toString());
    }

    @Test
    void resumesAPartialDownloadWithARangeRequest() throws Exception {
        int half = zip.length / 2;
        Files.createDirectories(data);
        Files.write(data.resolve(EmnistDownloader.PART_NAME), Arrays.copyOf(zip, half));
        Recorder recorder = new Recorder();
        downloader(recorder).fetch(SPLIT, data);

        assertEquals(List.of("bytes=" + half + "-"), server.ranges);
        assertEquals(List.of(206), server.statuses);
        assertEquals(half, recorder.progress.get(0)[0], "progress starts where the part file ended");
        assertEquals(zip.length, recorder.progress.get(recorder.progress.size() - 1)[0]);
        assertTrue(recorder.messages.stream().anyMatch(m -> m.startsWith("Resuming")), recorder.messages.toString());
        assertArrayEquals(zip, Files.readAllBytes(data.resolve(EmnistDownloader.ARCHIVE_NAME)));
        assertFalse(Files.exists(data.resolve(EmnistDownloader.PART_NAME)));
        assertEquals(40, new EmnistRepository(data, null).load(SPLIT, EmnistSplit.Part.TRAIN).size());
    }

    @Test
    void aServerThatIgnoresRangeMakesItStartOver() throws Exception {
        server.honourRange = false;
        Files.createDirectories(data);
        byte[] garbage = new byte[zip.length / 2];
        new Random(3).nextBytes(garbage);
        Files.write(data.resolve(EmnistDownloader.PART_NAME), garbage);
        Recorder recorder = new Recorder();
        downloader(recorder).fetch(SPLIT, data);

        assertEquals(List.of("bytes=" + garbage.length + "-"), server.ranges, "it did ask to resume");
        assertEquals(List.of(200), server.statuses);
        assertTrue(recorder.messages.stream().anyMatch(m -> m.contains("starting over")), recorder.messages.toString());
        assertArrayEquals(zip, Files.readAllBytes(data.resolve(EmnistDownloader.ARCHIVE_NAME)),
                "the old part must have been thrown away, not appended to");
        assertEquals(12, new EmnistRepository(data, null).load(SPLIT, EmnistSplit.Part.TEST).size());
    }

    @Test
    void aTransferThatStallsIsResumed() throws Exception {
        server.cutFirstResponseAt = zip.length / 3; // then sends nothing more on that connection
        Recorder recorder = new Recorder();
        new EmnistDownloader(server.uri("/gzip.zip"), recorder, ArchiveCheck.none(), SHORT,
                Duration.ofMillis(300), 3, Duration.ofMillis(10)).fetch(SPLIT, data);

        assertEquals(2, server.requests.size());
        assertEquals("", server.ranges.get(0));
        assertEquals("bytes=" + zip.length / 3 + "-", server.ranges.get(1));
        assertTrue(recorder.messages.stream().anyMatch(m -> m.contains("retrying")), recorder.messages.toString());
        assertArrayEquals(zip, Files.readAllBytes(data.resolve(EmnistDownloader.ARCHIVE_NAME)));
    }

    @Test
    void aDroppedConnectionIsResumed() throws Exception {
        try (ServerSocket raw = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            List<String> requestRanges = new CopyOnWriteArrayList<>();
            int cut = zip.length / 2;
            Thread serving = new Thread(() -> {
                try {
                    for (int i = 0; i < 2; i++) {
                        try (Socket socket = raw.accept()) {
                            String range = readRangeHeader(socket);
                            requestRanges.add(range);
                            OutputStream out = socket.getOutputStream();
                            if (range.isEmpty()) { // announce everything, send half, hang up
                                out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + zip.length
                                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                                out.write(zip, 0, cut);
                            } else {
                                int from = Integer.parseInt(range.replaceAll("\\D+", ""));
                                out.write(("HTTP/1.1 206 Partial Content\r\nContent-Length: " + (zip.length - from)
                                        + "\r\nContent-Range: bytes " + from + "-" + (zip.length - 1) + "/" + zip.length
                                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                                out.write(zip, from, zip.length - from);
                            }
                            out.flush();
                        }
                    }
                } catch (IOException ignored) {
                    // the test fails on its own assertions
                }
            });
            serving.setDaemon(true);
            serving.start();
            URI uri = URI.create("http://127.0.0.1:" + raw.getLocalPort() + "/gzip.zip");
            new EmnistDownloader(uri, new Recorder(), ArchiveCheck.none(), SHORT, SHORT, 3,
                    Duration.ofMillis(10)).fetch(SPLIT, data);
            assertEquals(List.of("", "bytes=" + cut + "-"), requestRanges);
            assertArrayEquals(zip, Files.readAllBytes(data.resolve(EmnistDownloader.ARCHIVE_NAME)));
        }
    }

    /** Reads a request's header lines; returns its Range value, "" when it has none. */
    private static String readRangeHeader(Socket socket) throws IOException {
        java.io.BufferedReader in = new java.io.BufferedReader(
                new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        String range = "";
        for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("range:")) {
                range = line.substring(6).trim();
            }
        }
        return range;
    }

    @Test
    void alreadyCompletePartFileIsNotDownloadedAgain() throws Exception {
        Files.createDirectories(data);
        Files.write(data.resolve(EmnistDownloader.PART_NAME), zip);
        downloader(new Recorder()).fetch(SPLIT, data);
        assertEquals(List.of(416), server.statuses);
        assertArrayEquals(zip, Files.readAllBytes(data.resolve(EmnistDownloader.ARCHIVE_NAME)));
    }

    @Test
    void followsRedirects() throws Exception {
        EmnistDownloader downloader = new EmnistDownloader(server.uri("/moved"), new Recorder(),
                ArchiveCheck.none(), SHORT, SHORT, 1, Duration.ZERO);
        downloader.fetch(SPLIT, data);
        assertEquals(List.of("/moved", "/gzip.zip"), server.requests);
        assertTrue(Files.isRegularFile(data.resolve(SPLIT.mappingFile())));
    }

    @Test
    void aCorruptArchiveIsDeletedAndReported() throws Exception {
        byte[] junk = new byte[5000];
        new Random(9).nextBytes(junk);
        server.body = junk;
        DataFileException e = assertThrows(DataFileException.class,
                () -> downloader(new Recorder()).fetch(SPLIT, data));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
        assertTrue(e.getMessage().contains("not a readable zip"), e.getMessage());
        assertTrue(e.getMessage().contains(server.uri("/gzip.zip").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("run again"), e.getMessage());
        assertEquals(Set.of(), listing(data), "the corrupt download is deleted and nothing extracted");
    }

    @Test
    void aZipWithoutTheSplitIsRejected() throws Exception {
        server.body = zip(EmnistDownloader.fileNames(OTHER), null);
        DataFileException e = assertThrows(DataFileException.class,
                () -> downloader(new Recorder()).fetch(SPLIT, data));
        assertTrue(e.getMessage().contains("lacks " + SPLIT.imagesFile(EmnistSplit.Part.TRAIN)), e.getMessage());
        assertEquals(Set.of(), listing(data));
    }

    @Test
    void aDamagedEntryIsCaughtWhileExtracting() throws Exception {
        // The train images are stored uncompressed; flip a byte in the middle of their data.
        String victim = SPLIT.imagesFile(EmnistSplit.Part.TRAIN);
        byte[] damaged = zip(EmnistDownloader.fileNames(SPLIT), victim);
        byte[] content = Files.readAllBytes(staging.resolve(victim));
        int at = indexOf(damaged, content) + content.length / 2;
        assertTrue(at > content.length / 2, "stored entry found");
        damaged[at] ^= 0x55;
        server.body = damaged;

        DataFileException e = assertThrows(DataFileException.class,
                () -> downloader(new Recorder()).fetch(SPLIT, data));
        assertTrue(e.getMessage().contains(victim), e.getMessage());
        assertTrue(e.getMessage().contains("deleted"), e.getMessage());
        assertFalse(Files.exists(data.resolve(victim)), "a damaged file is never moved into place");
        assertFalse(Files.exists(data.resolve(EmnistDownloader.ARCHIVE_NAME)));
        assertTrue(listing(data).stream().noneMatch(n -> n.endsWith(".tmp")), listing(data).toString());
    }

    @Test
    void pluggableSizeAndHashChecks() throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip));
        new EmnistDownloader(server.uri("/gzip.zip"), new Recorder(),
                ArchiveCheck.size(zip.length).and(ArchiveCheck.sha256(sha.toUpperCase())),
                SHORT, SHORT, 1, Duration.ZERO).fetch(SPLIT, data);
        assertTrue(Files.isRegularFile(data.resolve(SPLIT.mappingFile())));

        Path other = temp.resolve("other");
        DataFileException e = assertThrows(DataFileException.class, () -> new EmnistDownloader(
                server.uri("/gzip.zip"), new Recorder(), ArchiveCheck.size(zip.length + 1), SHORT, SHORT,
                1, Duration.ZERO).fetch(SPLIT, other));
        assertTrue(e.getMessage().contains("were expected"), e.getMessage());
        assertEquals(Set.of(), listing(other));

        String wrong = sha.substring(0, 63) + (sha.charAt(63) == '0' ? '1' : '0');
        e = assertThrows(DataFileException.class, () -> new EmnistDownloader(server.uri("/gzip.zip"), new Recorder(),
                ArchiveCheck.sha256(wrong), SHORT, SHORT, 1, Duration.ZERO).fetch(SPLIT, other));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ArchiveCheck.sha256("abc"));
    }

    @Test
    void noNetworkIsSaidClearly() throws Exception {
        URI closed = closedPortUri();
        EmnistDownloader downloader = new EmnistDownloader(closed, new Recorder(), ArchiveCheck.none(),
                SHORT, SHORT, 3, Duration.ZERO);
        EmnistRepository repository = new EmnistRepository(data, downloader);
        IOException e = assertThrows(IOException.class, () -> repository.load(SPLIT, EmnistSplit.Part.TRAIN));
        assertInstanceOf(EmnistDownloader.NetworkUnavailableException.class, e);
        String message = e.getMessage();
        assertTrue(message.contains("no network"), message);
        assertTrue(message.contains(closed.toString()), message);
        assertTrue(message.contains(data.toAbsolutePath().toString()), message);
        assertTrue(message.contains(SPLIT.imagesFile(EmnistSplit.Part.TRAIN)), message);
        assertTrue(message.contains("--data"), message);
        assertTrue(message.contains(DataLocation.ENVIRONMENT_VARIABLE), message);
        assertFalse(Files.exists(data.resolve(EmnistDownloader.PART_NAME)), "no empty part file left behind");
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException ignored) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            URI uri = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/gzip.zip");
            EmnistDownloader downloader = new EmnistDownloader(uri, new Recorder(), ArchiveCheck.none(),
                    SHORT, Duration.ofMillis(300), 2, Duration.ZERO);
            long start = System.nanoTime();
            IOException e = assertThrows(EmnistDownloader.NetworkUnavailableException.class,
                    () -> downloader.fetch(SPLIT, data));
            assertTrue(e.getMessage().contains("timed out"), e.getMessage());
            assertTrue(e.getMessage().contains(uri.toString()), e.getMessage());
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(4).toNanos(), "failed fast");
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void httpErrorIsReported() throws Exception {
        EmnistDownloader downloader = new EmnistDownloader(server.uri("/missing.zip"), new Recorder(),
                ArchiveCheck.none(), SHORT, SHORT, 1, Duration.ZERO);
        IOException e = assertThrows(IOException.class, () -> downloader.fetch(SPLIT, data));
        assertTrue(e.getMessage().contains("404"), e.getMessage());
        assertTrue(e.getMessage().contains("/missing.zip"), e.getMessage());
        assertFalse(Files.exists(data.resolve(EmnistDownloader.PART_NAME)), "no empty part file left behind");
    }

    @Test
    void aDownloadAlreadyUnderWayIsLeftAlone() throws Exception {
        Files.createDirectories(data);
        Path part = data.resolve(EmnistDownloader.PART_NAME);
        Files.write(part, Arrays.copyOf(zip, 100));
        try (java.nio.channels.FileChannel other = java.nio.channels.FileChannel.open(part,
                java.nio.file.StandardOpenOption.WRITE); var lock = other.lock()) {
            IOException e = assertThrows(IOException.class, () -> downloader(new Recorder()).fetch(SPLIT, data));
            assertTrue(e.getMessage().contains("already downloading"), e.getMessage());
        }
        assertEquals(List.of(), server.requests);
        assertEquals(100, Files.size(part), "the other download's part file is untouched");
    }

    @Test
    void onlyHttpUrls() {
        assertThrows(IllegalArgumentException.class,
                () -> new EmnistDownloader(URI.create("ftp://example.org/gzip.zip"), DownloadProgress.silent()));
        assertEquals(EmnistDownloader.OFFICIAL_ARCHIVE, new EmnistDownloader().source());
        assertEquals("https://biometrics.nist.gov/cs_links/EMNIST/gzip.zip", EmnistDownloader.OFFICIAL_ARCHIVE.toString());
    }

    // ------------------------------------------------------------------ helpers

    private EmnistDownloader downloader(DownloadProgress progress) {
        return new EmnistDownloader(server.uri("/gzip.zip"), progress, ArchiveCheck.none(), SHORT,
                SHORT, 3, Duration.ofMillis(10));
    }

    /** The staged files under {@code gzip/}, as in NIST's archive; {@code stored} is kept uncompressed. */
    private byte[] zip(List<String> names, String stored) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry("gzip/"));
            out.closeEntry();
            for (String name : names) {
                byte[] content = Files.readAllBytes(staging.resolve(name));
                ZipEntry entry = new ZipEntry("gzip/" + name);
                if (name.equals(stored)) {
                    CRC32 crc = new CRC32();
                    crc.update(content);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(content.length);
                    entry.setCompressedSize(content.length);
                    entry.setCrc(crc.getValue());
                }
                out.putNextEntry(entry);
                out.write(content);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static Set<String> listing(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static URI closedPortUri() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        return URI.create("http://127.0.0.1:" + port + "/gzip.zip");
    }

    /** Records what a download reports. */
    private static final class Recorder implements DownloadProgress {
        final List<long[]> progress = new ArrayList<>();
        final List<String> messages = new ArrayList<>();

        @Override
        public void progress(long bytes, long totalBytes) {
            progress.add(new long[] {bytes, totalBytes});
        }

        @Override
        public void message(String text) {
            messages.add(text);
        }

        @Override
        public String toString() {
            return progress.stream().map(Arrays::toString).collect(Collectors.joining(" "));
        }
    }

    /** Serves one body at /gzip.zip on 127.0.0.1, with Range support that can be switched off. */
    private static final class ArchiveServer implements AutoCloseable {
        private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");
        final HttpServer http;
        final List<String> requests = new CopyOnWriteArrayList<>();
        /** The Range header of each /gzip.zip request, "" when there was none. */
        final List<String> ranges = new CopyOnWriteArrayList<>();
        final List<Integer> statuses = new CopyOnWriteArrayList<>();
        volatile byte[] body;
        volatile boolean honourRange = true;
        volatile int chunk = 8192;
        /** When positive, the first response is cut off after this many bytes. */
        volatile int cutFirstResponseAt = -1;

        ArchiveServer(byte[] body) throws IOException {
            this.body = body;
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            http.createContext("/", this::handle);
            http.start();
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + path);
        }

        private void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            requests.add(path);
            try (exchange) {
                if (path.equals("/moved")) {
                    exchange.getResponseHeaders().set("Location", "/gzip.zip");
                    exchange.sendResponseHeaders(302, -1);
                    return;
                }
                if (!path.equals("/gzip.zip")) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                String range = exchange.getRequestHeaders().getFirst("Range");
                ranges.add(range == null ? "" : range);
                byte[] data = body;
                int from = 0;
                int status = 200;
                if (range != null && honourRange) {
                    Matcher m = RANGE.matcher(range);
                    if (!m.matches()) {
                        statuses.add(400);
                        exchange.sendResponseHeaders(400, -1);
                        return;
                    }
                    from = Integer.parseInt(m.group(1));
                    if (from >= data.length) {
                        statuses.add(416);
                        exchange.getResponseHeaders().set("Content-Range", "bytes */" + data.length);
                        exchange.sendResponseHeaders(416, -1);
                        return;
                    }
                    status = 206;
                    exchange.getResponseHeaders().set("Content-Range",
                            "bytes " + from + "-" + (data.length - 1) + "/" + data.length);
                }
                statuses.add(status);
                exchange.sendResponseHeaders(status, data.length - from);
                int end = data.length;
                if (cutFirstResponseAt > 0) {
                    end = cutFirstResponseAt;
                    cutFirstResponseAt = -1;
                }
                OutputStream out = exchange.getResponseBody();
                for (int at = from; at < end; at += chunk) {
                    out.write(data, at, Math.min(chunk, end - at));
                    out.flush();
                    if (chunk < 8192) {
                        sleep();
                    }
                }
                if (end < data.length) {
                    try {
                        out.close();
                    } catch (IOException expected) {
                        // "insufficient bytes written": the server drops the connection
                    }
                }
            }
        }

        private static void sleep() {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private boolean stopped;

        @Override
        public synchronized void close() {
            if (!stopped) {
                stopped = true;
                http.stop(0);
            }
        }
    }
}
