package io.neuralscribe.cli;

import io.neuralscribe.inference.StrokeEvaluation;
import io.neuralscribe.raster.Grid;
import io.neuralscribe.raster.Stroke;
import io.neuralscribe.raster.StrokeRenderer;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A picture of the worst answers, for a person to look at: for each, the strokes as written, the
 * 28×28 view the network saw (enlarged), the truth and the answer with its confidence.
 */
final class ContactSheet {
    private static final int CELL = 84;
    private static final int COLUMNS = 4;
    private static final int ROW_WIDTH = 2 * CELL + 110;

    private ContactSheet() {}

    /** Writes the {@code count} mistakes the network was surest of, worst first. */
    static void write(Path file, List<StrokeEvaluation.Answer> answers, int count) throws IOException {
        List<StrokeEvaluation.Answer> worst = answers.stream().filter(a -> !a.correct())
                .sorted(Comparator.comparingDouble((StrokeEvaluation.Answer a) -> a.top3().get(0).confidence()).reversed())
                .limit(count)
                .toList();
        int rows = Math.max(1, (worst.size() + COLUMNS - 1) / COLUMNS);
        BufferedImage sheet = new BufferedImage(COLUMNS * ROW_WIDTH, rows * (CELL + 8), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (int i = 0; i < worst.size(); i++) {
            StrokeEvaluation.Answer a = worst.get(i);
            int x = (i % COLUMNS) * ROW_WIDTH;
            int y = (i / COLUMNS) * (CELL + 8) + 4;
            drawStrokes(g, a.sample().strokes(), x + 2, y);
            drawView(g, a.view(), x + CELL + 4, y);
            g.setColor(Color.BLACK);
            g.drawString("truth " + a.truth(), x + 2 * CELL + 10, y + 20);
            g.setColor(new Color(0xB00020));
            g.drawString(String.format("read %s %.0f%%", a.top3().get(0).label(), a.top3().get(0).confidence() * 100),
                    x + 2 * CELL + 10, y + 40);
            g.setColor(Color.GRAY);
            g.drawString(a.sample().writer().length() > 14 ? a.sample().writer().substring(0, 14) : a.sample().writer(),
                    x + 2 * CELL + 10, y + 60);
        }
        g.dispose();
        ImageIO.setUseCache(false);
        ImageIO.write(sheet, "png", file.toFile());
    }

    private static void drawStrokes(Graphics2D g, List<Stroke> strokes, int x, int y) {
        double[] box = StrokeRenderer.bounds(strokes);
        double extent = Math.max(1e-9, Math.max(box[2] - box[0], box[3] - box[1]));
        double scale = (CELL - 12) / extent;
        double ox = x + 6 + ((CELL - 12) - (box[2] - box[0]) * scale) / 2;
        double oy = y + 6 + ((CELL - 12) - (box[3] - box[1]) * scale) / 2;
        g.setColor(new Color(0xF2F2F2));
        g.fillRect(x, y, CELL, CELL);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (Stroke s : strokes) {
            Path2D path = new Path2D.Double();
            path.moveTo(ox + (s.x()[0] - box[0]) * scale, oy + (s.y()[0] - box[1]) * scale);
            for (int i = 1; i < s.size(); i++) {
                path.lineTo(ox + (s.x()[i] - box[0]) * scale, oy + (s.y()[i] - box[1]) * scale);
            }
            g.draw(path);
        }
    }

    private static void drawView(Graphics2D g, float[] view, int x, int y) {
        int pixel = CELL / Grid.SIDE;
        for (int r = 0; r < Grid.SIDE; r++) {
            for (int c = 0; c < Grid.SIDE; c++) {
                int v = Grid.toLevel(view[r * Grid.SIDE + c]);
                g.setColor(new Color(v, v, v));
                g.fillRect(x + c * pixel, y + r * pixel, pixel, pixel);
            }
        }
    }
}
