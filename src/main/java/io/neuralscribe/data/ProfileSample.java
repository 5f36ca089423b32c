package io.neuralscribe.data;

import io.neuralscribe.raster.Stroke;

import java.util.List;

/**
 * One character a person taught their profile.
 *
 * @param id the database's id for it, increasing in the order samples were added
 * @param label the character it is (one letter or digit, case-sensitive)
 * @param strokes the drawing as the page sent it, or {@code null} when it came as canvas pixels
 * @param view the network's 28×28 view of it, upright, in [0, 1] — what the reader learns from
 * @param createdMs when it was added, milliseconds since the epoch
 */
public record ProfileSample(long id, String label, List<Stroke> strokes, float[] view, long createdMs) {

    /** Labels: one letter or digit, case-sensitive (a model that merges cases folds it when it learns). */
    public static void checkLabel(String label) {
        if (label == null || label.codePointCount(0, label.length()) != 1
                || !Character.isLetterOrDigit(label.codePointAt(0))) {
            throw new ProfileException(ProfileException.Reason.INVALID, "a label is one letter or digit");
        }
    }
}
