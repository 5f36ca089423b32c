package io.neuralscribe.cli;

import io.neuralscribe.raster.Grid;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.neuralscribe.data.ImageDataset;
import io.neuralscribe.inference.Predictor;
import io.neuralscribe.model.Architecture;
import io.neuralscribe.model.ComputeDevice;
import io.neuralscribe.model.InputEncoding;
import io.neuralscribe.model.LoadedModel;
import io.neuralscribe.model.ModelMetadata;
import io.neuralscribe.model.Normalization;
import io.neuralscribe.model.StagedNetwork;
import io.neuralscribe.train.TrainingOptions;
import io.neuralscribe.train.TrainingOutcome;
import io.neuralscribe.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/**
 * {@code neuralscribe bench}: training samples/s and inference latency for each architecture,
 * in float32 and bfloat16. Figures, not pass/fail: print them, or write them as JSON.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure training throughput and inference latency (p50/p99) for each architecture.")
public final class BenchCommand implements Callable<Integer> {
    private static final int CLASSES = 47;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    DeviceOption device = new DeviceOption();

    @Option(names = "--arch", split = ",", converter = Converters.Arch.class,
            description = "architectures to measure (default: all)")
    List<Architecture> architectures;

    @Option(names = "--train-batches", defaultValue = "30", description = "training batches to time (default: ${DEFAULT-VALUE})")
    int trainBatches;

    @Option(names = "--batch-size", defaultValue = "128", description = "training batch size (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--iterations", defaultValue = "300", description = "timed inference calls per case (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--json", description = "write the figures to this JSON file (default: none; they are only printed)")
    Path json;

    @Option(names = "--server", description = "measure the server instead: cold start, WebSocket round trips, "
            + "many clients, memory")
    boolean server;

    @Option(names = "--model", description = "with --server: model file (default: the shipped ByMerge model)")
    Path model;

    @Option(names = "--clients", defaultValue = "32", description = "with --server: concurrent clients (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--seconds", defaultValue = "10", description = "with --server: seconds of concurrent load (default: ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--soak", defaultValue = "10000", description = "with --server: predictions between the memory readings (default: ${DEFAULT-VALUE})")
    int soak;

    @Option(names = "--abuse", description = "with --server: a soak under abuse (clients that never read, 400 MB "
            + "chunked bodies, heavy pictures) while one client predicts; latency and the server's memory")
    boolean abuse;

    @Override
    public Integer call() throws Exception {
        device.select();
        PrintWriter out = spec.commandLine().getOut();
        if (trainBatches < 2 || iterations < 10 || batchSize < 2) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--train-batches ≥ 2, --batch-size ≥ 2 and --iterations ≥ 10 are needed for figures that mean anything");
        }
        if (server && abuse) {
            Map<String, Object> figures = new AbuseSoak(
                    model != null ? model : io.neuralscribe.model.ShippedModels.defaultModel()).run(out);
            if (json != null) {
                io.neuralscribe.data.SnakeCaseJson.INDENTED.writeValue(json.toFile(), figures);
                out.println("Figures written to " + json.toAbsolutePath());
            }
            return 0;
        }
        if (server) {
            Map<String, Object> figures = new ServerBenchmark(
                    model != null ? model : io.neuralscribe.model.ShippedModels.defaultModel(),
                    iterations, clients, seconds, soak).run(out);
            if (json != null) {
                io.neuralscribe.data.SnakeCaseJson.INDENTED.writeValue(json.toFile(), figures);
                out.println("Figures written to " + json.toAbsolutePath());
            }
            return 0;
        }
        List<Architecture> chosen = architectures == null ? List.of(Architecture.values()) : architectures;
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("threads", io.neuralscribe.model.TorchThreads.configured());
        for (Architecture architecture : chosen) {
            Map<String, Object> result = new LinkedHashMap<>();
            double samplesPerSecond = trainingThroughput(architecture);
            result.put("train_samples_per_second", Math.round(samplesPerSecond));
            out.printf("%s: training %.0f samples/s (batch %d, default recipe, augmentation on)%n",
                    architecture.id(), samplesPerSecond, batchSize);
            out.flush();
            Map<String, Object> latency = inferenceLatency(architecture);
            result.put("inference_float32", latency);
            out.printf("%s float32 inference: %s%n", architecture.id(), latency);
            out.flush();
            figures.put(architecture.id(), result);
        }
        if (json != null) {
            io.neuralscribe.data.SnakeCaseJson.INDENTED.writeValue(json.toFile(), figures);
            out.println("Figures written to " + json.toAbsolutePath());
        }
        return 0;
    }

    /** Times the real training path (batch building, augmentation, Mixup, clipping) on random pictures. */
    private double trainingThroughput(Architecture architecture) throws Exception {
        ImageDataset train = randomDataset(trainBatches * batchSize, 1);
        ImageDataset test = randomDataset(batchSize, 2);
        TrainingOptions options = TrainingOptions.builder().architecture(architecture).epochs(1).batchSize(batchSize)
                .evalLimit(batchSize).build();
        Path scratch = Files.createTempFile("bench", ".nsmodel");
        try {
            TrainingOutcome outcome = new TrainingRun(options, io.neuralscribe.train.TrainingObserver.NONE, () -> false)
                    .run(train, test, "bench", "random pictures", scratch);
            return outcome.samplesPerSecond();
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    /** p50/p99 of one image without TTA, one image with TTA (a batch of 5), and 5 images without TTA. */
    private Map<String, Object> inferenceLatency(Architecture architecture) {
        NDManager manager = NDManager.newBaseManager(ComputeDevice.current(), "PyTorch");
        StagedNetwork network = architecture.build(CLASSES);
        // Latency does not depend on the weights' values: random ones.
        network.initialize(manager, DataType.FLOAT32, new Shape(1, 1, Grid.SIDE, Grid.SIDE));
        List<String> classes = IntStream.range(0, CLASSES).mapToObj(Integer::toString).toList();
        ModelMetadata metadata = new ModelMetadata(ModelMetadata.FORMAT_VERSION, architecture.id(), "bench", classes,
                new Normalization(0.17f, 0.33f), "random weights", 0, null, null, null, null);
        Map<String, Object> latency = new LinkedHashMap<>();
        try (LoadedModel model = new LoadedModel(metadata, network, manager)) {
            Predictor predictor = new Predictor(architecture.id(), model);
            Random random = new Random(7);
            List<float[]> five = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                five.add(randomView(random));
            }
            latency.put("one_image_ms", timed(() -> predictor.predict(five.subList(0, 1), false)));
            latency.put("one_image_tta_ms", timed(() -> predictor.predict(five.subList(0, 1), true)));
            latency.put("five_images_ms", timed(() -> predictor.predict(five, false)));
        }
        return latency;
    }

    private Map<String, Double> timed(Runnable call) {
        for (int i = 0; i < Math.max(10, iterations / 10); i++) {
            call.run();
        }
        double[] ms = new double[iterations];
        double[] cpuMs = new double[iterations];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < iterations; i++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            call.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
            cpuMs[i] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
        }
        Map<String, Double> figures = new LinkedHashMap<>(Percentiles.medianAndTail(ms));
        // The calling thread's CPU time: with one PyTorch thread (-Dai.djl.pytorch.num_threads=1) all
        // the work runs on it, and this figure holds steady while other programs share the cores.
        figures.put("cpu_p50", Math.round(Percentiles.of(cpuMs, 0.50) * 1000) / 1000.0);
        return figures;
    }

    private static float[] randomView(Random random) {
        float[] view = new float[Grid.PIXELS];
        for (int i = 0; i < view.length; i++) {
            view[i] = random.nextFloat() < 0.2f ? random.nextFloat() : 0f;
        }
        return view;
    }

    private static ImageDataset randomDataset(int size, long seed) {
        Random random = new Random(seed);
        byte[] images = new byte[size * Grid.PIXELS];
        random.nextBytes(images);
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = random.nextInt(CLASSES);
        }
        List<String> classes = IntStream.range(0, CLASSES).mapToObj(Integer::toString).toList();
        return new ImageDataset("random", images, labels, classes);
    }
}
