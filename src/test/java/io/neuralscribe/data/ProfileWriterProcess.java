package io.neuralscribe.data;

import io.neuralscribe.raster.Grid;
import io.neuralscribe.raster.Stroke;

import java.nio.file.Path;
import java.util.List;

/** Run as its own process by {@link ProfileStoreTest}: adds samples forever, printing each one's count once it returned. */
public final class ProfileWriterProcess {
    public static void main(String[] args) {
        ProfileStore store = ProfileStore.open(Path.of(args[0]));
        store.create("crash", null);
        List<Stroke> strokes = List.of(new Stroke(new double[] {0, 10, 20}, new double[] {0, 15, 30}, null));
        for (int written = 1; ; written++) {
            store.addSample("crash", "7", strokes, new float[Grid.PIXELS]);
            System.out.println(written);
            System.out.flush();
        }
    }
}
