package io.neuralscribe.cli;

import io.neuralscribe.data.DownloadProgress;

import java.io.PrintStream;

/** Shows the EMNIST download on the command line: a progress bar in MiB, and each step as a line. */
final class DownloadBar implements DownloadProgress {
    private final PrintStream out;
    private ProgressBar bar;
    private long total = -2;

    DownloadBar(PrintStream out) {
        this.out = out;
    }

    @Override
    public void progress(long bytes, long totalBytes) {
        if (totalBytes != total || bar == null) {
            total = totalBytes;
            bar = new ProgressBar(out, "download", totalBytes > 0 ? totalBytes >> 20 : 1, "MiB");
        }
        bar.update(bytes >> 20, totalBytes > 0 ? null : (bytes >> 20) + " MiB so far");
    }

    @Override
    public void message(String text) {
        out.println(text);
    }
}
