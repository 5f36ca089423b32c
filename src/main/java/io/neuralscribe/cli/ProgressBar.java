package io.neuralscribe.cli;

import io.neuralscribe.train.Eta;

import java.io.PrintStream;
import java.time.Duration;

/**
 * A one-line progress bar with rate and ETA. On a terminal it redraws in place; elsewhere (a log,
 * CI) it prints a line every ten per cent so the output stays readable.
 */
public final class ProgressBar {
    private static final int WIDTH = 30;
    /** A rate (and an ETA) from less time than this is noise: the first batch alone reads "8061 batches/s". */
    private static final double MIN_SECONDS_FOR_RATE = 1;
    private final PrintStream out;
    private final String label;
    private final long total;
    private final String unit;
    private final boolean interactive;
    private final long startNanos = System.nanoTime();
    private long lastDraw;
    private int lastDecile = -1;

    public ProgressBar(PrintStream out, String label, long total, String unit) {
        this.out = out;
        this.label = label;
        this.total = Math.max(total, 1);
        this.unit = unit;
        this.interactive = System.console() != null;
    }

    /** Shows {@code done} of the total, with an optional note such as the running loss. */
    public void update(long done, String note) {
        long now = System.nanoTime();
        boolean finished = done >= total;
        if (interactive) {
            if (!finished && now - lastDraw < 100_000_000L) {
                return;
            }
            lastDraw = now;
            out.print("\r" + line(done, now, note) + "\u001b[K");
            if (finished) {
                out.println();
            }
        } else {
            int decile = (int) (10 * Math.min(done, total) / total);
            if (decile != lastDecile && (decile > lastDecile)) {
                lastDecile = decile;
                out.println(line(done, now, note));
            }
        }
        out.flush();
    }

    String line(long done, long now, String note) {
        double fraction = Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = (now - startNanos) / 1e9;
        boolean measured = seconds >= MIN_SECONDS_FOR_RATE && done > 0;
        double rate = measured ? done / seconds : 0;
        String eta = measured && done < total
                ? format(Duration.ofSeconds((long) Eta.remainingSeconds(seconds, done, total))) : "--:--";
        return String.format("%s [%s%s] %3.0f%% %d/%d %s, %s, ETA %s%s", label, "#".repeat(filled),
                ".".repeat(WIDTH - filled), fraction * 100, done, total, unit, measured ? rate(rate, unit) : "measuring",
                eta, note == null || note.isEmpty() ? "" : ", " + note);
    }

    /**
     * 1234.5 → "1234 batches/s", 3.46 → "3.5 batches/s", 0.4 → "2.5 s/batch": never a rate rounded to 0.
     */
    static String rate(double perSecond, String unit) {
        if (perSecond >= 10) {
            return String.format(java.util.Locale.ROOT, "%.0f %s/s", perSecond, unit);
        }
        if (perSecond >= 1) {
            return String.format(java.util.Locale.ROOT, "%.1f %s/s", perSecond, unit);
        }
        String one = unit.matches(".*(ch|sh|x)es") ? unit.substring(0, unit.length() - 2)
                : unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : unit;
        return String.format(java.util.Locale.ROOT, "%.1f s/%s", 1 / perSecond, one);
    }

    static String format(Duration duration) {
        long s = duration.getSeconds();
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%02d:%02d", s / 60, s % 60);
    }
}
