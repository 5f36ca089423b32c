package io.neuralscribe.inference;

import io.neuralscribe.data.ProfileSample;
import io.neuralscribe.data.ProfileStore;
import io.neuralscribe.model.TorchThreads;
import io.neuralscribe.raster.Stroke;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Learns each profile's hand from its samples, without retraining: the samples' penultimate
 * features become {@link ClassPrototypes}, one set per profile and model, and {@link ProfileBlend}
 * mixes them into that model's answers for that profile only — one person's samples never reach
 * another profile's prototypes.
 *
 * <p>A profile's prototypes are built on first use from the database (one batched forward pass
 * over its samples) and then kept: a new sample is stored, run through each model the profile is
 * being read with, and added to those prototypes before {@link #add} returns, so the very next
 * prediction uses it. A retrained model is a new {@link Predictor}: its prototypes are rebuilt.
 *
 * <p>Concurrency: changes (add, build, forget) are serialized on this object; predictions read the
 * current immutable prototype set without locking.
 */
public final class ProfileLearner {
    /** Prototype features come from the same five TTA variants the served predictions use. */
    private static final boolean TTA = true;
    private static final int BATCH = 64;

    private record Learned(Predictor predictor, ClassPrototypes prototypes) {}

    private final ProfileStore store;
    /** profile → model name → its prototypes for that model. */
    private final Map<String, Map<String, Learned>> learned = new ConcurrentHashMap<>();
    private final ProfileBlend blend;

    public ProfileLearner(ProfileStore store) {
        this(store, ProfileBlend.TUNED);
    }

    public ProfileLearner(ProfileStore store, ProfileBlend blend) {
        this.store = store;
        this.blend = blend;
    }

    public ProfileStore store() {
        return store;
    }

    /**
     * Stores a sample and teaches it to the profile's prototypes at once.
     *
     * @param strokes the drawing, or {@code null} when it came as pixels
     * @param view its network view (rendered or preprocessed by the caller)
     */
    public synchronized ProfileSample add(String profile, String label, List<Stroke> strokes, float[] view) {
        ProfileSample sample = store.addSample(profile, label, strokes, view);
        Map<String, Learned> models = learned.get(profile);
        if (models != null) {
            for (Map.Entry<String, Learned> entry : models.entrySet()) {
                Learned old = entry.getValue();
                entry.setValue(new Learned(old.predictor(), teach(old.predictor(), old.prototypes(), List.of(sample))));
            }
        }
        return sample;
    }

    /** The profile's prototypes for a model, built from the database on first use. */
    public ClassPrototypes prototypes(String profile, Predictor predictor) {
        Learned current = learned.getOrDefault(profile, Map.of()).get(predictor.name());
        if (current != null && current.predictor() == predictor) {
            return current.prototypes();
        }
        synchronized (this) {
            Map<String, Learned> models = learned.computeIfAbsent(profile, p -> new ConcurrentHashMap<>());
            current = models.get(predictor.name());
            if (current == null || current.predictor() != predictor) {
                ClassPrototypes built = teach(predictor,
                        ClassPrototypes.empty(predictor.metadata().numClasses()), store.samples(profile));
                current = new Learned(predictor, built);
                models.put(predictor.name(), current);
            }
            return current.prototypes();
        }
    }

    /** The reading's probabilities as the profile reads them (a new array). */
    public float[] adapt(String profile, Predictor predictor, Predictor.Reading reading) {
        return blend.apply(reading.prediction().probabilities(), reading.features(), prototypes(profile, predictor));
    }

    /** Deletes the profile from the database (scrubbed) and from memory. */
    public synchronized void delete(String profile) {
        store.delete(profile);
        learned.remove(profile);
    }

    /** Imports an export into the profile; its prototypes are rebuilt on next use. */
    public synchronized List<ProfileSample> importFrom(String profile, BufferedReader in) throws IOException {
        List<ProfileSample> added = store.importFrom(profile, in);
        learned.remove(profile);
        return added;
    }

    /** The prototypes with the samples added: their features from one forward pass a batch. */
    private static ClassPrototypes teach(Predictor predictor, ClassPrototypes prototypes, List<ProfileSample> samples) {
        TorchThreads.use(1); // like the inference workers: this runs on a request thread
        List<String> classes = predictor.metadata().classes();
        List<ProfileSample> known = samples.stream().filter(s -> ClassPrototypes.classOf(s.label(), classes) >= 0).toList();
        ClassPrototypes result = prototypes;
        for (int from = 0; from < known.size(); from += BATCH) {
            List<ProfileSample> batch = known.subList(from, Math.min(known.size(), from + BATCH));
            List<float[]> views = new ArrayList<>(batch.size());
            batch.forEach(s -> views.add(s.view()));
            List<Predictor.Reading> readings = predictor.read(views, TTA, ClassPrior.WRITTEN);
            for (int i = 0; i < batch.size(); i++) {
                result = result.plus(ClassPrototypes.classOf(batch.get(i).label(), classes), readings.get(i).features());
            }
        }
        return result;
    }
}
