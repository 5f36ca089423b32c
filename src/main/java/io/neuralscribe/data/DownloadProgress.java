package io.neuralscribe.data;

/**
 * Hears how a download goes. Calls come on the downloading thread; keep them short.
 *
 * <p>{@code bytes} rises from the point the download starts (which is above zero when an
 * interrupted download is resumed). It falls back to zero only after a {@link #message} saying the
 * download starts over (a server that cannot resume). Reports are thinned out to about 200 per
 * download; the last report has {@code bytes == totalBytes}.
 */
@FunctionalInterface
public interface DownloadProgress {

    /**
     * @param bytes      bytes of the archive on disk so far
     * @param totalBytes the archive's full size, or {@code -1} while the server has not said
     */
    void progress(long bytes, long totalBytes);

    /** A step worth telling the user about: resuming, starting over, verifying, extracting a file. */
    default void message(String text) {}

    /** Hears nothing. */
    static DownloadProgress silent() {
        return (bytes, totalBytes) -> {};
    }
}
