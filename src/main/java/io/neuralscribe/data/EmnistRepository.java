package io.neuralscribe.data;

import io.neuralscribe.raster.Grid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a split's partition from a data folder in the official file layout, downloading the
 * official archive first when the files are missing and a downloader is given.
 */
public final class EmnistRepository {
    private final Path directory;
    private final EmnistDownloader downloader;

    /** @param downloader fetches missing files; {@code null} means fail with a clear message instead */
    public EmnistRepository(Path directory, EmnistDownloader downloader) {
        this.directory = directory;
        this.downloader = downloader;
    }

    public Path directory() {
        return directory;
    }

    public boolean has(EmnistSplit split, EmnistSplit.Part part) {
        return Files.isRegularFile(directory.resolve(split.imagesFile(part)))
                && Files.isRegularFile(directory.resolve(split.labelsFile(part)))
                && Files.isRegularFile(directory.resolve(split.mappingFile()));
    }

    public ImageDataset load(EmnistSplit split, EmnistSplit.Part part) throws IOException {
        if (!has(split, part)) {
            if (downloader == null) {
                throw new java.io.FileNotFoundException("EMNIST " + split.id() + " " + part.id()
                        + " is not in " + directory.toAbsolutePath() + " (expected " + split.imagesFile(part)
                        + ", " + split.labelsFile(part) + " and " + split.mappingFile() + ")");
            }
            downloader.fetch(split, directory);
        }
        LabelMapping mapping = LabelMapping.read(directory.resolve(split.mappingFile()));
        Path imagesFile = directory.resolve(split.imagesFile(part));
        Path labelsFile = directory.resolve(split.labelsFile(part));
        byte[] images = IdxReader.readImages(imagesFile);
        int[] labels = IdxReader.readLabels(labelsFile);
        if (images.length / Grid.PIXELS != labels.length) {
            throw new DataFileException(labelsFile, labels.length + " labels for "
                    + images.length / Grid.PIXELS + " images in " + imagesFile.getFileName());
        }
        int[] classes = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            Integer cls = mapping.classOfLabel().get(labels[i]);
            if (cls == null) {
                throw new DataFileException(labelsFile, "label " + labels[i] + " at index " + i
                        + " is not in " + split.mappingFile());
            }
            classes[i] = cls;
        }
        return new ImageDataset("emnist-" + split.id() + "-" + part.id(), images, classes, mapping.classes());
    }
}
