package io.neuralscribe.data;

import io.neuralscribe.raster.Stroke;

import java.util.List;

/**
 * One written character as pen strokes, with who wrote it.
 *
 * @param label the character written, case-sensitive (one of the 62 ByClass labels)
 * @param bymergeLabel the same character in ByMerge's 47 classes (c→C, o→O, …)
 * @param writer who wrote it ({@code contributor:writer-id}); splits and per-writer figures use it
 * @param category what the writer was asked for: {@code 1a} digits, {@code 1b} upper case, {@code 1c} lower case
 * @param strokes pen-down strokes in drawing order, y down (canvas convention), square geometry
 */
public record StrokeSample(String label, String bymergeLabel, String writer, String category, List<Stroke> strokes) {

    /** The label in the class list of a model: its ByMerge label when the list is ByMerge's. */
    public String labelFor(List<String> classes) {
        return classes.contains(label) ? label : bymergeLabel;
    }
}
