package io.neuralscribe.inference;

import io.neuralscribe.raster.Preprocessing;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuralscribe.inference.TestDrawings.PixelGlyph;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ImageDecoderTest {
    private static final ImageDecoder DECODER = new ImageDecoder(ImageLimits.standard());

    /** The glyph 180 px tall (15 px per art pixel) on a 240 × 220 picture. */
    private static BufferedImage picture(PixelGlyph glyph, Color ink, Color background, int type) {
        return glyph.picture(240, 220, 37, 11, 15, ink, background, type);
    }

    private static int[] firstInk(PixelGlyph glyph) {
        for (int r = 0; r < PixelGlyph.SIDE; r++) {
            for (int c = 0; c < PixelGlyph.SIDE; c++) {
                if (glyph.ink(r, c)) {
                    return new int[] {r, c};
                }
            }
        }
        throw new AssertionError(glyph + " has no ink");
    }

    private static float[] view(byte[] encoded) throws InvalidImageException {
        ImageDecoder.GrayImage gray = DECODER.decode(encoded);
        return Preprocessing.fromUnitImage(gray.pixels(), gray.width(), gray.height());
    }

    private static String code(byte[] bytes) {
        return assertThrows(InvalidImageException.class, () -> DECODER.decode(bytes)).code();
    }

    @ParameterizedTest
    @EnumSource(PixelGlyph.class)
    void whiteOnBlackAndBlackOnWhiteReadAsTheSameInk(PixelGlyph glyph) throws Exception {
        byte[] whiteOnBlack = TestImages.encode(picture(glyph, Color.WHITE, Color.BLACK, BufferedImage.TYPE_INT_RGB), "png");
        byte[] blackOnWhite = TestImages.encode(picture(glyph, Color.BLACK, Color.WHITE, BufferedImage.TYPE_INT_RGB), "png");

        ImageDecoder.GrayImage gray = DECODER.decode(blackOnWhite);
        assertEquals(240, gray.width());
        assertEquals(220, gray.height());
        assertEquals(0f, gray.pixels()[0], 1e-6f, "the white background is no ink");
        int[] stroke = firstInk(glyph);
        assertEquals(1f, gray.pixels()[(11 + stroke[0] * 15 + 7) * 240 + 37 + stroke[1] * 15 + 7], 1e-6f,
                "a black stroke is full ink");

        float[] a = view(whiteOnBlack);
        float[] b = view(blackOnWhite);
        assertArrayEquals(a, b, 1e-6f);
        // 180 px of art shrinks to 24: two view pixels per art pixel, exactly the 24 px canvas drawing.
        assertArrayEquals(Preprocessing.fromCanvas(glyph.canvas(2, 2, 2)), a, 1e-5f,
                "an upload and the same character drawn on the canvas meet the network alike");
    }

    @ParameterizedTest
    @EnumSource(PixelGlyph.class)
    void aJpegReadsNearlyAsThePng(PixelGlyph glyph) throws Exception {
        byte[] png = TestImages.encode(picture(glyph, Color.WHITE, Color.BLACK, BufferedImage.TYPE_INT_RGB), "png");
        byte[] jpeg = TestImages.encode(picture(glyph, Color.BLACK, Color.WHITE, BufferedImage.TYPE_INT_RGB), "jpeg");
        assertEquals((byte) 0xFF, jpeg[0]);
        assertEquals((byte) 0xD8, jpeg[1]);
        float[] fromPng = view(png);
        float[] fromJpeg = view(jpeg);
        double ink = TestDrawings.sum(fromPng);
        double difference = TestDrawings.l1(fromPng, fromJpeg) / ink;
        // Compression ringing beside the strokes: a few percent, not a different picture.
        assertTrue(difference < 0.10, "JPEG and PNG views differ by " + difference + " of the ink");
    }

    @ParameterizedTest
    @EnumSource(PixelGlyph.class)
    void greyPencilOnGreyPaperReadsAsFullStrengthInk(PixelGlyph glyph) throws Exception {
        byte[] faint = TestImages.encode(picture(glyph, new Color(150, 150, 150), new Color(205, 205, 205),
                BufferedImage.TYPE_INT_RGB), "png");
        byte[] strong = TestImages.encode(picture(glyph, Color.BLACK, Color.WHITE, BufferedImage.TYPE_INT_RGB), "png");
        ImageDecoder.GrayImage gray = DECODER.decode(faint);
        assertEquals(0f, gray.pixels()[0], 1e-6f, "the grey paper is no ink");
        int[] stroke = firstInk(glyph);
        assertEquals(1f, gray.pixels()[(11 + stroke[0] * 15 + 7) * 240 + 37 + stroke[1] * 15 + 7], 1e-6f,
                "the pencil, the darkest thing on the page, is full ink");
        assertArrayEquals(view(strong), view(faint), 1e-5f, "faint and strong drawings meet the network alike");
    }

    @Test
    void darkStrokesOnATransparentCanvasAreInk() throws Exception {
        PixelGlyph glyph = PixelGlyph.FOUR;
        BufferedImage transparent = picture(glyph, Color.BLACK, null, BufferedImage.TYPE_INT_ARGB);
        assertEquals(0, transparent.getRGB(0, 0) >>> 24, "the background is transparent");
        ImageDecoder.GrayImage gray = DECODER.decode(TestImages.encode(transparent, "png"));
        assertEquals(0f, gray.pixels()[0], 1e-6f);
        float[] expected = view(TestImages.encode(picture(glyph, Color.WHITE, Color.BLACK, BufferedImage.TYPE_INT_RGB),
                "png"));
        assertArrayEquals(expected, Preprocessing.fromUnitImage(gray.pixels(), gray.width(), gray.height()), 1e-6f);
        // White strokes on a transparent canvas too: opacity is the ink, whatever the colour.
        BufferedImage white = picture(glyph, Color.WHITE, null, BufferedImage.TYPE_INT_ARGB);
        assertArrayEquals(expected, view(TestImages.encode(white, "png")), 1e-6f);
    }

    @Test
    void aPictureWithNothingOnItIsNotADrawing() throws Exception {
        BufferedImage blank = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        blank.getGraphics().setColor(Color.WHITE);
        blank.getGraphics().fillRect(0, 0, 64, 64);
        assertNull(view(TestImages.encode(blank, "png")));
    }

    @Test
    void aTooLargePictureIsRefusedFromItsHeaderAlone() {
        // Only a header: decoding the pixels would fail with bad_image, so this answer comes from the header.
        assertEquals("image_too_large", code(TestImages.pngHeaderOnly(3000, 10)));
        assertEquals("image_too_large", code(TestImages.pngHeaderOnly(10, 3000)));
        assertEquals("image_too_large", code(TestImages.pngHeaderOnly(20_000, 20_000)));
        // A real 3000 × 10 PNG is small on disk but refused all the same.
        byte[] wide = TestImages.encode(new BufferedImage(3000, 10, BufferedImage.TYPE_BYTE_GRAY), "png");
        assertTrue(wide.length < 10_000);
        assertEquals("image_too_large", code(wide));
        assertEquals("image_too_large", code(TestImages.truncatedAfterHeader(wide)));
        // Within the limit, the same header without pixels is a broken picture, not a large one.
        assertEquals("bad_image", code(TestImages.pngHeaderOnly(1024, 10)));
    }

    @Test
    void theLimitsAreInclusiveAndConfigurable() throws Exception {
        ImageDecoder small = new ImageDecoder(new ImageLimits(1 << 20, 100, 80));
        byte[] fits = TestImages.encode(new BufferedImage(100, 80, BufferedImage.TYPE_BYTE_GRAY), "png");
        assertEquals(100, small.decode(fits).width());
        byte[] wider = TestImages.encode(new BufferedImage(101, 80, BufferedImage.TYPE_BYTE_GRAY), "png");
        InvalidImageException e = assertThrows(InvalidImageException.class, () -> small.decode(wider));
        assertEquals("image_too_large", e.code());
        assertTrue(e.getMessage().contains("101×80"), e.getMessage());
        ImageDecoder fewBytes = new ImageDecoder(new ImageLimits(100, 2048, 2048));
        assertEquals("image_too_large",
                assertThrows(InvalidImageException.class, () -> fewBytes.decode(new byte[101])).code());
    }

    @Test
    void garbageIsNotAnImage() {
        byte[] random = new byte[4096];
        new Random(7).nextBytes(random);
        random[0] = 0x42; // not a PNG, JPEG, GIF or BMP signature
        assertEquals("not_an_image", code(random));
        assertEquals("not_an_image", code("hello, this is text".getBytes(StandardCharsets.UTF_8)));
        assertEquals("not_an_image", code(new byte[] {1}));
    }

    @Test
    void emptyBytesAreAnEmptyImage() {
        InvalidImageException e = assertThrows(InvalidImageException.class, () -> DECODER.decode(new byte[0]));
        assertEquals("empty_image", e.code());
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void otherFormatsAreRefusedByName() {
        BufferedImage image = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);
        InvalidImageException gif = assertThrows(InvalidImageException.class,
                () -> DECODER.decode(TestImages.encode(image, "gif")));
        assertEquals("unsupported_image", gif.code());
        assertTrue(gif.getMessage().contains("gif"), gif.getMessage());
        assertEquals("unsupported_image", code(TestImages.encode(image, "bmp")));
    }

    @Test
    void aBrokenPngIsABadImage() {
        byte[] png = TestImages.encode(picture(PixelGlyph.H, Color.WHITE, Color.BLACK, BufferedImage.TYPE_INT_RGB), "png");
        assertEquals("bad_image", code(TestImages.truncatedAfterHeader(png)));
        byte[] corrupt = png.clone();
        for (int i = 60; i < corrupt.length - 20; i++) {
            corrupt[i] ^= 0x5A;
        }
        assertEquals("bad_image", code(corrupt));
    }

    @Test
    void greyInkKeepsItsShadeBesideBlackInk() throws Exception {
        BufferedImage image = new BufferedImage(30, 30, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 30; x++) {
                image.setRGB(x, y, 0xFFFFFF); // white paper
            }
        }
        image.setRGB(15, 15, 0x808080);
        image.setRGB(16, 15, 0x000000);
        ImageDecoder.GrayImage gray = DECODER.decode(TestImages.encode(image, "png"));
        assertEquals(1f - 128f / 255f, gray.pixels()[15 * 30 + 15], 1e-3f);
        assertEquals(1f, gray.pixels()[15 * 30 + 16], 1e-6f);
        assertNotNull(Preprocessing.fromUnitImage(gray.pixels(), 30, 30));
    }

    @Test
    void picturesAreReadFromMemoryEvenWhenImageIoWouldCacheOnDisk() throws Exception {
        boolean before = javax.imageio.ImageIO.getUseCache();
        javax.imageio.ImageIO.setUseCache(true);
        try (javax.imageio.stream.ImageInputStream stream = ImageDecoder.stream(new byte[] {1, 2, 3})) {
            assertFalse(stream.isCachedFile(), "no /tmp/imageio*.tmp file is made for an upload");
        } finally {
            javax.imageio.ImageIO.setUseCache(before);
        }
    }
}
