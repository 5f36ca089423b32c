package io.neuralscribe.server;

import io.neuralscribe.data.FileMoves;

import io.neuralscribe.data.EmnistSplit;
import io.neuralscribe.inference.PredictionService;
import io.neuralscribe.model.LoadedModel;
import io.neuralscribe.model.ModelFile;
import io.neuralscribe.model.ModelMetadata;
import io.neuralscribe.train.CandidateComparison;
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
 * The models the server serves, by name ({@link ModelName}: {@code bymerge}, {@code byclass},
 * {@code bymerge-resnet-se}).
 * Each has a shipped file, never changed, and may have a trained file in the state folder, which
 * wins while it exists. Beside them, the state folder may hold a finished training's candidate
 * ({@code NAME.candidate.nsmodel}, with its comparison in {@code NAME.candidate.json}) and the model
 * a person did not keep ({@code NAME.set-aside.nsmodel}): the files are the memory, so a restart
 * knows what was decided. Keeping or resetting swaps the model in the prediction service at once.
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
        String name = validName(shippedFile, shippedMetadata);
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

    /** A model's name comes from its file ({@link ModelName}); a file that makes none is refused by name. */
    private static String validName(Path file, ModelMetadata metadata) throws IOException {
        try {
            return ModelName.of(metadata).id();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            throw new IOException(file.getFileName() + ": " + (message.length() > 120
                    ? message.substring(0, 120) + "…" : message) + " — not a model this server can name");
        }
    }

    /** @param name a model's name (checked again here: this becomes a file name) */
    public Path trainedPath(String name) {
        return trainedDirectory.resolve(fileStem(name) + ModelFile.EXTENSION);
    }

    /** Where a training from the page writes its model before it goes into service. */
    public Path stagedPath(String name) {
        return trainedDirectory.resolve(fileStem(name) + ModelFile.STAGED_SUFFIX + ModelFile.EXTENSION);
    }

    private static String fileStem(String name) {
        return ModelName.parse(name).id();
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
        return describe(resolved, m, slot.shippedServing(), candidate(resolved), Files.isRegularFile(setAsidePath(resolved)));
    }

    private static Outbound.ModelInfo describe(String name, ModelMetadata m, boolean shipped, Outbound.Candidate candidate,
            boolean setAside) {
        return new Outbound.ModelInfo(name, m.architecture(), m.split(), m.classes(), m.trainedOn(),
                m.evaluation() == null ? null : m.evaluation().accuracy(),
                m.evaluation() == null ? null : evaluatedOn(m.evaluation().dataset(), m.evaluation().images()),
                shipped, candidate, setAside);
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

    /** Where a finished training's model waits until a person keeps it or the current one. */
    public Path candidatePath(String name) {
        return CandidateComparison.candidateFile(trainedPath(name));
    }

    /** The model a person did not keep, kept until they discard it. */
    public Path setAsidePath(String name) {
        return CandidateComparison.setAsideFile(trainedPath(name));
    }

    private Path comparisonPath(String name) {
        return trainedDirectory.resolve(fileStem(name) + ".candidate.json");
    }

    /** The file {@code name} is served from (the shipped one or a trained one). */
    public synchronized Path servingPath(String name) {
        return slot(name).serving();
    }

    /**
     * Keeps a finished training's model (at {@code staged}) as {@code name}'s candidate, beside its
     * comparison with the model that serves. Nothing changes in service: a person decides with
     * {@link #keep}. A candidate left waiting survives a restart.
     */
    public synchronized void offerCandidate(String name, Path staged, CandidateComparison comparison) throws IOException {
        slot(name);
        ModelFile.readMetadata(staged);
        Path json = comparisonPath(name);
        Path temporary = json.resolveSibling("." + json.getFileName() + ".tmp");
        Files.writeString(temporary, Json.write(comparison));
        FileMoves.replace(temporary, json);
        FileMoves.replace(staged, candidatePath(name));
    }

    /** The candidate waiting for {@code name}, or {@code null}. */
    public synchronized Outbound.Candidate candidate(String name) {
        Path file = candidatePath(name);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            ModelMetadata m = ModelFile.readMetadata(file);
            Path json = comparisonPath(name);
            CandidateComparison comparison = Files.isRegularFile(json)
                    ? Json.MAPPER.readValue(json.toFile(), CandidateComparison.class) : null;
            return Outbound.Candidate.of(describe(name, m, false, null, false), comparison);
        } catch (IOException | RuntimeException e) {
            LOG.warn("The candidate {} cannot be read ({})", file.getFileName(), e.getMessage());
            return null;
        }
    }

    /** Which of the two a person keeps. */
    public enum Choice { CANDIDATE, CURRENT }

    /**
     * Ends the wait for {@code name}'s candidate. Keeping the candidate puts it in service and sets
     * the trained model it replaces aside (a shipped model stays where it is anyway); keeping the
     * current one sets the candidate aside. Files move before the service changes, so that what
     * serves is what a restart would serve; a failed move leaves everything as it was.
     */
    public synchronized void keep(String name, Choice choice) throws IOException {
        Slot slot = slot(name);
        Path candidate = candidatePath(name);
        if (!Files.isRegularFile(candidate)) {
            throw new java.io.FileNotFoundException("no candidate is waiting for " + name);
        }
        Path setAside = setAsidePath(name);
        if (choice == Choice.CURRENT) {
            FileMoves.replace(candidate, setAside);
        } else {
            LoadedModel model = ModelFile.load(candidate);
            Path trained = trainedPath(name);
            boolean replacesTrained = !slot.shippedServing();
            try {
                if (replacesTrained) {
                    FileMoves.replace(trained, setAside);
                }
                try {
                    FileMoves.replace(candidate, trained);
                } catch (IOException e) {
                    if (replacesTrained) {
                        FileMoves.replace(setAside, trained);
                    }
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                model.close();
                throw e;
            }
            service.put(name, model);
            slots.put(name, new Slot(slot.shipped(), trained, model.metadata()));
        }
        Files.deleteIfExists(comparisonPath(name));
    }

    /** Deletes the model a person did not keep. @return whether there was one */
    public synchronized boolean discard(String name) throws IOException {
        slot(name);
        return Files.deleteIfExists(setAsidePath(name));
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
