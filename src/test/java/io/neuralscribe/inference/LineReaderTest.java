package io.neuralscribe.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.neuralscribe.model.LoadedModel;
import io.neuralscribe.model.ModelFile;
import io.neuralscribe.raster.Stroke;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class LineReaderTest {
    private static final List<String> CLASSES = TestModels.BYMERGE_CLASSES;

    /** "1O5 AB" written as six separated rings and lines: 1 O 5, a space, A B. */
    private static List<Stroke> sixCharacters() {
        List<Stroke> strokes = new ArrayList<>();
        double x = 0;
        for (int i = 0; i < 6; i++) {
            if (i == 3) {
                x += 120;
            }
            strokes.add(Pen.ring(x, 0, 60, 100));
            x += 85;
        }
        return strokes;
    }

    /** A network that reads the k-th view as the k-th of the given (label, probability) pairs. */
    private static final class Scripted implements LineReader.Network {
        final List<Object[]> script;
        int calls;
        int views;

        Scripted(Object[]... script) {
            this.script = List.of(script);
        }

        @Override
        public List<Prediction> predict(List<float[]> batch) {
            calls++;
            views += batch.size();
            List<Prediction> out = new ArrayList<>();
            for (int k = 0; k < batch.size(); k++) {
                Object[] pairs = script.get(k);
                float[] p = new float[CLASSES.size()];
                double rest = 1;
                for (int i = 0; i < pairs.length; i += 2) {
                    p[CLASSES.indexOf((String) pairs[i])] = (float) (double) (Double) pairs[i + 1];
                    rest -= (Double) pairs[i + 1];
                }
                for (int c = 0; c < p.length; c++) {
                    if (p[c] == 0) {
                        p[c] = (float) (rest / (p.length - pairs.length / 2));
                    }
                }
                List<RankedLabel> top3 = IntStream.range(0, p.length).boxed()
                        .sorted(Comparator.comparingDouble((Integer c) -> p[c]).reversed()).limit(3)
                        .map(c -> new RankedLabel(CLASSES.get(c), p[c])).toList();
                out.add(new Prediction(false, "scripted", top3.get(0).label(), top3.get(0).confidence(), p, top3, 1,
                        new int[0], Map.of(), List.of(), Expectation.ANY, null));
            }
            return out;
        }
    }

    @Test
    void aLineIsOneBatchAndEveryCharacterKeepsItsAlternatives() {
        Scripted network = new Scripted(
                new Object[] {"1", 0.9}, new Object[] {"O", 0.6, "0", 0.3}, new Object[] {"5", 0.8, "S", 0.1},
                new Object[] {"A", 0.9}, new Object[] {"8", 0.5, "B", 0.4});
        List<Stroke> strokes = sixCharacters().subList(0, 5);
        LineReader.Reading reading = new LineReader(CLASSES, null).readStrokes(strokes, network, LineContext.anyShape());
        assertEquals(1, network.calls, "one forward pass for the whole line");
        assertEquals(5, network.views);
        assertEquals("105 AB", reading.text());
        assertEquals("1O5 A8", reading.networkText());
        LineReader.Character o = reading.characters().get(1);
        assertEquals("0", o.label());
        assertEquals(List.of("O", "0"), o.alternatives().stream().limit(2).map(RankedLabel::label).toList(),
                "the network's own reading stays visible");
        assertEquals(85, o.box().x(), 1e-9);
        assertEquals(List.of("105", "AB"), reading.words().stream().map(LineContext.Word::text).toList());
    }

    @Test
    void nothingWrittenReadsAsNothing() {
        Scripted network = new Scripted();
        LineReader.Reading reading = new LineReader(CLASSES, null).readStrokes(List.of(), network, LineContext.anyShape());
        assertEquals("", reading.text());
        assertEquals(0, network.calls);
    }

    @Test
    void tooManyCharactersAreRefused() {
        List<Stroke> strokes = new ArrayList<>();
        for (int i = 0; i <= LineReader.MAX_CHARACTERS; i++) {
            strokes.add(Pen.line(i * 50, 0, i * 50, 100));
        }
        Scripted network = new Scripted();
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new LineReader(CLASSES, null).readStrokes(strokes, network, LineContext.anyShape()));
        assertEquals(0, network.calls);
    }

    /** 1, 0 and 7 as a person draws them, 100 units tall, 40 apart. */
    private static List<Stroke> oneOhSeven() {
        return List.of(
                Pen.line(10, 0, 10, 100),
                Pen.ring(60, 0, 55, 100),
                Pen.line(155, 0, 215, 0), Pen.line(215, 0, 170, 100));
    }

    @Test
    void theShippedModelReadsANumberWrittenAsStrokes() throws Exception {
        assumeTrue(TestModels.shippedModelPresent(), "the shipped model is not built: " + TestModels.SHIPPED);
        try (LoadedModel model = ModelFile.load(TestModels.SHIPPED)) {
            Predictor predictor = new Predictor("bymerge", model);
            LineReader.Reading reading = new LineReader(model.metadata().classes(), WordList.english())
                    .readStrokes(oneOhSeven(), views -> predictor.predict(views, true), LineContext.anyShape());
            assertEquals("107", reading.text(), "network alone: " + reading.networkText());
        }
    }

    @Test
    void theShippedModelReadsANumberInAPicture() throws Exception {
        assumeTrue(TestModels.shippedModelPresent(), "the shipped model is not built: " + TestModels.SHIPPED);
        BufferedImage image = new BufferedImage(320, 160, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 320, 160);
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setStroke(new BasicStroke(9, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (Stroke s : oneOhSeven()) {
            for (int i = 1; i < s.size(); i++) {
                g.drawLine((int) s.x()[i - 1] + 40, (int) s.y()[i - 1] + 30, (int) s.x()[i] + 40, (int) s.y()[i] + 30);
            }
        }
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        ImageDecoder.GrayImage gray = new ImageDecoder(ImageLimits.standard()).decode(png.toByteArray());
        try (LoadedModel model = ModelFile.load(TestModels.SHIPPED)) {
            Predictor predictor = new Predictor("bymerge", model);
            LineReader.Reading reading = new LineReader(model.metadata().classes(), null)
                    .readPicture(gray, views -> predictor.predict(views, true), LineContext.anyShape());
            assertEquals(3, reading.characters().size());
            assertEquals("107", reading.text(), "network alone: " + reading.networkText());
            assertTrue(reading.characters().get(0).box().x() >= 40);
        }
    }
}
