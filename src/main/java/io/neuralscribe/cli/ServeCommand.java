package io.neuralscribe.cli;

import io.neuralscribe.data.DataLocation;
import io.neuralscribe.model.ComputeDevice;
import io.neuralscribe.model.ShippedModels;
import io.neuralscribe.server.NeuralScribeServer;
import io.neuralscribe.server.ServerOptions;
import io.neuralscribe.server.TrainingSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code neuralscribe serve}: the dashboard and the API, predicting the moment it starts. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the dashboard at http://HOST:PORT/ and the WebSocket and REST API.")
public final class ServeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    DeviceOption device = new DeviceOption();

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "address to listen on (default: ${DEFAULT-VALUE}; beyond loopback admin actions need a token)")
    String host;

    @Option(names = "--port", defaultValue = "8000", description = "port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--model", description = "model file to serve (repeatable; default: the shipped models)")
    List<Path> models;

    @Option(names = "--data", description = "EMNIST folder for training from the page (default: $NEURALSCRIBE_DATA, then data/emnist)")
    Path data;

    @Option(names = "--split-data", description = "SPLIT=DIR: another EMNIST folder for one split (repeatable), "
            + "e.g. byclass=data/emnist-byclass-dev (default: none; every split from --data)")
    java.util.Map<String, Path> splitData;

    @Option(names = "--state-dir", description = "where models trained from the page are kept (default: ~/.neuralscribe)")
    Path stateDir;

    @Option(names = "--profiles", description = "the personal profiles' database file (default: profiles.db in the "
            + "state directory)")
    Path profiles;

    @Option(names = "--allow-origin", description = "another browser origin allowed to use the API "
            + "(repeatable; default: none; only the page's own origin)")
    List<String> allowOrigins;

    @Option(names = "--admin-token", description = "admin token (default: $NEURALSCRIBE_ADMIN_TOKEN; generated when "
            + "listening beyond loopback)")
    String adminToken;

    @Option(names = "--allow-download", description = "let a training started from the page download missing "
            + "EMNIST data (about 535 MB) without the admin token")
    boolean allowDownload;

    @Option(names = "--no-batching", description = "run each prediction on its own instead of batching waiting ones")
    boolean noBatching;

    @Option(names = "--train-batch-size", defaultValue = "128", description = "batch size for training from the page (default: ${DEFAULT-VALUE})")
    int trainBatchSize;

    @Option(names = "--train-limit", defaultValue = "0", description = "train on at most this many images "
            + "(default: ${DEFAULT-VALUE}; 0 = all)")
    int trainLimit;

    @Option(names = "--eval-limit", defaultValue = "10000", description = "test images checked after each epoch "
            + "(default: ${DEFAULT-VALUE})")
    int evalLimit;

    @Override
    public Integer call() throws Exception {
        device.select();
        long start = System.nanoTime();
        PrintWriter out = spec.commandLine().getOut();
        List<Path> files = models != null ? models : ShippedModels.all();
        if (files.isEmpty()) {
            throw new IllegalStateException("no model to serve: " + ShippedModels.directory().toAbsolutePath()
                    + " holds none; pass --model FILE or train one with ./neuralscribe train");
        }
        String token = adminToken != null ? adminToken : System.getenv("NEURALSCRIBE_ADMIN_TOKEN");
        CountDownLatch stopped = new CountDownLatch(1);
        Path state = stateDir != null ? stateDir : Path.of(System.getProperty("user.home"), ".neuralscribe");
        ServerOptions options = new ServerOptions(host, port, files, state,
                allowOrigins == null ? new HashSet<>() : new HashSet<>(allowOrigins),
                token == null || token.isBlank() ? null : token, !noBatching,
                new TrainingSettings(DataLocation.resolve(data), splitData == null ? java.util.Map.of() : splitData,
                        trainBatchSize, trainLimit, evalLimit),
                stopped::countDown, allowDownload, profiles != null ? profiles : state.resolve(ServerOptions.PROFILES_FILE));
        NeuralScribeServer server = NeuralScribeServer.start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-server"));
        String shown = host.contains(":") ? "[" + host + "]" : host;
        out.printf("NeuralScribe is serving %s at http://%s:%d/ on %s (ready in %.1f s)%n",
                String.join(", ", server.predictions().names()), shown, server.port(),
                ComputeDevice.describe(ComputeDevice.current()), (System.nanoTime() - start) / 1e9);
        if (server.adminTokenGenerated()) {
            out.println("Admin token (train, cancel, reset, shutdown): " + server.adminToken());
        } else if (server.adminToken() != null) {
            // A token given by flag or environment is known to whoever started us; logs need not repeat it.
            out.println("Admin actions (train, cancel, reset, shutdown) need the admin token given at start");
        }
        out.flush();
        stopped.await();
        return 0;
    }
}
