package io.neuralscribe.inference;

import io.neuralscribe.raster.Preprocessing;

import java.util.Base64;
import java.util.Locale;

/**
 * The one way an uploaded picture of a character reaches the network: a data URL or base64 text
 * ({@link #bytesOf}) or the file's bytes, decoded with the size limits, then turned into the 28×28
 * view every drawing gets. The upload endpoint and {@code predict IMAGE} both use it.
 */
public final class PictureUpload {
    private static final String BASE64_SUFFIX = ";base64";

    private final ImageDecoder decoder;

    public PictureUpload(ImageLimits limits) {
        this.decoder = new ImageDecoder(limits);
    }

    /** The picture itself, grayscale with ink high (a written line is segmented from it). */
    public ImageDecoder.GrayImage picture(byte[] bytes) throws InvalidImageException {
        return decoder.decode(bytes);
    }

    /**
     * @return the network's 28×28 view in [0, 1], or {@code null} when the picture has no ink
     */
    public float[] view(byte[] bytes) throws InvalidImageException {
        ImageDecoder.GrayImage gray = decoder.decode(bytes);
        return Preprocessing.fromUnitImage(gray.pixels(), gray.width(), gray.height());
    }

    /** {@code data:image/png;base64,…}, {@code data:image/jpeg;base64,…} or bare base64 → the encoded picture. */
    public static byte[] bytesOf(String text) throws InvalidImageException {
        String payload = text;
        if (text.startsWith("data:")) {
            int comma = text.indexOf(',');
            String header = comma < 0 ? "" : text.substring(5, comma).toLowerCase(Locale.ROOT);
            if (comma < 0 || !header.endsWith(BASE64_SUFFIX)) {
                throw new InvalidImageException("bad_data_url",
                        "\"image\" must be a base64 data URL (data:image/png;base64,…)");
            }
            String mime = header.substring(0, header.length() - BASE64_SUFFIX.length());
            if (!mime.equals("image/png") && !mime.equals("image/jpeg") && !mime.equals("image/jpg")) {
                throw new InvalidImageException("unsupported_image",
                        "only image/png and image/jpeg are accepted, not " + mime);
            }
            payload = text.substring(comma + 1);
        }
        try {
            // Line breaks and spaces are allowed; anything else outside the alphabet is an error (the MIME
            // decoder would silently skip it and turn garbage into a shorter, different picture).
            return Base64.getDecoder().decode(payload.replaceAll("\\s+", ""));
        } catch (IllegalArgumentException e) {
            throw new InvalidImageException("bad_base64", "\"image\" is not valid base64: " + e.getMessage());
        }
    }
}
