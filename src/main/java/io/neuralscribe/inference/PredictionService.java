package io.neuralscribe.inference;

import io.neuralscribe.model.LoadedModel;
import io.neuralscribe.model.TorchThreads;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The models the server holds, and the inference workers that run them. Requests from any number
 * of clients queue here; a free worker takes its share of those waiting (up to a batch) and runs
 * them together, one forward pass per model (batching can be switched off to compare).
 *
 * <p>There is one worker per configured thread, and each runs its forward passes on a single
 * thread: two one-thread workers side by side beat one two-thread worker on a busy two-core
 * machine, because a worker never waits for a second thread that the web server has taken.
 *
 * <p>A model replaced while requests are in flight is closed only when no worker uses it any more,
 * so a swap never breaks a prediction.
 */
public final class PredictionService implements AutoCloseable {
    private final Map<String, Predictor> predictors = new LinkedHashMap<>();
    /** How many running batches use each predictor; guarded by {@code predictors}. */
    private final Map<Predictor, Integer> inUse = new HashMap<>();
    /** Replaced predictors still in use, to close when their last batch ends; guarded by {@code predictors}. */
    private final List<Predictor> retired = new ArrayList<>();
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final boolean batching;
    private final int maxBatch;
    private final List<Thread> workers = new ArrayList<>();
    private volatile String defaultModel;
    private volatile boolean closed;

    /** One worker per configured PyTorch thread. */
    public PredictionService(boolean batching, int maxBatch) {
        this(batching, maxBatch, TorchThreads.configured());
    }

    public PredictionService(boolean batching, int maxBatch, int workerCount) {
        this.batching = batching;
        this.maxBatch = Math.max(1, maxBatch);
        for (int i = 0; i < Math.max(1, workerCount); i++) {
            Thread worker = new Thread(this::work, "inference-" + (i + 1));
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    /**
     * One caller's views, answered together (a line's characters come as one request).
     *
     * @param profile whose hand to read with ({@link ProfileLearner}), or {@code null} for the model alone
     */
    private record Request(String model, List<float[]> views, TtaMode tta, ClassPrior prior, Expectation expect,
            String profile, CompletableFuture<List<Prediction>> answer) {}

    private volatile ProfileLearner profiles;

    /** The profiles that predictions naming one are read with. */
    public void useProfiles(ProfileLearner learner) {
        this.profiles = learner;
    }

    /**
     * Adds or replaces a model. The first model added becomes the default. The replaced model, if
     * any, is closed once no running batch uses it.
     */
    public void put(String name, LoadedModel model) {
        Predictor old;
        synchronized (predictors) {
            old = predictors.put(name, new Predictor(name, model));
            if (defaultModel == null) {
                defaultModel = name;
            }
            if (old != null && inUse.containsKey(old)) {
                retired.add(old);
                old = null;
            }
        }
        if (old != null) {
            old.model().close();
        }
    }

    public String defaultModel() {
        return defaultModel;
    }

    /** The held models' names, in the order they were added. */
    public List<String> names() {
        synchronized (predictors) {
            return List.copyOf(predictors.keySet());
        }
    }

    /** @throws UnknownModelException when no model has that name; {@code null} means the default */
    public Predictor predictor(String name) {
        String wanted = name == null ? defaultModel : name;
        synchronized (predictors) {
            Predictor predictor = wanted == null ? null : predictors.get(wanted);
            if (predictor == null) {
                throw new UnknownModelException(String.valueOf(wanted), predictors.keySet());
            }
            return predictor;
        }
    }

    /**
     * Renders or preprocesses the drawing on the caller's thread and queues the forward pass. A
     * drawing, in either of its forms, is read alone with the pen prior ({@link ClassPrior#WRITTEN}).
     *
     * @param expect the classes the answer is chosen among
     */
    public CompletableFuture<Prediction> submit(String model, Drawing drawing, boolean tta, Expectation expect) {
        return submit(model, drawing, tta, expect, null);
    }

    /** @param profile the profile to read with (it must exist), or {@code null} */
    public CompletableFuture<Prediction> submit(String model, Drawing drawing, boolean tta, Expectation expect,
            String profile) {
        return submitView(model, drawing.view(), tta, ClassPrior.WRITTEN, expect, profile);
    }

    /** Queues a preprocessed picture, read with the network as trained ({@link ClassPrior#TRAINING}). */
    public CompletableFuture<Prediction> submitPicture(String model, float[] view, boolean tta, Expectation expect) {
        return submitView(model, view, tta, ClassPrior.TRAINING, expect, null);
    }

    /** Queues a preprocessed view; a {@code null} view (nothing drawn) is answered at once. */
    private CompletableFuture<Prediction> submitView(String model, float[] view, boolean tta, ClassPrior prior,
            Expectation expect, String profile) {
        checkProfiles(profile);
        if (view == null) {
            return CompletableFuture.completedFuture(Prediction.nothingDrawn(predictor(model).name()));
        }
        return enqueue(model, List.of(view), TtaMode.of(tta), prior, expect, profile)
                .thenApply(answers -> answers.get(0));
    }

    /**
     * Queues several preprocessed views (none null) to be run in the same forward pass — the
     * characters of a line — and answers them together, in order, with every class's probability
     * (a line's context, not each character, weighs what the writer said to expect). With TTA on, the
     * characters are read with {@link TtaMode#UNSURE}: the shifted and turned variants only for those
     * the network is unsure of, which makes a line of clear characters several times cheaper.
     *
     * <p>A line is read with the training prior ({@link ClassPrior#TRAINING}): its context weighs
     * letters against digits.
     *
     * @param profile the profile to read with (it must exist), or {@code null}
     */
    public CompletableFuture<List<Prediction>> submitViews(String model, List<float[]> views, boolean tta,
            String profile) {
        checkProfiles(profile);
        if (views.isEmpty()) {
            predictor(model);
            return CompletableFuture.completedFuture(List.of());
        }
        return enqueue(model, List.copyOf(views), tta ? TtaMode.UNSURE : TtaMode.OFF, ClassPrior.TRAINING,
                Expectation.ANY, profile);
    }

    private CompletableFuture<List<Prediction>> enqueue(String model, List<float[]> views, TtaMode tta,
            ClassPrior prior, Expectation expect, String profile) {
        String name = predictor(model).name();
        CompletableFuture<List<Prediction>> answer = new CompletableFuture<>();
        Request request = new Request(name, views, tta, prior, expect, profile, answer);
        queue.add(request);
        // A close that raced with this submit may have drained the queue already: answer for it.
        if (closed && queue.remove(request)) {
            answer.completeExceptionally(new IllegalStateException("the prediction service is closed"));
        }
        return answer;
    }

    private void checkProfiles(String profile) {
        if (profile != null && profiles == null) {
            throw new IllegalStateException("this server keeps no profiles");
        }
    }

    private void work() {
        TorchThreads.use(1);
        List<Request> pending = new ArrayList<>();
        while (!closed) {
            try {
                pending.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            if (batching) {
                // Take a fair share of what waits, so that the other workers get theirs at once.
                int share = (queue.size() + 1 + workers.size() - 1) / workers.size();
                queue.drainTo(pending, Math.min(maxBatch, share) - 1);
            }
            run(pending);
            pending.clear();
        }
    }

    /** Groups the requests by model, TTA mode and class prior and runs each group in one forward pass (two for {@code UNSURE}). */
    private void run(List<Request> requests) {
        Map<String, List<Request>> groups = new LinkedHashMap<>();
        for (Request request : requests) {
            groups.computeIfAbsent(request.model() + '\u0000' + request.tta() + '\u0000' + request.prior(),
                    k -> new ArrayList<>()).add(request);
        }
        for (List<Request> group : groups.values()) {
            Predictor predictor;
            try {
                predictor = acquire(group.get(0).model());
            } catch (UnknownModelException e) {
                group.forEach(r -> r.answer().completeExceptionally(e));
                continue;
            }
            try {
                List<float[]> views = new ArrayList<>();
                group.forEach(r -> views.addAll(r.views()));
                List<Predictor.Reading> readings = predictor.read(views, group.get(0).tta(), group.get(0).prior());
                List<String> classes = predictor.metadata().classes();
                int next = 0;
                for (Request request : group) {
                    List<Predictor.Reading> mine = readings.subList(next, next + request.views().size());
                    next += request.views().size();
                    try {
                        List<Prediction> answers = new ArrayList<>(mine.size());
                        for (Predictor.Reading reading : mine) {
                            Prediction answer = reading.prediction();
                            if (request.profile() != null) {
                                // The profile reweighs all classes first; the expectation then restricts them.
                                answer = answer.reweighted(profiles.adapt(request.profile(), predictor, reading),
                                        classes);
                            }
                            answers.add(request.expect() == Expectation.ANY ? answer
                                    : answer.restrictedTo(request.expect(), classes));
                        }
                        request.answer().complete(List.copyOf(answers));
                    } catch (RuntimeException e) {
                        request.answer().completeExceptionally(e);
                    }
                }
            } catch (RuntimeException e) {
                group.forEach(r -> r.answer().completeExceptionally(e));
            } finally {
                release(predictor);
            }
        }
    }

    private Predictor acquire(String name) {
        synchronized (predictors) {
            Predictor predictor = predictor(name);
            inUse.merge(predictor, 1, Integer::sum);
            return predictor;
        }
    }

    private void release(Predictor predictor) {
        boolean close;
        synchronized (predictors) {
            int users = inUse.merge(predictor, -1, Integer::sum);
            if (users == 0) {
                inUse.remove(predictor);
            }
            close = users == 0 && retired.remove(predictor);
        }
        if (close) {
            predictor.model().close();
        }
    }

    @Override
    public void close() {
        closed = true;
        workers.forEach(Thread::interrupt);
        for (Thread worker : workers) {
            try {
                worker.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Request left; (left = queue.poll()) != null; ) {
            left.answer().completeExceptionally(new IllegalStateException("the prediction service closed"));
        }
        synchronized (predictors) {
            predictors.values().forEach(p -> p.model().close());
            retired.forEach(p -> p.model().close());
            predictors.clear();
            retired.clear();
            inUse.clear();
        }
    }
}
