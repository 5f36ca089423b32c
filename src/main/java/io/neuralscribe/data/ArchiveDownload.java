package io.neuralscribe.data;

import io.neuralscribe.data.EmnistDownloader.NetworkUnavailableException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads the archive into a part file that survives interruptions: each attempt asks with an HTTP
 * {@code Range} for what the part file lacks, a server that cannot resume makes it start over, and a
 * transfer that breaks off or stalls for longer than the read time-out is retried after a growing
 * pause. Redirects are followed by {@link HttpClient}. The part file is locked while it is written,
 * so a second program cannot write into it at the same time.
 */
final class ArchiveDownload {
    private static final int REPORTS_PER_DOWNLOAD = 200;
    private static final long UNKNOWN_SIZE_REPORT_STEP = 1 << 20;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes\\s+\\*/(\\d+)", Pattern.CASE_INSENSITIVE);
    /** Closes the body of a transfer that has sent nothing for the read time-out, which ends its blocked read. */
    private static final ScheduledExecutorService STALL_WATCH = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "download-stall-watch");
        thread.setDaemon(true);
        return thread;
    });

    private final URI source;
    private final DownloadProgress progress;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int attempts;
    private final Duration retryDelay;

    ArchiveDownload(URI source, DownloadProgress progress, Duration connectTimeout, Duration readTimeout,
            int attempts, Duration retryDelay) {
        this.source = source;
        this.progress = progress;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.attempts = attempts;
        this.retryDelay = retryDelay;
    }

    /**
     * Returns when {@code part} holds the whole file. On failure the bytes received so far stay in
     * {@code part} for the next run (an empty part file is removed).
     *
     * @throws NetworkUnavailableException when the server cannot be reached; its cause says why
     */
    void into(Path part) throws IOException {
        boolean locked = false;
        HttpClient client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL).version(HttpClient.Version.HTTP_1_1).build();
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
                    progress.message("Download interrupted (" + EmnistDownloader.describe(last)
                            + "); retrying, attempt " + attempt + " of " + attempts);
                }
                try {
                    transfer(client, channel, part);
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
            throw new IOException("the download of " + source + " broke off " + attempts + " times ("
                    + EmnistDownloader.describe(last) + "); the " + channel.size()
                    + " bytes received so far are kept in " + part.toAbsolutePath()
                    + " and the next run resumes from there", last);
        } catch (IOException e) {
            if (locked && Files.isRegularFile(part) && Files.size(part) == 0) {
                Files.deleteIfExists(part); // leave no empty part file behind
            }
            throw e;
        }
    }

    /** One request (restarted when the server answers the resume wrongly); returns when the part file is whole. */
    private void transfer(HttpClient client, FileChannel channel, Path part) throws IOException {
        for (int restart = 0; restart <= 2; restart++) {
            long have = channel.size();
            HttpResponse<InputStream> response = send(client, have);
            try (InputStream body = response.body()) {
                int code = response.statusCode();
                String contentRange = response.headers().firstValue("Content-Range").orElse("");
                long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                long total;
                if (code == 206) {
                    Matcher range = CONTENT_RANGE.matcher(contentRange);
                    if (!range.matches() || Long.parseLong(range.group(1)) != have) {
                        progress.message("The server sent another part of the file than asked; starting over");
                        channel.truncate(0);
                        continue;
                    }
                    total = range.group(3).equals("*") ? (length < 0 ? -1 : have + length) : Long.parseLong(range.group(3));
                    if (have > 0) {
                        progress.message(String.format(Locale.ROOT, "Resuming the download at %,d of %,d bytes", have, total));
                    }
                } else if (code == 200) {
                    if (have > 0) {
                        progress.message("The server cannot resume the download; starting over");
                        channel.truncate(0);
                        have = 0;
                    }
                    total = length;
                } else if (code == 416 && have > 0) {
                    Matcher range = UNSATISFIED_RANGE.matcher(contentRange);
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
                    throw new IOException("cannot download EMNIST: " + source + " answered HTTP " + code
                            + "; put the official files into the data folder yourself (see "
                            + EmnistDownloader.OFFICIAL_PAGE + ")");
                }
                if (total >= 0) {
                    DiskSpace.require(part, total - have, "EMNIST");
                }
                copy(body, channel, have, total);
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
            }
        }
        throw new IOException("the server at " + source + " keeps answering the resume request wrongly");
    }

    private HttpResponse<InputStream> send(HttpClient client, long from) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(source).timeout(readTimeout).GET()
                .header("User-Agent", "NeuralScribe (EMNIST downloader)")
                .header("Accept-Encoding", "identity");
        if (from > 0) {
            request.header("Range", "bytes=" + from + "-");
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException | UnknownHostException | ConnectException | NoRouteToHostException e) {
            throw new NetworkUnavailableException(EmnistDownloader.describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("download of " + source + " cancelled");
        } catch (IOException e) {
            throw new Interrupted(e);
        }
    }

    /** Appends the body to the part file from {@code have}, reporting about 200 times along the way. */
    private void copy(InputStream in, FileChannel channel, long have, long total) throws IOException {
        channel.position(have);
        long step = total > 0 ? Math.max(1, total / REPORTS_PER_DOWNLOAD) : UNKNOWN_SIZE_REPORT_STEP;
        long bytes = have;
        long reported = have;
        progress.progress(bytes, total);
        AtomicLong lastData = new AtomicLong(System.nanoTime());
        AtomicBoolean stalled = new AtomicBoolean();
        long period = Math.max(10, readTimeout.toMillis() / 4);
        ScheduledFuture<?> watch = STALL_WATCH.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastData.get() > readTimeout.toNanos() && stalled.compareAndSet(false, true)) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // the reading thread sees the end either way
                }
            }
        }, period, period, TimeUnit.MILLISECONDS);
        byte[] buffer = new byte[1 << 16];
        try {
            while (true) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("download of " + source + " cancelled; "
                            + "the part received so far is kept for the next run");
                }
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException e) {
                    throw stalled.get() ? stall() : new Interrupted(e);
                }
                if (n < 0) {
                    break;
                }
                lastData.set(System.nanoTime());
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
            if (stalled.get()) {
                throw stall();
            }
        } finally {
            watch.cancel(false);
            if (bytes != reported) {
                progress.progress(bytes, total);
            }
        }
        channel.force(false);
    }

    private Interrupted stall() {
        return new Interrupted(new SocketTimeoutException("no data for " + readTimeout.toMillis() / 1000.0 + " s"));
    }

    private static void pause(Duration duration) throws InterruptedIOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("download cancelled");
        }
    }

    /** A transfer broke off after it began; the next attempt resumes. */
    private static final class Interrupted extends IOException {
        Interrupted(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
