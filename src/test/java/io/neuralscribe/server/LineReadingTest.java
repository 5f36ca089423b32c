package io.neuralscribe.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neuralscribe.inference.ClassPrior;
import io.neuralscribe.inference.LineContext;
import io.neuralscribe.inference.LineReader;
import io.neuralscribe.inference.Predictor;
import io.neuralscribe.inference.TtaMode;
import io.neuralscribe.inference.WordList;
import io.neuralscribe.model.LoadedModel;
import io.neuralscribe.model.ModelFile;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a whole line over a real server: the {@code read} message, {@code POST /api/read} and {@code POST /read}. */
class LineReadingTest {
    @TempDir
    static Path folder;

    private static TestServer server;

    /**
     * A line as the page sends it: a 1, a T (bar, then stem), a space, a 7 — canvas pixels, y down,
     * times in ms. The last stroke written is the T's stem, in the middle of the line.
     */
    private static final double[][][] LINE = {
        {{20, 20, 0}, {22, 120, 150}},
        {{250, 120, 1400}, {340, 20, 1550}},
        {{60, 20, 400}, {140, 20, 500}},
        {{100, 22, 700}, {100, 120, 850}},
    };

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.in(folder).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static ObjectNode read(Object id, double[][][] strokes) {
        ObjectNode message = TestServer.withStrokes("read", strokes);
        return id == null ? message : message.put("id", String.valueOf(id));
    }

    /** The same line read in this process, with the server's model file. */
    private static LineReader.Reading local(double[][][] raw) throws Exception {
        try (LoadedModel model = ModelFile.load(server.modelFile)) {
            Predictor predictor = new Predictor("bymerge", model);
            // TTA where the network is unsure, as the server reads a line.
            return new LineReader(model.metadata().classes(), WordList.english()).readStrokes(TestServer.strokes(raw),
                    views -> predictor.predict(views, TtaMode.UNSURE, ClassPrior.TRAINING), LineContext.anyShape());
        }
    }

    @Test
    void aLineIsReadWholeOverTheWebSocketAndRest() throws Exception {
        LineReader.Reading expected = local(LINE);
        assertEquals(3, expected.characters().size());
        try (WsClient client = server.connect()) {
            client.send(read("line", LINE));
            JsonNode reading = client.expectReply("reading");
            assertEquals("line", reading.path("id").asText());
            assertEquals(expected.text(), reading.path("text").asText());
            assertEquals(expected.networkText(), reading.path("network_text").asText());
            JsonNode characters = reading.path("characters");
            assertEquals(3, characters.size());
            double previousX = Double.NEGATIVE_INFINITY;
            for (JsonNode c : characters) {
                assertEquals(3, c.path("alternatives").size(), "each character keeps the network's top three");
                assertEquals(47, c.path("probabilities").size());
                assertTrue(c.path("box").path("x").asDouble() > previousX, "left to right");
                previousX = c.path("box").path("x").asDouble();
            }
            assertEquals(60, characters.get(1).path("box").path("x").asDouble(), 1e-9, "the T's bar and stem together");
            assertEquals(1, reading.path("last_touched").asInt(), "the T holds the last stroke written");
            assertEquals(784, reading.path("focus").path("preview").size(), "the bars and network view follow it");
            assertEquals(List.of(0, 2), List.of(reading.path("words").get(0).path("start").asInt(),
                    reading.path("words").get(1).path("start").asInt()), "the wide gap before the 7 is a space");
        }
        try (WsClient client = server.connect()) {
            client.send(read("nobody", LINE).put("profile", "nobody"));
            assertEquals("unknown_profile", client.expectReply("error").path("code").asText());
            client.send(TestServer.message("create_profile").put("profile", "someone"));
            client.expectReply("profile_created");
            client.send(read("mine", LINE).put("profile", "someone"));
            JsonNode mine = client.expectReply("reading");
            assertEquals("someone", mine.path("profile").asText(), "read with the writer's profile");
            assertEquals(3, mine.path("characters").size());
        }
        JsonNode rest = TestServer.json(server.postJson("/api/read", read(null, LINE)));
        assertEquals(expected.text(), rest.path("text").asText());
        assertEquals("reading", rest.path("type").asText());

        JsonNode digits = TestServer.json(server.postJson("/api/read", read(null, LINE).put("expect", "digits")));
        assertTrue(digits.path("text").asText().matches("[0-9]+ [0-9]+"), digits.path("text").asText());
        assertEquals("digits", digits.path("expect").asText());
    }

    @Test
    void aPictureOfALineIsSegmentedByItsInk() throws Exception {
        BufferedImage image = new BufferedImage(400, 150, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 400, 150);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(8));
        g.drawLine(50, 25, 50, 125);
        g.drawOval(100, 25, 60, 100);
        g.drawLine(210, 25, 270, 25);
        g.drawLine(270, 25, 230, 125);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        ObjectNode body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        body.put("image", "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray()));
        HttpResponse<String> response = server.postJson("/read", body);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode reading = TestServer.json(response);
        assertEquals(3, reading.path("characters").size(), response.body());
        assertEquals(46, reading.path("characters").get(0).path("box").path("x").asDouble(), 1.5);

        body.put("image", "data:image/png;base64,AAAA");
        HttpResponse<String> bad = server.postJson("/read", body);
        assertEquals(400, bad.statusCode());
        assertEquals("not_an_image", TestServer.json(bad).path("code").asText());
    }

    @Test
    void badLinesGetClearErrorsAndTheServerKeepsServing() throws Exception {
        StringBuilder sixtyFive = new StringBuilder("{\"type\":\"read\",\"strokes\":[");
        for (int i = 0; i <= LineReader.MAX_CHARACTERS; i++) {
            sixtyFive.append(i == 0 ? "" : ",").append("[[").append(i * 50).append(",0],[").append(i * 50).append(",100]]");
        }
        sixtyFive.append("]}");
        String[][] cases = {
            {"{\"type\":\"read\"}", "missing_strokes"},
            {"{\"type\":\"read\",\"strokes\":[[[1]]]}", "bad_point"},
            {"{\"type\":\"read\",\"strokes\":[],\"pixels\":[]}", "unknown_field"},
            {"{\"type\":\"read\",\"strokes\":[],\"profile\":7}", "bad_profile"},
            {"{\"type\":\"read\",\"strokes\":[],\"expect\":\"cursive\"}", "bad_expect"},
            {sixtyFive.toString(), "too_many_characters"},
        };
        try (WsClient client = server.connect()) {
            for (String[] c : cases) {
                client.send(c[0]);
                JsonNode error = client.expectReply("error");
                assertEquals(c[1], error.path("code").asText(), c[0].length() > 80 ? c[1] : c[0]);
                assertEquals("read", error.path("request_type").asText(error.toString()));
            }
            client.send("{\"type\":\"read\",\"strokes\":[]}");
            JsonNode empty = client.expectReply("reading");
            assertEquals("", empty.path("text").asText());
            assertEquals(-1, empty.path("last_touched").asInt());
            client.send(read("after", LINE));
            assertFalse(client.expectReply("reading").path("characters").isEmpty(), "still serving");
        }
        HttpResponse<String> rest = server.post("/api/read", "application/json", "{\"strokes\":[[[1]]]}");
        assertEquals(400, rest.statusCode());
        assertEquals("bad_point", TestServer.json(rest).path("code").asText());
    }

    @Test
    void aClientThatWritesFasterThanItIsReadGetsItsNewestLineRead() throws Exception {
        try (WsClient client = server.connect()) {
            for (int i = 1; i <= 8; i++) {
                client.send(read(i, LINE));
            }
            Map<String, String> answers = new HashMap<>();
            while (!"reading".equals(answers.get("8"))) {
                JsonNode reply = client.next();
                String type = reply.path("type").asText();
                if (type.equals("reading") || (type.equals("error") && reply.path("code").asText().equals("superseded"))) {
                    assertEquals(null, answers.put(reply.path("id").asText(), type), "one answer per line");
                }
            }
            List<String> ids = new ArrayList<>(answers.keySet());
            ids.sort(null);
            assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8"), ids, "every line is answered");
            assertEquals("reading", answers.get("1"), "the first runs at once");
        }
    }
}
