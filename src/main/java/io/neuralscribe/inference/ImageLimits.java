package io.neuralscribe.inference;

/** How large an uploaded picture may be: encoded bytes, and width and height before it is decoded. */
public record ImageLimits(int maxBytes, int maxWidth, int maxHeight) {
    /** 4 MiB of PNG or JPEG, at most 2048 × 2048 pixels. */
    public static ImageLimits standard() {
        return new ImageLimits(4 << 20, 2048, 2048);
    }
}
