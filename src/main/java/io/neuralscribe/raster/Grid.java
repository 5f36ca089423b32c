package io.neuralscribe.raster;

/**
 * The 28×28 grid every character image lives on: EMNIST's size, the network's input size.
 *
 * <p>Images are {@code float[PIXELS]} row-major, upright (as a person reads them), values in [0, 1]
 * with ink high — or 0–255 bytes in the same layout where they are stored. The EMNIST files store
 * theirs transposed; {@code data.IdxReader} turns them upright once, at load, and nothing else turns
 * anything.
 */
public final class Grid {
    public static final int SIDE = 28;
    public static final int PIXELS = SIDE * SIDE;
    /** The grid's centre, in pixel coordinates (pixel centres are at whole numbers). */
    public static final double CENTER = (SIDE - 1) / 2.0;

    private Grid() {}

    /** Bytes 0–255 at {@code offset} → {@code target} in [0, 1]. */
    public static void toUnit(byte[] source, int offset, float[] target) {
        toUnit(source, offset, target, 0);
    }

    /** Bytes 0–255 at {@code offset} → {@code target} in [0, 1] from {@code targetOffset} (one image of a batch). */
    public static void toUnit(byte[] source, int offset, float[] target, int targetOffset) {
        for (int i = 0; i < PIXELS; i++) {
            target[targetOffset + i] = (source[offset + i] & 0xFF) / 255f;
        }
    }

    /** Values in [0, 1] → bytes 0–255, rounded. */
    public static byte[] toBytes(float[] unit) {
        byte[] out = new byte[PIXELS];
        for (int i = 0; i < PIXELS; i++) {
            out[i] = (byte) toLevel(unit[i]);
        }
        return out;
    }

    /** One value in [0, 1] (clamped) → its grey level 0–255, rounded. */
    public static int toLevel(float unit) {
        return Math.round(Math.max(0f, Math.min(1f, unit)) * 255f);
    }

    /** Moves the picture {@code dx} right and {@code dy} down; what leaves the grid is lost. */
    public static float[] shift(float[] image, int dx, int dy) {
        float[] out = new float[PIXELS];
        for (int y = 0; y < SIDE; y++) {
            int sy = y - dy;
            if (sy < 0 || sy >= SIDE) {
                continue;
            }
            for (int x = 0; x < SIDE; x++) {
                int sx = x - dx;
                if (sx >= 0 && sx < SIDE) {
                    out[y * SIDE + x] = image[sy * SIDE + sx];
                }
            }
        }
        return out;
    }
}
