package io.neuralscribe.inference;

import io.neuralscribe.model.LoadedModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The models the server holds, and one inference thread that runs them. Requests from any number
 * of clients queue here; when several wait, the thread runs them together in one forward pass per
 * model (batching can be switched off to compare). A model replaced while requests are in flight
 * is closed only after the batch that uses it has finished, so a swap never breaks a prediction.
 */
public final class PredictionService implements AutoCloseable {
    private final Map<String, Predictor> predictors = new LinkedHashMap<>();
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final boolean batching;
    private final int maxBatch;
    private final Thread worker;
    private volatile String defaultModel;
    private volatile boolean closed;

    public PredictionService(boolean batching, int maxBatch) {
        this.batching = batching;
        this.maxBatch = Math.max(1, maxBatch);
        this.worker = new Thread(this::work, "inference");
        worker.setDaemon(true);
        worker.start();
    }

    private record Request(String model, float[] view, boolean tta, CompletableFuture<Prediction> answer) {}

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
        }
        if (old != null) {
            Runnable closeOld = () -> old.model().close();
            queue.add(closeOld);
        }
    }

    public void setDefault(String name) {
        predictor(name);
        defaultModel = name;
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
     * Preprocesses canvas pixels on the caller's thread and queues the forward pass.
     *
     * @param pixels 784 values 0–255, upright, ink high, already validated
     */
    public CompletableFuture<Prediction> submitPixels(String model, float[] pixels, boolean tta) {
        return submitView(model, Preprocessing.fromCanvas(pixels), tta);
    }

    /** Queues a preprocessed view; a {@code null} view (nothing drawn) is answered at once. */
    public CompletableFuture<Prediction> submitView(String model, float[] view, boolean tta) {
        String name = predictor(model).name();
        if (view == null) {
            return CompletableFuture.completedFuture(Prediction.nothingDrawn(name));
        }
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the prediction service is closed"));
        }
        CompletableFuture<Prediction> answer = new CompletableFuture<>();
        queue.add(new Request(name, view, tta, answer));
        return answer;
    }

    private void work() {
        List<Request> pending = new ArrayList<>();
        while (!closed) {
            Object first;
            try {
                first = queue.take();
            } catch (InterruptedException e) {
                break;
            }
            pending.clear();
            if (first instanceof Runnable task) {
                task.run();
                continue;
            }
            pending.add((Request) first);
            if (batching) {
                // Take what else is already waiting, but stop at a task (a model swap) to keep order.
                while (pending.size() < maxBatch && queue.peek() instanceof Request) {
                    pending.add((Request) queue.poll());
                }
            }
            run(pending);
        }
        for (Object left : queue) {
            if (left instanceof Request request) {
                request.answer().completeExceptionally(new IllegalStateException("the prediction service closed"));
            }
        }
    }

    /** Groups the requests by model and TTA setting and runs each group in one forward pass. */
    private void run(List<Request> requests) {
        Map<String, List<Request>> groups = new LinkedHashMap<>();
        for (Request request : requests) {
            groups.computeIfAbsent(request.model() + '\u0000' + request.tta(), k -> new ArrayList<>()).add(request);
        }
        for (List<Request> group : groups.values()) {
            try {
                Predictor predictor = predictor(group.get(0).model());
                List<float[]> views = group.stream().map(Request::view).toList();
                List<Prediction> answers = predictor.predict(views, group.get(0).tta());
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).answer().complete(answers.get(i));
                }
            } catch (RuntimeException e) {
                group.forEach(r -> r.answer().completeExceptionally(e));
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        try {
            worker.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (predictors) {
            predictors.values().forEach(p -> p.model().close());
            predictors.clear();
        }
    }
}
