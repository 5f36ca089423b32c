package io.neuralscribe.server;

import io.neuralscribe.data.FileMoves;

import io.neuralscribe.data.EmnistSplit;
import io.neuralscribe.inference.PredictionService;
import io.neuralscribe.model.LoadedModel;
import io.neuralscribe.model.ModelFile;
import io.neuralscribe.model.ModelMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The models the server serves, by name (the split they read: {@code bymerge}, {@code byclass}).
 * Each has a shipped file, never changed, and may have a trained file in the state folder, which
 * wins while it exists. Installing or resetting swaps the model in the prediction service at once.
 */
public final class ServedModels {
    private static final Logger LOG = LoggerFactory.getLogger(ServedModels.class);

    private final PredictionService service;
    private final Path trainedDirectory;
    private final Map<String, Slot> slots = new LinkedHashMap<>();

    private record Slot(Path shipped, Path serving, ModelMetadata metadata) {
        boolean shippedServing() {
            return serving.equals(shipped);
        }
    }

    /** Removes what a killed save or training left in the state folder (it holds no model in service yet). */
    public ServedModels(PredictionService service, Path stateDirectory) throws IOException {
        this.service = service;
        this.trainedDirectory = stateDirectory.resolve("models");
        for (Path leftover : ModelFile.removeLeftovers(trainedDirectory)) {
            LOG.info("Removed {}, left by an interrupted save", leftover.getFileName());
        }
    }

    /** Loads a shipped model (or the trained model that replaced it); its name is its split. */
    public synchronized String add(Path shippedFile) throws IOException {
        ModelMetadata shippedMetadata = ModelFile.readMetadata(shippedFile);
        String name = validName(shippedFile, shippedMetadata.split());
        if (slots.containsKey(name)) {
            throw new IOException("two models for " + name + ": " + slots.get(name).shipped() + " and " + shippedFile);
        }
        Path trained = trainedPath(name);
        if (Files.isRegularFile(trained)) {
            try {
                install(name, shippedFile, trained);
                return name;
            } catch (IOException | RuntimeException e) {
                LOG.warn("Trained model {} does not load ({}); serving the shipped one", trained, e.getMessage());
            }
        }
        install(name, shippedFile, shippedFile);
        return name;
    }

    /**
     * A model's name comes from its file and becomes a file name in the state folder: only the
     * known splits pass, so a crafted file cannot make us load or delete {@code ../../anything}.
     */
    private static String validName(Path file, String split) throws IOException {
        try {
            return EmnistSplit.parse(split).id();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException(file.getFileName() + ": its split \"" + (split == null ? "" : split.length() > 40
                    ? split.substring(0, 40) + "…" : split) + "\" is not one of the EMNIST splits");
        }
    }

    /** @param name a split's id (checked again here: this becomes a file name) */
    public Path trainedPath(String name) {
        return trainedDirectory.resolve(splitId(name) + ModelFile.EXTENSION);
    }

    /** Where a training from the page writes its model before it goes into service. */
    public Path stagedPath(String name) {
        return trainedDirectory.resolve(splitId(name) + ModelFile.STAGED_SUFFIX + ModelFile.EXTENSION);
    }

    private static String splitId(String name) {
        String id = EmnistSplit.parse(name).id();
        if (!id.equals(name)) {
            throw new IllegalArgumentException("not a model name: " + name);
        }
        return id;
    }

    public synchronized List<String> names() {
        return List.copyOf(slots.keySet());
    }

    public synchronized ModelMetadata metadata(String name) {
        return slot(name).metadata();
    }

    /** @param name a model's name, or {@code null} for the default model (whose name is then reported) */
    public synchronized Outbound.ModelInfo info(String name) {
        String resolved = name == null ? service.defaultModel() : name;
        Slot slot = slot(resolved);
        ModelMetadata m = slot.metadata();
        return new Outbound.ModelInfo(resolved, m.architecture(), m.split(), m.classes(), m.trainedOn(),
                m.evaluation() == null ? null : m.evaluation().accuracy(),
                m.evaluation() == null ? null : evaluatedOn(m.evaluation().dataset(), m.evaluation().images()),
                slot.shippedServing());
    }

    /** "dataset (12,345 images)", unless the dataset's description already gives that count. */
    static String evaluatedOn(String dataset, int images) {
        String count = String.format(java.util.Locale.ROOT, "%,d images", images);
        return dataset.contains(count) ? dataset : dataset + " (" + count + ")";
    }

    public synchronized List<Outbound.ModelInfo> infos() {
        List<Outbound.ModelInfo> list = new ArrayList<>();
        for (String name : slots.keySet()) {
            list.add(info(name));
        }
        return list;
    }

    /**
     * Keeps a freshly trained model (at {@code staged}) as the trained file, then puts it in
     * service — in that order, so that what serves is always what a restart would serve. If it does
     * not load, or cannot be moved into place, nothing changes.
     */
    public synchronized void installTrained(String name, Path staged) throws IOException {
        Slot slot = slot(name);
        Path trained = trainedPath(name);
        LoadedModel model = ModelFile.load(staged);
        try {
            FileMoves.replace(staged, trained);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw new IOException("the trained model could not be kept as " + trained.getFileName() + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        service.put(name, model);
        slots.put(name, new Slot(slot.shipped(), trained, model.metadata()));
    }

    /** Back to the shipped model: the trained file is deleted. */
    public synchronized void reset(String name) throws IOException {
        Slot slot = slot(name);
        install(name, slot.shipped(), slot.shipped());
        Files.deleteIfExists(trainedPath(name));
    }

    private void install(String name, Path shipped, Path file) throws IOException {
        LoadedModel model = ModelFile.load(file);
        service.put(name, model);
        slots.put(name, new Slot(shipped, file, model.metadata()));
    }

    private Slot slot(String name) {
        Slot slot = slots.get(name == null ? service.defaultModel() : name);
        if (slot == null) {
            throw new io.neuralscribe.inference.UnknownModelException(String.valueOf(name), slots.keySet());
        }
        return slot;
    }
}
