package io.neuralscribe.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The six EMNIST splits, named as in the official files ({@code emnist-<name>-...}). */
public enum EmnistSplit {
    BYCLASS("ByClass", 697_932, 116_323),
    BYMERGE("ByMerge", 697_932, 116_323),
    BALANCED("Balanced", 112_800, 18_800),
    LETTERS("Letters", 124_800, 20_800),
    DIGITS("Digits", 240_000, 40_000),
    MNIST("MNIST", 60_000, 10_000);

    /** The split's name as the EMNIST paper writes it, for descriptions. */
    private final String title;
    private final int officialTrainSize;
    private final int officialTestSize;

    EmnistSplit(String title, int officialTrainSize, int officialTestSize) {
        this.title = title;
        this.officialTrainSize = officialTrainSize;
        this.officialTestSize = officialTestSize;
    }

    /** How many images the official partition holds. */
    public int officialSize(Part part) {
        return part == Part.TRAIN ? officialTrainSize : officialTestSize;
    }

    /**
     * How a set of {@code images} from this partition must be described wherever a figure is
     * reported: the official partition, or a subset of it.
     */
    public String describe(Part part, int images) {
        String partition = "EMNIST " + title + " " + part.id();
        return images == officialSize(part) ? "the official " + partition + " partition ("
                + String.format("%,d", images) + " images)"
                : String.format("a %,d-image subset of %s", images, partition);
    }

    /** The lower-case name used in file names and on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String imagesFile(Part part) {
        return "emnist-" + id() + "-" + part.id() + "-images-idx3-ubyte.gz";
    }

    public String labelsFile(Part part) {
        return "emnist-" + id() + "-" + part.id() + "-labels-idx1-ubyte.gz";
    }

    public String mappingFile() {
        return "emnist-" + id() + "-mapping.txt";
    }

    public static EmnistSplit parse(String text) {
        for (EmnistSplit split : values()) {
            if (split.id().equalsIgnoreCase(text.trim())) {
                return split;
            }
        }
        throw new IllegalArgumentException("unknown EMNIST split '" + text + "'; expected one of "
                + Arrays.stream(values()).map(EmnistSplit::id).collect(Collectors.joining(", ")));
    }

    /** The two partitions every split has. */
    public enum Part {
        TRAIN, TEST;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
