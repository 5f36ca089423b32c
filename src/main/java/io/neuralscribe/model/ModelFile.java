package io.neuralscribe.model;

import io.neuralscribe.data.FileMoves;
import io.neuralscribe.data.SnakeCaseJson;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A model file: a zip holding {@code metadata.json} (architecture, classes, normalization, history,
 * evaluation; in the program's one JSON convention, {@link SnakeCaseJson}, and older camelCase files
 * still read, see {@link ModelMetadata}) and {@code parameters.djl} (the weights). Saving writes a temporary file beside the
 * target and then moves it, so a crash or a failed training never leaves a half-written model.
 */
public final class ModelFile {
    public static final String EXTENSION = ".nsmodel";
    /** A model written but not yet in service: {@code NAME.staged.nsmodel}. */
    public static final String STAGED_SUFFIX = ".staged";
    private static final String METADATA_ENTRY = "metadata.json";
    private static final String PARAMETERS_ENTRY = "parameters.djl";

    private ModelFile() {}

    public static void save(Path target, Block network, ModelMetadata metadata) throws IOException {
        write(target, metadata, out -> {
            DataOutputStream data = new DataOutputStream(out);
            network.saveParameters(data);
            data.flush();
        });
    }

    /**
     * Changes a model file's metadata and keeps its weights byte for byte (no network is built, so
     * it takes milliseconds); written the way {@link #save} writes.
     */
    public static void updateMetadata(Path file, java.util.function.UnaryOperator<ModelMetadata> change)
            throws IOException {
        copyWithMetadata(file, file, change);
    }

    /** Like {@link #updateMetadata}, writing the changed model to {@code target} (atomically, as {@link #save} does). */
    public static void copyWithMetadata(Path file, Path target, java.util.function.UnaryOperator<ModelMetadata> change)
            throws IOException {
        ModelMetadata metadata = null;
        byte[] parameters = null;
        try (ZipInputStream zip = open(file)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (entry.getName().equals(METADATA_ENTRY)) {
                    metadata = parseMetadata(file, zip);
                } else if (entry.getName().equals(PARAMETERS_ENTRY)) {
                    parameters = zip.readAllBytes();
                }
            }
        }
        if (metadata == null || parameters == null) {
            throw new IOException(file + ": not a NeuralScribe model (missing "
                    + (metadata == null ? METADATA_ENTRY : PARAMETERS_ENTRY) + ")");
        }
        byte[] weights = parameters;
        write(target, change.apply(metadata), out -> out.write(weights));
    }

    private interface ParametersWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes a temporary file beside {@code target}, then moves it into place. */
    private static void write(Path target, ModelMetadata metadata, ParametersWriter parameters) throws IOException {
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
        try {
            readableByAll(temporary);
            try (OutputStream file = Files.newOutputStream(temporary);
                    ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(file))) {
                zip.putNextEntry(new ZipEntry(METADATA_ENTRY));
                // Whatever format the metadata was read in, it is written in this one and says so.
                zip.write(SnakeCaseJson.INDENTED.writeValueAsBytes(metadata.inCurrentFormat()));
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(PARAMETERS_ENTRY));
                parameters.writeTo(zip);
                zip.closeEntry();
            }
            FileMoves.replace(temporary, absolute);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Temporary files are created private; a model is meant to be read by whoever runs the program. */
    private static void readableByAll(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** Reads only the metadata, without loading weights. */
    public static ModelMetadata readMetadata(Path file) throws IOException {
        try (ZipInputStream zip = open(file)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (entry.getName().equals(METADATA_ENTRY)) {
                    return parseMetadata(file, zip);
                }
            }
        }
        throw new IOException(file + ": not a NeuralScribe model (no " + METADATA_ENTRY + ")");
    }

    /** Loads a model file into a network ready for inference, on the process's {@link ComputeDevice}. */
    public static LoadedModel load(Path file) throws IOException {
        return load(file, ComputeDevice.current());
    }

    /**
     * Loads a model and checks that its output layer has one output per class its metadata names:
     * DJL loads weights of any shape, and a mismatch would otherwise surface as wrong labels or a
     * failure at the first prediction.
     */
    public static LoadedModel load(Path file, Device device) throws IOException {
        NDManager manager = NDManager.newBaseManager(device, "PyTorch");
        try {
            Contents contents = read(file, manager, m -> m.architectureKind().build(m.numClasses()));
            LoadedModel model = new LoadedModel(contents.metadata(), contents.network(), manager);
            long outputs;
            try {
                outputs = model.outputs();
            } catch (RuntimeException e) {
                throw new IOException(file.getFileName() + ": its weights do not fit a " + contents.metadata().architecture()
                        + " network of " + contents.metadata().numClasses() + " classes (" + describe(e) + ")", e);
            }
            if (outputs != contents.metadata().numClasses()) {
                throw new IOException(file.getFileName() + ": its metadata names " + contents.metadata().numClasses()
                        + " classes, but its output layer has " + outputs + " outputs");
            }
            return model;
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Deletes what an interrupted {@link #save} or staged training left in {@code directory}:
     * temporary files ({@code .NAME.nsmodel…tmp}) and staged models ({@code NAME.staged.nsmodel}).
     * Call it at start, before anything in that folder is being written.
     *
     * @return the files removed
     */
    public static java.util.List<Path> removeLeftovers(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return java.util.List.of();
        }
        java.util.List<Path> removed = new java.util.ArrayList<>();
        try (var files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                boolean temporary = name.startsWith(".") && name.contains(EXTENSION) && name.endsWith(".tmp");
                boolean staged = name.endsWith(STAGED_SUFFIX + EXTENSION);
                if ((temporary || staged) && Files.isRegularFile(file) && Files.deleteIfExists(file)) {
                    removed.add(file);
                }
            }
        }
        return removed;
    }

    /**
     * Loads a model file's weights into a fresh network of the same architecture and classes, for
     * training onwards from them (the arrays live in {@code manager}).
     *
     * @return the file's metadata
     */
    public static ModelMetadata loadWeightsInto(Path file, StagedNetwork network, NDManager manager)
            throws IOException {
        return read(file, manager, metadata -> network).metadata();
    }

    private record Contents(ModelMetadata metadata, StagedNetwork network) {}

    /** Reads the metadata, then the weights into the network {@code networkFor} gives for it. */
    private static Contents read(Path file, NDManager manager, Function<ModelMetadata, StagedNetwork> networkFor)
            throws IOException {
        ModelMetadata metadata = null;
        try (ZipInputStream zip = open(file)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (entry.getName().equals(METADATA_ENTRY)) {
                    metadata = parseMetadata(file, zip);
                } else if (entry.getName().equals(PARAMETERS_ENTRY)) {
                    if (metadata == null) {
                        throw new IOException(file + ": " + PARAMETERS_ENTRY + " comes before " + METADATA_ENTRY);
                    }
                    StagedNetwork network = networkFor.apply(metadata);
                    try {
                        network.loadParameters(manager, new DataInputStream(new BufferedInputStream(zip)));
                    } catch (IOException | RuntimeException e) {
                        throw new IOException(file.getFileName() + ": the weights in " + PARAMETERS_ENTRY
                                + " are " + (e instanceof java.io.EOFException || e instanceof java.util.zip.ZipException
                                        || e.getCause() instanceof java.io.EOFException ? "cut short" : "damaged")
                                + " (" + describe(e) + ")", e);
                    }
                    return new Contents(metadata, network);
                }
            }
        } catch (MalformedModelException e) {
            throw new IOException(file + ": weights do not fit the " + metadata.architecture()
                    + " network (" + e.getMessage() + ")", e);
        }
        throw new IOException(file + ": not a NeuralScribe model (missing "
                + (metadata == null ? METADATA_ENTRY : PARAMETERS_ENTRY) + ")");
    }

    /** An exception in words, for exceptions whose message is empty ({@code EOFException}). */
    private static String describe(Throwable e) {
        if (e instanceof java.io.EOFException) {
            return "the file ends too early";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static ZipInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.io.FileNotFoundException(file + ": no such model file");
        }
        return new ZipInputStream(new BufferedInputStream(Files.newInputStream(file)));
    }

    private static ModelMetadata parseMetadata(Path file, InputStream in) throws IOException {
        ModelMetadata metadata;
        try {
            metadata = SnakeCaseJson.MAPPER.readValue(in.readAllBytes(), ModelMetadata.class);
        } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
            // Well-formed JSON whose values break the metadata's rules (a pen prior of another length…).
            throw new IOException(file + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getOriginalMessage()),
                    e);
        }
        if (metadata.formatVersion() > ModelMetadata.FORMAT_VERSION) {
            throw new IOException(file + ": model format " + metadata.formatVersion()
                    + " is newer than this program reads (" + ModelMetadata.FORMAT_VERSION + ")");
        }
        return metadata;
    }
}
