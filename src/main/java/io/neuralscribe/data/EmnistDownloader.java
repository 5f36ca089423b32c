package io.neuralscribe.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLConnection;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Fetches NIST's official EMNIST archive and extracts one split.
 *
 * <p>The archive is downloaded into {@code <directory>/gzip.zip.part} (resumed with an HTTP
 * {@code Range} request when that file is already there), checked, renamed to
 * {@code <directory>/gzip.zip} and kept, so that another split needs no second download; delete it
 * to win back its space. Only the asked split's five files are extracted, each through a temporary
 * file that is moved into place when it is whole.
 */
public class EmnistDownloader {
    /** NIST's official archive of every split, about 535 MB. */
    public static final URI OFFICIAL_ARCHIVE = URI.create("https://biometrics.nist.gov/cs_links/EMNIST/gzip.zip");
    /** Where NIST describes the data set and its files. */
    public static final String OFFICIAL_PAGE = "https://www.nist.gov/itl/products-and-services/emnist-dataset";
    /** The archive's name in the data folder once it is downloaded and checked. */
    public static final String ARCHIVE_NAME = "gzip.zip";
    /** The name of the archive while it is being downloaded. */
    public static final String PART_NAME = ARCHIVE_NAME + ".part";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final int ATTEMPTS = 4;
    private static final Duration RETRY_DELAY = Duration.ofSeconds(2);
    private static final int MAX_REDIRECTS = 10;
    private static final int REPORTS_PER_DOWNLOAD = 200;
    private static final long UNKNOWN_SIZE_REPORT_STEP = 1 << 20;
    private static final long SPACE_MARGIN = 16L << 20;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes\\s+\\*/(\\d+)", Pattern.CASE_INSENSITIVE);
    /** One download or extraction at a time in this JVM; other processes are kept out by a file lock. */
    private static final Object FETCH_LOCK = new Object();

    private final URI source;
    private final DownloadProgress progress;
    private final ArchiveCheck check;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int attempts;
    private final Duration retryDelay;

    /** Downloads from {@link #OFFICIAL_ARCHIVE} and reports nothing. */
    public EmnistDownloader() {
        this(OFFICIAL_ARCHIVE, DownloadProgress.silent());
    }

    /** Downloads from {@link #OFFICIAL_ARCHIVE}, reporting to {@code progress}. */
    public EmnistDownloader(DownloadProgress progress) {
        this(OFFICIAL_ARCHIVE, progress);
    }

    /** Downloads the archive from {@code source} (http or https), reporting to {@code progress}. */
    public EmnistDownloader(URI source, DownloadProgress progress) {
        this(source, progress, ArchiveCheck.none());
    }

    /**
     * @param check run on the downloaded archive before its zip structure is checked, e.g.
     *              {@link ArchiveCheck#size} or {@link ArchiveCheck#sha256} when those are known
     */
    public EmnistDownloader(URI source, DownloadProgress progress, ArchiveCheck check) {
        this(source, progress, check, CONNECT_TIMEOUT, READ_TIMEOUT, ATTEMPTS, RETRY_DELAY);
    }

    /** For tests: short timeouts and retry pauses. */
    EmnistDownloader(URI source, DownloadProgress progress, ArchiveCheck check, Duration connectTimeout,
            Duration readTimeout, int attempts, Duration retryDelay) {
        this.source = Objects.requireNonNull(source, "source");
        String scheme = source.getScheme() == null ? "" : source.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("EMNIST archive URL must be http or https: " + source);
        }
        this.progress = Objects.requireNonNull(progress, "progress");
        this.check = Objects.requireNonNull(check, "check");
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        this.attempts = attempts;
        this.retryDelay = retryDelay;
    }

    public URI source() {
        return source;
    }

    /** The kept archive in a data folder. */
    public static Path archiveFile(Path directory) {
        return directory.resolve(ARCHIVE_NAME);
    }

    /** The five file names of {@code split}, as in the archive's {@code gzip/} folder and the data folder. */
    public static List<String> fileNames(EmnistSplit split) {
        List<String> names = new ArrayList<>();
        for (EmnistSplit.Part part : EmnistSplit.Part.values()) {
            names.add(split.imagesFile(part));
            names.add(split.labelsFile(part));
        }
        names.add(split.mappingFile());
        return List.copyOf(names);
    }

    /**
     * Makes sure {@code directory} holds {@code split}'s five official files: downloads the archive
     * unless a good one is already there, then extracts the split.
     *
     * @throws NetworkUnavailableException when the server cannot be reached
     * @throws DataFileException       when the archive is damaged (it has then been deleted)
     */
    public void fetch(EmnistSplit split, Path directory) throws IOException {
        synchronized (FETCH_LOCK) {
            Files.createDirectories(directory);
            Path archive = archiveFile(directory);
            if (Files.isRegularFile(archive)) {
                try {
                    verify(archive, split);
                    progress.message("Using the EMNIST archive already in " + archive.toAbsolutePath());
                } catch (DataFileException e) {
                    progress.message("The EMNIST archive " + archive.toAbsolutePath() + " is damaged ("
                            + e.getMessage() + "); downloading it again");
                    Files.deleteIfExists(archive);
                }
            }
            if (!Files.isRegularFile(archive)) {
                Path part = directory.resolve(PART_NAME);
                download(split, part);
                progress.message("Checking the downloaded archive");
                try {
                    verify(part, split);
                } catch (DataFileException e) {
                    Files.deleteIfExists(part);
                    throw new DataFileException(part, "the archive downloaded from " + source
                            + " is damaged or not the EMNIST archive (" + e.getMessage()
                            + "); it has been deleted, run again to download it afresh", e);
                }
                move(part, archive);
            }
            extract(archive, split, directory);
        }
    }

    // ---------------------------------------------------------------- download

    private void download(EmnistSplit split, Path part) throws IOException {
        boolean locked = false;
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IOException("another program is already downloading EMNIST into " + part.toAbsolutePath()
                        + "; wait for it to finish");
            }
            locked = true;
            IOException last = null;
            for (int attempt = 1; attempt <= attempts; attempt++) {
                if (attempt > 1) {
                    pause(retryDelay.multipliedBy(attempt - 1));
                    progress.message("Download interrupted (" + describe(last) + "); retrying, attempt " + attempt
                            + " of " + attempts);
                }
                try {
                    transfer(channel, part);
                    return;
                } catch (Interrupted e) {
                    last = (IOException) e.getCause();
                } catch (NetworkUnavailableException e) {
                    if (channel.size() == 0 || attempt == attempts) {
                        throw e;
                    }
                    last = (IOException) e.getCause();
                }
            }
            long kept = channel.size();
            throw new IOException("the download of " + source + " broke off " + attempts + " times ("
                    + describe(last) + "); the " + kept + " bytes received so far are kept in " + part.toAbsolutePath()
                    + " and the next run resumes from there", last);
        } catch (IOException e) {
            long kept = Files.isRegularFile(part) ? Files.size(part) : 0;
            if (locked && kept == 0) {
                Files.deleteIfExists(part); // leave no empty part file behind
            }
            if (e instanceof NetworkUnavailableException) {
                throw new NetworkUnavailableException(noNetworkMessage(split, part, kept, e.getCause()), e.getCause());
            }
            throw e;
        }
    }

    /** One request; returns when the part file holds the whole archive. */
    private void transfer(FileChannel channel, Path part) throws IOException {
        for (int restart = 0; ; restart++) {
            if (restart > 2) {
                throw new IOException("the server at " + source + " keeps answering the resume request wrongly");
            }
            long have = channel.size();
            HttpURLConnection connection = connect(have);
            try {
                int code = connection.getResponseCode();
                long total;
                if (code == HttpURLConnection.HTTP_PARTIAL) {
                    Matcher range = CONTENT_RANGE.matcher(String.valueOf(connection.getHeaderField("Content-Range")));
                    if (!range.matches() || Long.parseLong(range.group(1)) != have) {
                        progress.message("The server sent another part of the file than asked; starting over");
                        channel.truncate(0);
                        continue;
                    }
                    total = range.group(3).equals("*") ? contentLength(connection, have) : Long.parseLong(range.group(3));
                    if (have > 0) {
                        progress.message(String.format(Locale.ROOT, "Resuming the download at %,d of %,d bytes", have, total));
                    }
                } else if (code == HttpURLConnection.HTTP_OK) {
                    if (have > 0) {
                        progress.message("The server cannot resume the download; starting over");
                        channel.truncate(0);
                        have = 0;
                    }
                    total = contentLength(connection, 0);
                } else if (code == 416 && have > 0) {
                    Matcher range = UNSATISFIED_RANGE.matcher(String.valueOf(connection.getHeaderField("Content-Range")));
                    if (range.matches() && Long.parseLong(range.group(1)) == have) {
                        progress.progress(have, have);
                        return;
                    }
                    progress.message("The partial download does not fit the file on the server; starting over");
                    channel.truncate(0);
                    continue;
                } else if (code >= 500) {
                    throw new Interrupted(new IOException("the server answered HTTP " + code));
                } else {
                    throw new IOException("cannot download EMNIST: " + source + " answered HTTP " + code + " "
                            + Objects.toString(connection.getResponseMessage(), "")
                            + "; put the official files into the data folder yourself (see " + OFFICIAL_PAGE + ")");
                }
                checkSpace(part, have, total);
                copy(connection, channel, have, total);
                long size = channel.size();
                if (total >= 0 && size < total) {
                    throw new Interrupted(new IOException(String.format(Locale.ROOT,
                            "the connection closed after %,d of %,d bytes", size, total)));
                }
                if (total >= 0 && size > total) {
                    channel.truncate(0);
                    throw new IOException(String.format(Locale.ROOT,
                            "the server sent %,d bytes but announced %,d; the partial file was discarded", size, total));
                }
                if (total < 0) {
                    progress.progress(size, size);
                }
                return;
            } finally {
                connection.disconnect();
            }
        }
    }

    private HttpURLConnection connect(long from) throws IOException {
        URI uri = source;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpURLConnection connection;
            try {
                URLConnection opened = uri.toURL().openConnection();
                if (!(opened instanceof HttpURLConnection)) {
                    throw new IOException("not an http(s) URL: " + uri);
                }
                connection = (HttpURLConnection) opened;
                connection.setInstanceFollowRedirects(false);
                connection.setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()));
                connection.setReadTimeout(Math.toIntExact(readTimeout.toMillis()));
                connection.setUseCaches(false);
                connection.setRequestProperty("User-Agent", "NeuralScribe (EMNIST downloader)");
                connection.setRequestProperty("Accept-Encoding", "identity");
                if (from > 0) {
                    connection.setRequestProperty("Range", "bytes=" + from + "-");
                }
                int code = connection.getResponseCode();
                if (code == 301 || code == 302 || code == 303 || code == 307 || code == 308) {
                    String location = connection.getHeaderField("Location");
                    connection.disconnect();
                    if (location == null) {
                        throw new IOException(uri + " answered HTTP " + code + " without saying where to go");
                    }
                    uri = uri.resolve(location);
                    continue;
                }
                return connection;
            } catch (UnknownHostException | ConnectException | NoRouteToHostException | SocketTimeoutException e) {
                throw new NetworkUnavailableException(e.getMessage(), e);
            } catch (java.net.SocketException e) {
                throw new Interrupted(e);
            }
        }
        throw new IOException("too many redirects from " + source);
    }

    private void copy(HttpURLConnection connection, FileChannel channel, long have, long total) throws IOException {
        channel.position(have);
        long step = total > 0 ? Math.max(1, total / REPORTS_PER_DOWNLOAD) : UNKNOWN_SIZE_REPORT_STEP;
        long bytes = have;
        long reported = have;
        progress.progress(bytes, total);
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = connection.getInputStream()) {
            while (true) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("download of " + source + " cancelled; "
                            + "the part received so far is kept for the next run");
                }
                int n;
                try {
                    n = in.read(buffer);
                } catch (InterruptedIOException e) {
                    if (e instanceof SocketTimeoutException) {
                        throw new Interrupted(new SocketTimeoutException("no data for "
                                + readTimeout.toMillis() / 1000.0 + " s"));
                    }
                    throw e;
                } catch (IOException e) {
                    throw new Interrupted(e);
                }
                if (n < 0) {
                    break;
                }
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
                bytes += n;
                if (bytes - reported >= step) {
                    progress.progress(bytes, total);
                    reported = bytes;
                }
            }
        } finally {
            if (bytes != reported) {
                progress.progress(bytes, total);
            }
        }
        channel.force(false);
    }

    private static long contentLength(HttpURLConnection connection, long offset) {
        long length = connection.getContentLengthLong();
        return length < 0 ? -1 : offset + length;
    }

    private static void checkSpace(Path part, long have, long total) throws IOException {
        if (total < 0) {
            return;
        }
        long needed = total - have;
        long usable;
        try {
            usable = Files.getFileStore(part).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return; // unknown: let the write fail if it must
        }
        if (usable >= 0 && usable < needed + SPACE_MARGIN) {
            throw new IOException(String.format(Locale.ROOT,
                    "not enough disk space for EMNIST: %,d MB needed, %,d MB free", (needed + SPACE_MARGIN) >> 20,
                    usable >> 20));
        }
    }

    // ---------------------------------------------------------------- checks and extraction

    private void verify(Path archive, EmnistSplit split) throws IOException {
        try {
            check.verify(archive);
        } catch (DataFileException e) {
            throw e;
        } catch (IOException e) {
            throw new DataFileException(archive, e.getMessage(), e);
        }
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            List<String> missing = new ArrayList<>();
            for (String name : fileNames(split)) {
                if (findEntry(zip, name) == null) {
                    missing.add(name);
                }
            }
            if (!missing.isEmpty()) {
                throw new DataFileException(archive, "not the EMNIST archive: it lacks " + String.join(", ", missing));
            }
        } catch (ZipException e) {
            throw new DataFileException(archive, "not a readable zip archive (" + e.getMessage() + ")", e);
        }
    }

    private void extract(Path archive, EmnistSplit split, Path directory) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            long needed = 0;
            for (String name : fileNames(split)) {
                needed += Math.max(0, findEntry(zip, name).getSize());
            }
            try {
                long usable = Files.getFileStore(directory).getUsableSpace();
                if (usable < needed + SPACE_MARGIN) {
                    throw new IOException(String.format(Locale.ROOT,
                            "not enough disk space to extract EMNIST %s into %s: %,d MB needed, %,d MB free", split.id(),
                            directory.toAbsolutePath(), (needed + SPACE_MARGIN) >> 20, usable >> 20));
                }
            } catch (UnsupportedOperationException e) {
                // unknown: let the write fail if it must
            }
            for (String name : fileNames(split)) {
                ZipEntry entry = findEntry(zip, name);
                progress.message("Extracting " + name);
                Path target = directory.resolve(name);
                Path temporary = Files.createTempFile(directory, "." + name + ".", ".tmp");
                try {
                    CRC32 crc = new CRC32();
                    long size = 0;
                    try (InputStream in = zip.getInputStream(entry);
                            OutputStream out = Files.newOutputStream(temporary)) {
                        byte[] buffer = new byte[1 << 16];
                        for (int n; (n = in.read(buffer)) >= 0; ) {
                            crc.update(buffer, 0, n);
                            out.write(buffer, 0, n);
                            size += n;
                        }
                    } catch (ZipException | java.io.EOFException e) {
                        throw damaged(archive, name, e.getMessage(), e);
                    }
                    if ((entry.getCrc() >= 0 && entry.getCrc() != crc.getValue())
                            || (entry.getSize() >= 0 && entry.getSize() != size)) {
                        throw damaged(archive, name, "checksum mismatch", null);
                    }
                    move(temporary, target);
                } finally {
                    Files.deleteIfExists(temporary);
                }
            }
        } catch (ZipException e) {
            throw damaged(archive, null, e.getMessage(), e);
        }
        progress.message("EMNIST " + split.id() + " is ready in " + directory.toAbsolutePath());
    }

    private static DataFileException damaged(Path archive, String entry, String problem, Throwable cause)
            throws IOException {
        Files.deleteIfExists(archive);
        return new DataFileException(archive, (entry == null ? "damaged zip archive" : "entry " + entry
                + " is damaged") + " (" + problem + "); the archive has been deleted, run again to download it afresh",
                cause);
    }

    /** The entry for {@code name}: {@code gzip/<name>} in the official archive, or any folder. */
    private static ZipEntry findEntry(ZipFile zip, String name) {
        ZipEntry entry = zip.getEntry("gzip/" + name);
        if (entry != null) {
            return entry;
        }
        return zip.stream()
                .filter(e -> !e.isDirectory() && (e.getName().equals(name) || e.getName().endsWith("/" + name)))
                .findFirst().orElse(null);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    // ---------------------------------------------------------------- messages

    private String noNetworkMessage(EmnistSplit split, Path part, long kept, Throwable cause) {
        Path directory = part.toAbsolutePath().getParent();
        return "cannot download EMNIST: no network connection to " + source + " (" + describe(cause) + ").\n"
                + (kept > 0 ? "The " + kept + " bytes received so far are kept in " + part.toAbsolutePath()
                        + "; the next run resumes from there.\n" : "")
                + "Without a network, put the official EMNIST " + split.id() + " files — "
                + String.join(", ", fileNames(split)) + " (from the gzip/ folder of NIST's gzip.zip, see "
                + OFFICIAL_PAGE + ") — into " + directory + " yourself, "
                + "or point NeuralScribe at a folder that already holds them with --data <folder> or the "
                + DataLocation.ENVIRONMENT_VARIABLE + " environment variable.";
    }

    private String describe(Throwable e) {
        if (e == null) {
            return "unknown error";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + e.getMessage();
        }
        if (e instanceof SocketTimeoutException) {
            return "timed out" + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        if (e instanceof ConnectException) {
            return "cannot connect" + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void pause(Duration duration) throws InterruptedIOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("download cancelled");
        }
    }

    /** The server could not be reached: no network, unknown host, refused connection, time-out. */
    public static class NetworkUnavailableException extends IOException {
        public NetworkUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A transfer broke off after it began; the next attempt resumes. */
    private static final class Interrupted extends IOException {
        Interrupted(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /**
     * Checks a downloaded archive before its zip structure is checked; throws when the archive is
     * not the expected one. NIST publishes no checksum for {@code gzip.zip}, so none is built in.
     */
    @FunctionalInterface
    public interface ArchiveCheck {
        void verify(Path archive) throws IOException;

        static ArchiveCheck none() {
            return archive -> {};
        }

        /** The archive must be exactly {@code bytes} long. */
        static ArchiveCheck size(long bytes) {
            return archive -> {
                long size = Files.size(archive);
                if (size != bytes) {
                    throw new DataFileException(archive, String.format(Locale.ROOT,
                            "%,d bytes where %,d were expected", size, bytes));
                }
            };
        }

        /** The archive's SHA-256 must be {@code hex} (case ignored). */
        static ArchiveCheck sha256(String hex) {
            String expected = hex.trim().toLowerCase(Locale.ROOT);
            HexFormat.of().parseHex(expected);
            if (expected.length() != 64) {
                throw new IllegalArgumentException("a SHA-256 has 64 hex digits: " + hex);
            }
            return archive -> {
                MessageDigest digest;
                try {
                    digest = MessageDigest.getInstance("SHA-256");
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
                try (InputStream in = Files.newInputStream(archive)) {
                    byte[] buffer = new byte[1 << 16];
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        digest.update(buffer, 0, n);
                    }
                }
                String actual = HexFormat.of().formatHex(digest.digest());
                if (!actual.equals(expected)) {
                    throw new DataFileException(archive, "SHA-256 " + actual + " where " + expected + " was expected");
                }
            };
        }

        /** This check, then {@code next}. */
        default ArchiveCheck and(ArchiveCheck next) {
            return archive -> {
                verify(archive);
                next.verify(archive);
            };
        }
    }
}
