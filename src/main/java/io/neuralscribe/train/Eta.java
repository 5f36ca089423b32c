package io.neuralscribe.train;

/**
 * The time left at the pace so far: {@code done} units took {@code elapsed} seconds, so the other
 * {@code total − done} are expected to take {@code elapsed · (total − done) / done}. Training's epoch
 * and batch events and the command line's progress bars all estimate this way.
 */
public final class Eta {
    private Eta() {}

    /** Seconds left; 0 before anything is done (no pace yet) and once everything is. */
    public static double remainingSeconds(double elapsedSeconds, double done, double total) {
        if (done <= 0 || done >= total) {
            return 0;
        }
        return elapsedSeconds * (total - done) / done;
    }
}
