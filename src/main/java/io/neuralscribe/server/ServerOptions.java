package io.neuralscribe.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * How to run the server.
 *
 * @param modelFiles shipped model files to serve; the first is the default model
 * @param stateDirectory where models trained from the page are kept
 * @param allowedOrigins browser origins besides the page's own that may use the API
 * @param adminToken the admin token; {@code null} generates one when the host is not loopback
 * @param batching run waiting predictions of several clients in one forward pass
 * @param onShutdown what {@code shutdown} does after the server has stopped (the CLI exits)
 * @param allowDownload a training started from the page may download missing EMNIST data without
 *     the admin token (with the token, it always may)
 * @param profilesFile the profile database (created when missing)
 */
public record ServerOptions(
        String host,
        int port,
        List<Path> modelFiles,
        Path stateDirectory,
        Set<String> allowedOrigins,
        String adminToken,
        boolean batching,
        TrainingSettings training,
        Runnable onShutdown,
        boolean allowDownload,
        Path profilesFile) {

    /** The profile database's usual name, in the state directory. */
    public static final String PROFILES_FILE = "profiles.db";

    public static final int MAX_MESSAGE_CHARS = 64 * 1024;
    public static final int MAX_FRAME_BYTES = 1024 * 1024;
    public static final long MAX_BODY_BYTES = 8L * 1024 * 1024;

    public ServerOptions {
        if (modelFiles.isEmpty()) {
            throw new IllegalArgumentException("the server needs at least one model file");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0–65535");
        }
        modelFiles = List.copyOf(modelFiles);
        allowedOrigins = Set.copyOf(allowedOrigins);
    }

    /**
     * Options where a page's training never downloads data unless it holds the admin token, and the
     * profiles live in the state directory.
     */
    public ServerOptions(String host, int port, List<Path> modelFiles, Path stateDirectory, Set<String> allowedOrigins,
            String adminToken, boolean batching, TrainingSettings training, Runnable onShutdown) {
        this(host, port, modelFiles, stateDirectory, allowedOrigins, adminToken, batching, training, onShutdown, false,
                stateDirectory.resolve(PROFILES_FILE));
    }

    /** Admin actions need a token whenever the server is reachable from beyond this machine. */
    public boolean adminRequired() {
        return adminToken != null || !AccessPolicy.isLoopback(host);
    }
}
