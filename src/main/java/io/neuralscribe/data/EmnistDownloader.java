package io.neuralscribe.data;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Fetches NIST's official EMNIST archive and extracts one split.
 *
 * <p>The archive is downloaded into {@code <directory>/gzip.zip.part} (resumed with an HTTP
 * {@code Range} request when that file is already there, see {@link ArchiveDownload}), checked,
 * renamed to {@code <directory>/gzip.zip} and kept, so that another split needs no second download;
 * delete it to win back its space. Only the asked split's five files are extracted, each through a
 * temporary file that is moved into place when it is whole (see {@link EmnistArchive}).
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
    /** One download or extraction at a time in this JVM; other processes are kept out by a file lock. */
    private static final Object FETCH_LOCK = new Object();

    private final URI source;
    private final DownloadProgress progress;
    private final ArchiveCheck check;
    private final ArchiveDownload download;

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

    /** With other time-outs and retries than the defaults (tests use short ones). */
    EmnistDownloader(URI source, DownloadProgress progress, ArchiveCheck check, Duration connectTimeout,
            Duration readTimeout, int attempts, Duration retryDelay) {
        this.source = Objects.requireNonNull(source, "source");
        String scheme = source.getScheme() == null ? "" : source.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("EMNIST archive URL must be http or https: " + source);
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        this.progress = Objects.requireNonNull(progress, "progress");
        this.check = Objects.requireNonNull(check, "check");
        this.download = new ArchiveDownload(source, progress, connectTimeout, readTimeout, attempts, retryDelay);
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
        return EmnistArchive.fileNames(split);
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
                    EmnistArchive.verify(archive, split, check);
                    progress.message("Using the EMNIST archive already in " + archive.toAbsolutePath());
                } catch (DataFileException e) {
                    progress.message("The EMNIST archive " + archive.toAbsolutePath() + " is damaged ("
                            + e.getMessage() + "); downloading it again");
                    Files.deleteIfExists(archive);
                }
            }
            if (!Files.isRegularFile(archive)) {
                Path part = directory.resolve(PART_NAME);
                try {
                    download.into(part);
                } catch (NetworkUnavailableException e) {
                    throw new NetworkUnavailableException(noNetworkMessage(split, part, e.getCause()), e.getCause());
                }
                progress.message("Checking the downloaded archive");
                try {
                    EmnistArchive.verify(part, split, check);
                } catch (DataFileException e) {
                    Files.deleteIfExists(part);
                    throw new DataFileException(part, "the archive downloaded from " + source
                            + " is damaged or not the EMNIST archive (" + e.getMessage()
                            + "); it has been deleted, run again to download it afresh", e);
                }
                FileMoves.replace(part, archive);
            }
            EmnistArchive.extract(archive, split, directory, progress);
        }
    }

    private String noNetworkMessage(EmnistSplit split, Path part, Throwable cause) throws IOException {
        long kept = Files.isRegularFile(part) ? Files.size(part) : 0;
        return "cannot download EMNIST: no network connection to " + source + " ("
                + describe(cause) + ").\n"
                + (kept > 0 ? "The " + kept + " bytes received so far are kept in " + part.toAbsolutePath()
                        + "; the next run resumes from there.\n" : "")
                + "Without a network, put the official EMNIST " + split.id() + " files — "
                + String.join(", ", fileNames(split)) + " (from the gzip/ folder of NIST's gzip.zip, see "
                + OFFICIAL_PAGE + ") — into " + part.toAbsolutePath().getParent() + " yourself, "
                + "or point NeuralScribe at a folder that already holds them with --data <folder> or the "
                + DataLocation.ENVIRONMENT_VARIABLE + " environment variable.";
    }

    /** A short reason for a failure, for messages. */
    static String describe(Throwable e) {
        if (e == null) {
            return "unknown error";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + e.getMessage();
        }
        if (e instanceof SocketTimeoutException || e instanceof HttpTimeoutException) {
            return "timed out" + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        if (e instanceof ConnectException) {
            return "cannot connect" + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The server could not be reached: no network, unknown host, refused connection, time-out. */
    public static class NetworkUnavailableException extends IOException {
        public NetworkUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
