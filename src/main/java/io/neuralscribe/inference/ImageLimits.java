package io.neuralscribe.inference;

/** How large an uploaded picture may be: encoded bytes, and width and height before it is decoded. */
public record ImageLimits(int maxBytes, int maxWidth, int maxHeight) {
    /**
     * 4 MiB of PNG or JPEG, at most 1024 × 1024 pixels. One character becomes a 28 × 28 view: a
     * megapixel is plenty, and decoding costs grow with the pixels, not the file (a 70 KB PNG of
     * 2048 × 2048 16-bit RGBA takes a CPU-second).
     */
    public static ImageLimits standard() {
        return new ImageLimits(4 << 20, 1024, 1024);
    }
}
