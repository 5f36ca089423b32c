package io.neuralscribe.inference;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * Characters drawn the way a person would, with java.awt (no fonts: strokes only), at any place
 * and size: on the 28×28 canvas as the page sends it, or as a picture of any size and colours.
 */
public final class TestDrawings {
    public static final int GRID = 28;

    /** A glyph: polylines in the unit square (x right, y down). */
    public enum Glyph {
        FOUR(new double[][] {{0.70, 1.00, 0.70, 0.00, 0.05, 0.65, 0.95, 0.65}}),
        SEVEN(new double[][] {{0.10, 0.05, 0.90, 0.05, 0.40, 0.95}}),
        /** An "L" mirrored: tells a flip apart. */
        J(new double[][] {{0.30, 0.05, 0.90, 0.05}, {0.65, 0.05, 0.65, 0.85, 0.40, 0.95, 0.15, 0.75}}),
        H(new double[][] {{0.15, 0.00, 0.15, 1.00}, {0.85, 0.00, 0.85, 1.00}, {0.15, 0.50, 0.85, 0.50}});

        private final double[][] strokes;

        Glyph(double[][] strokes) {
            this.strokes = strokes;
        }

        /** Draws the glyph into the box at (x, y) of side {@code size}, the stroke a fixed share of it. */
        public void draw(Graphics2D g, double x, double y, double size, double strokeShare) {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            float width = (float) (size * strokeShare);
            g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            // Keep the round caps inside the box: the glyph's outer edge spans exactly `size`.
            double inner = size - width;
            double ox = x + width / 2;
            double oy = y + width / 2;
            for (double[] line : strokes) {
                Path2D.Double path = new Path2D.Double();
                path.moveTo(ox + line[0] * inner, oy + line[1] * inner);
                for (int i = 2; i < line.length; i += 2) {
                    path.lineTo(ox + line[i] * inner, oy + line[i + 1] * inner);
                }
                g.draw(path);
            }
        }
    }

    /**
     * Characters as 12 × 12 pixel art with strokes two pixels wide, whose ink reaches all four sides
     * of the 12 × 12 box: drawn at a whole-pixel place and a whole-number scale, a character's ink box
     * is exactly {@code 12 × scale} pixels, so two sizes of it differ only by how they are sampled.
     */
    public enum PixelGlyph {
        FOUR("........##..",
             ".......###..",
             "......####..",
             ".....##.##..",
             "....##..##..",
             "...##...##..",
             "..##....##..",
             ".##.....##..",
             "############",
             "############",
             "........##..",
             "........##.."),
        SEVEN("############",
              "############",
              ".........##.",
              "........##..",
              ".......##...",
              "......##....",
              ".....##.....",
              "....##......",
              "...##.......",
              "...##.......",
              "...##.......",
              "...##......."),
        J("..##########",
          "..##########",
          "........##..",
          "........##..",
          "........##..",
          "........##..",
          "........##..",
          "........##..",
          "........##..",
          "##......##..",
          "###....###..",
          ".########..."),
        H("##........##",
          "##........##",
          "##........##",
          "##........##",
          "##........##",
          "############",
          "############",
          "##........##",
          "##........##",
          "##........##",
          "##........##",
          "##........##");

        public static final int SIDE = 12;
        private final boolean[] ink = new boolean[SIDE * SIDE];

        PixelGlyph(String... rows) {
            for (int r = 0; r < SIDE; r++) {
                for (int c = 0; c < SIDE; c++) {
                    ink[r * SIDE + c] = rows[r].charAt(c) == '#';
                }
            }
        }

        public boolean ink(int row, int col) {
            return ink[row * SIDE + col];
        }

        /** Inked pixels of the 12 × 12 art. */
        public int area() {
            int area = 0;
            for (boolean b : ink) {
                area += b ? 1 : 0;
            }
            return area;
        }

        /** Neighbouring pixel pairs inside the 12 × 12 box of which one is ink and one is not. */
        public int innerEdges() {
            int edges = 0;
            for (int r = 0; r < SIDE; r++) {
                for (int c = 0; c < SIDE; c++) {
                    if (c + 1 < SIDE && ink(r, c) != ink(r, c + 1)) {
                        edges++;
                    }
                    if (r + 1 < SIDE && ink(r, c) != ink(r + 1, c)) {
                        edges++;
                    }
                }
            }
            return edges;
        }

        /** The art on the 28 × 28 canvas with its top-left corner at (x, y), each pixel {@code scale} × {@code scale}. */
        public float[] canvas(int x, int y, int scale) {
            return canvas(x, y, scale, 255f);
        }

        public float[] canvas(int x, int y, int scale, float value) {
            float[] pixels = new float[GRID * GRID];
            for (int r = 0; r < SIDE * scale; r++) {
                for (int c = 0; c < SIDE * scale; c++) {
                    if (ink(r / scale, c / scale)) {
                        pixels[(y + r) * GRID + x + c] = value;
                    }
                }
            }
            return pixels;
        }

        /** The art as a picture of any size, {@code scale} pixels per art pixel, in the given colours. */
        public BufferedImage picture(int width, int height, int x, int y, int scale, Color ink, Color background,
                int imageType) {
            BufferedImage image = new BufferedImage(width, height, imageType);
            Graphics2D g = image.createGraphics();
            try {
                if (background != null) {
                    g.setColor(background);
                    g.fillRect(0, 0, width, height);
                }
                g.setColor(ink);
                for (int r = 0; r < SIDE; r++) {
                    for (int c = 0; c < SIDE; c++) {
                        if (ink(r, c)) {
                            g.fillRect(x + c * scale, y + r * scale, scale, scale);
                        }
                    }
                }
            } finally {
                g.dispose();
            }
            return image;
        }
    }

    private TestDrawings() {}

    /** The glyph on the page's 28×28 canvas: 784 values 0–255, ink high. */
    public static float[] canvas(Glyph glyph, double x, double y, double size) {
        BufferedImage image = picture(glyph, GRID, GRID, x, y, size, Color.WHITE, Color.BLACK, 0.14);
        float[] pixels = new float[GRID * GRID];
        for (int r = 0; r < GRID; r++) {
            for (int c = 0; c < GRID; c++) {
                pixels[r * GRID + c] = image.getRGB(c, r) & 0xFF;
            }
        }
        return pixels;
    }

    /** The glyph in {@code ink} on {@code background}; a {@code null} background is transparent. */
    public static BufferedImage picture(Glyph glyph, int width, int height, double x, double y, double size,
            Color ink, Color background, double strokeShare) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            if (background != null) {
                g.setColor(background);
                g.fillRect(0, 0, width, height);
            }
            g.setColor(ink);
            glyph.draw(g, x, y, size, strokeShare);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Random scribbles on the canvas: a few strokes, so that every drawing differs. */
    public static float[] scribble(long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(GRID, GRID, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, GRID, GRID);
        g.setColor(Color.WHITE);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setStroke(new BasicStroke(1.5f + random.nextFloat() * 2, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        int strokes = 1 + random.nextInt(4);
        for (int s = 0; s < strokes; s++) {
            Path2D.Double path = new Path2D.Double();
            path.moveTo(2 + random.nextInt(24), 2 + random.nextInt(24));
            for (int p = 0; p < 3; p++) {
                path.lineTo(2 + random.nextInt(24), 2 + random.nextInt(24));
            }
            g.draw(path);
        }
        g.dispose();
        float[] pixels = new float[GRID * GRID];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = image.getRGB(i % GRID, i / GRID) & 0xFF;
        }
        return pixels;
    }

    /** Σ|a − b|. */
    public static double l1(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum;
    }

    public static double sum(float[] a) {
        double sum = 0;
        for (float v : a) {
            sum += v;
        }
        return sum;
    }
}
