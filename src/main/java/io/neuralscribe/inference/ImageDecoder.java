package io.neuralscribe.inference;

import io.neuralscribe.raster.Preprocessing;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Reads an uploaded PNG or JPEG into a grayscale picture with ink high (grayscale, then invert when
 * the background is light). The size is checked from the header before any pixel is decoded, so a
 * small file that unpacks to a huge picture is refused cheaply. The bytes are read from memory only:
 * ImageIO's default stream caches to a {@code /tmp/imageio*.tmp} file, which a killed process leaves
 * behind.
 */
public final class ImageDecoder {
    private final ImageLimits limits;

    public ImageDecoder(ImageLimits limits) {
        this.limits = limits;
    }

    /** A decoded picture: {@code width × height} values in [0, 1], ink high. */
    public record GrayImage(float[] pixels, int width, int height) {}

    public GrayImage decode(byte[] bytes) throws InvalidImageException {
        if (bytes.length == 0) {
            throw new InvalidImageException("empty_image", "the image is empty");
        }
        if (bytes.length > limits.maxBytes()) {
            throw new InvalidImageException("image_too_large",
                    "the image is " + bytes.length + " bytes; the limit is " + limits.maxBytes());
        }
        BufferedImage image = read(bytes);
        return toInkHigh(image);
    }

    private BufferedImage read(byte[] bytes) throws InvalidImageException {
        try (ImageInputStream input = stream(bytes)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new InvalidImageException("not_an_image", "the data is not a PNG or JPEG image");
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(java.util.Locale.ROOT);
                if (!format.equals("png") && !format.equals("jpeg") && !format.equals("jpg")) {
                    throw new InvalidImageException("unsupported_image", "only PNG and JPEG are accepted, not " + format);
                }
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width < 1 || height < 1) {
                    throw new InvalidImageException("bad_image", "the image has no pixels");
                }
                if (width > limits.maxWidth() || height > limits.maxHeight()) {
                    throw new InvalidImageException("image_too_large", "the image is " + width + "×" + height
                            + " pixels; the limit is " + limits.maxWidth() + "×" + limits.maxHeight());
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new InvalidImageException("bad_image", "the image could not be decoded: " + e.getMessage());
        }
    }

    /** The bytes as ImageIO reads them, cached in memory whatever {@link ImageIO#getUseCache()} says. */
    static ImageInputStream stream(byte[] bytes) {
        return new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes));
    }

    /**
     * Luminance, inverted when the background (the median of the border) is light. A picture
     * whose border is transparent is strokes on a transparent canvas: there opacity is the ink,
     * whatever the strokes' colour. Then the contrast is stretched, background to 0 and the
     * darkest stroke to 1, so that pencil on grey paper meets the network as EMNIST's full-strength
     * strokes do.
     */
    static GrayImage toInkHigh(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        float[] luminance = new float[argb.length];
        float[] alpha = new float[argb.length];
        boolean transparent = false;
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            alpha[i] = (p >>> 24) / 255f;
            luminance[i] = (0.299f * ((p >> 16) & 0xFF) + 0.587f * ((p >> 8) & 0xFF) + 0.114f * (p & 0xFF)) / 255f;
            transparent |= alpha[i] < 0.99f;
        }
        float[] ink = new float[argb.length];
        if (transparent && borderMedian(alpha, width, height) < 0.5f) {
            // Strokes on a transparent canvas: opacity is the ink.
            System.arraycopy(alpha, 0, ink, 0, ink.length);
        } else {
            boolean lightBackground = borderMedian(luminance, width, height) > 0.5f;
            for (int i = 0; i < ink.length; i++) {
                ink[i] = lightBackground ? 1f - luminance[i] : luminance[i];
            }
        }
        stretchContrast(ink, borderMedian(ink, width, height));
        return new GrayImage(ink, width, height);
    }

    /** Maps {@code background}..brightest ink onto 0..1; a picture with next to no contrast stays as it is. */
    static void stretchContrast(float[] ink, float background) {
        float brightest = 0f;
        for (float v : ink) {
            brightest = Math.max(brightest, v);
        }
        float range = brightest - background;
        if (range <= Preprocessing.INK_THRESHOLD) {
            return;
        }
        for (int i = 0; i < ink.length; i++) {
            ink[i] = Math.max(0f, Math.min(1f, (ink[i] - background) / range));
        }
    }

    private static float borderMedian(float[] values, int width, int height) {
        int count = height == 1 || width == 1 ? width * height : 2 * width + 2 * (height - 2);
        float[] border = new float[count];
        int n = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if ((y == 0 || y == height - 1 || x == 0 || x == width - 1) && n < count) {
                    border[n++] = values[y * width + x];
                }
            }
        }
        Arrays.sort(border, 0, n);
        return border[n / 2];
    }
}
