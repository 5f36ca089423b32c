package io.neuralscribe.inference;

import io.neuralscribe.raster.Stroke;
import io.neuralscribe.raster.StrokeRenderer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a written line: its characters are segmented ({@link StrokeSegmenter} for strokes,
 * {@link PictureSegmenter} for a picture), each is rendered to the network's view by the one
 * renderer, all of them go through the network in ONE call (one forward pass, TTA as the caller
 * chose), and {@link LineContext} chooses the string. Each character keeps the network's own
 * top three beside the choice, so context never hides what the network saw.
 */
public final class LineReader {
    /** The most characters one line may have: a line, not a page. */
    public static final int MAX_CHARACTERS = 64;

    /** Runs the network on views, all in one batch, answering in order. */
    @FunctionalInterface
    public interface Network {
        List<Prediction> predict(List<float[]> views);
    }

    /**
     * One character of the reading.
     *
     * @param label what context chose
     * @param confidence the probability the choice rests on
     * @param alternatives the network's own top three, as it read the character alone
     * @param box where the character is, in the writing's coordinates
     * @param joined true when it looks like letters written together (joined writing is not separated)
     * @param prediction the network's full answer (bars, network view)
     */
    public record Character(String label, double confidence, List<RankedLabel> alternatives, Box box, boolean joined,
            Prediction prediction) {}

    /**
     * @param text the line as context reads it, words separated by one space
     * @param networkText each character's own best class, for comparison
     * @param joined true when some character looks like letters written together
     * @param lastTouched the character that holds the last stroke written (for a picture, the last
     *     character); −1 when nothing is written
     */
    public record Reading(String text, String networkText, List<Character> characters, List<LineContext.Word> words,
            boolean joined, int lastTouched) {
        public static Reading empty() {
            return new Reading("", "", List.of(), List.of(), false, -1);
        }
    }

    private final LineContext context;

    public LineReader(List<String> classes, WordList words) {
        this.context = new LineContext(classes, words);
    }

    /**
     * A line segmented and rendered, waiting for the network: {@link #views()} go through it in one
     * call, then {@link LineReader#finish} reads the answers.
     *
     * @param lastTouched the index of the character holding the last stroke written, or −1
     */
    public record Prepared(List<float[]> views, List<Layout> layout, int lastTouched) {}

    /** Where a character is and how it stands to its neighbours. */
    public record Layout(Box box, boolean spaceBefore, boolean joined) {}

    /** @throws IllegalArgumentException when the strokes make more than {@link #MAX_CHARACTERS} characters */
    public Reading readStrokes(List<Stroke> strokes, Network network, Set<LineContext.Shape> allowed) {
        Prepared prepared = prepareStrokes(strokes);
        return finish(prepared, prepared.views().isEmpty() ? List.of() : network.predict(prepared.views()), allowed);
    }

    public Reading readPicture(ImageDecoder.GrayImage picture, Network network, Set<LineContext.Shape> allowed)
            throws InvalidImageException {
        Prepared prepared = preparePicture(picture);
        return finish(prepared, prepared.views().isEmpty() ? List.of() : network.predict(prepared.views()), allowed);
    }

    /** Segments and renders strokes (no network yet). */
    public static Prepared prepareStrokes(List<Stroke> strokes) {
        List<StrokeSegmenter.Segment> segments = StrokeSegmenter.segment(strokes);
        if (segments.size() > MAX_CHARACTERS) {
            throw new IllegalArgumentException("the writing makes " + segments.size() + " characters; at most "
                    + MAX_CHARACTERS + " are read at once");
        }
        List<float[]> views = new ArrayList<>(segments.size());
        List<Layout> layout = new ArrayList<>(segments.size());
        int lastTouched = -1;
        Stroke last = strokes.isEmpty() ? null : strokes.get(strokes.size() - 1);
        for (StrokeSegmenter.Segment segment : segments) {
            views.add(StrokeRenderer.render(segment.strokes()));
            layout.add(new Layout(segment.box(), segment.spaceBefore(), segment.joined()));
            // By identity: the same stroke object, not an equal one written twice.
            if (segment.strokes().stream().anyMatch(s -> s == last)) {
                lastTouched = layout.size() - 1;
            }
        }
        return new Prepared(views, layout, lastTouched);
    }

    /** Segments a picture by connected components and frames each character (no network yet). */
    public static Prepared preparePicture(ImageDecoder.GrayImage picture) throws InvalidImageException {
        List<PictureSegmenter.Segment> segments = PictureSegmenter.segment(picture, 4 * MAX_CHARACTERS);
        if (segments.size() > MAX_CHARACTERS) {
            throw new InvalidImageException("too_many_characters", "the picture holds " + segments.size()
                    + " characters; at most " + MAX_CHARACTERS + " are read at once");
        }
        List<float[]> views = new ArrayList<>(segments.size());
        List<Layout> layout = new ArrayList<>(segments.size());
        for (PictureSegmenter.Segment segment : segments) {
            views.add(segment.view());
            layout.add(new Layout(segment.box(), segment.spaceBefore(), segment.joined()));
        }
        return new Prepared(views, layout, -1);
    }


    /** Reads the network's answers to a prepared line, one per view, in order. */
    public Reading finish(Prepared prepared, List<Prediction> predictions, Set<LineContext.Shape> allowed) {
        List<float[]> views = prepared.views();
        List<Layout> layout = prepared.layout();
        if (views.isEmpty()) {
            return Reading.empty();
        }
        List<float[]> probabilities = predictions.stream().map(Prediction::probabilities).toList();
        boolean[] spaces = new boolean[layout.size()];
        for (int i = 0; i < spaces.length; i++) {
            spaces[i] = layout.get(i).spaceBefore();
        }
        LineContext.Result chosen = context.choose(probabilities, spaces, allowed);
        LineContext.Result alone = context.alone(probabilities, spaces);
        List<Character> characters = new ArrayList<>(views.size());
        boolean joined = false;
        for (int i = 0; i < views.size(); i++) {
            LineContext.Choice choice = chosen.characters().get(i);
            Layout place = layout.get(i);
            joined |= place.joined();
            characters.add(new Character(choice.label(), choice.confidence(), predictions.get(i).top3(), place.box(),
                    place.joined(), predictions.get(i)));
        }
        return new Reading(chosen.text(), alone.text(), List.copyOf(characters), chosen.words(), joined,
                prepared.lastTouched() >= 0 ? prepared.lastTouched() : characters.size() - 1);
    }
}
