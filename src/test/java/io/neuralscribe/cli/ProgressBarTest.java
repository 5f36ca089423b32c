package io.neuralscribe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import org.junit.jupiter.api.Test;

/** Rates never round to zero, and a rate is not guessed from the first instant. */
class ProgressBarTest {
    @Test
    void slowRatesAreWrittenAsSecondsPerItem() {
        assertEquals("1234 batches/s", ProgressBar.rate(1234.4, "batches"));
        assertEquals("3.5 batches/s", ProgressBar.rate(3.46, "batches"));
        assertEquals("2.5 s/batch", ProgressBar.rate(0.4, "batches"));
        assertEquals("4.0 s/image", ProgressBar.rate(0.25, "images"));
    }

    @Test
    void theFirstTickIsMeasuringNotAGuess() {
        ProgressBar bar = new ProgressBar(new PrintStream(new ByteArrayOutputStream()), "epoch 1/1", 100, "batches");
        String first = bar.line(1, System.nanoTime(), null);
        assertTrue(first.contains("measuring, ETA --:--"), first);
    }
}
