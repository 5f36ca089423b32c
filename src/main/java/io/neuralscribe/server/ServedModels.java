package io.neuralscribe.server;

import io.neuralscribe.inference.PredictionService;
import io.neuralscribe.model.LoadedModel;
import io.neuralscribe.model.ModelFile;
import io.neuralscribe.model.ModelMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    public ServedModels(PredictionService service, Path stateDirectory) {
        this.service = service;
        this.trainedDirectory = stateDirectory.resolve("models");
    }

    /** Loads a shipped model (or the trained model that replaced it); its name is its split. */
    public synchronized String add(Path shippedFile) throws IOException {
        ModelMetadata shippedMetadata = ModelFile.readMetadata(shippedFile);
        String name = shippedMetadata.split();
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

    public Path trainedPath(String name) {
        return trainedDirectory.resolve(name + ModelFile.EXTENSION);
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
     * Puts a freshly trained model (at {@code staged}) in service, then keeps it as the trained
     * file. If it does not load, nothing changes.
     */
    public synchronized void installTrained(String name, Path staged) throws IOException {
        Slot slot = slot(name);
        Path trained = trainedPath(name);
        install(name, slot.shipped(), staged);
        Files.move(staged, trained, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        slots.put(name, new Slot(slot.shipped(), trained, slots.get(name).metadata()));
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
