package io.neuralscribe.browser;

import io.neuralscribe.model.TestEngine;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.BoundingBox;
import io.neuralscribe.server.NeuralScribeServer;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The dashboard in a real browser (Debian's Chromium driven by Playwright) against the real server,
 * in-process: drawing, live predictions, undo / clear, theme, canvases, training from the page,
 * reconnecting, fonts, and screenshots of both themes at desktop and phone size.
 *
 * <p>One server and one browser serve the whole class; every test gets a fresh browser context
 * (so fresh localStorage) and fails if the page logged an error it did not expect.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest extends BrowserTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Generous: the machine may be busy (a model training shares its cores). */
    private static final double TIMEOUT_MS = 60_000;

    /** A "7": one stroke, as points of the canvas (0..1). */
    private static final double[][] SEVEN = {{0.28, 0.22}, {0.72, 0.22}, {0.62, 0.45}, {0.46, 0.80}};
    /** An "L". */
    private static final double[][] ELL = {{0.36, 0.18}, {0.36, 0.80}, {0.70, 0.80}};
    /** The two strokes of a "T". */
    private static final double[][] T_BAR = {{0.25, 0.22}, {0.75, 0.22}};
    private static final double[][] T_STEM = {{0.50, 0.22}, {0.50, 0.82}};

    private Path modelFile;
    private Path stateDir;
    private Path dataDir;
    private NeuralScribeServer server;
    private int port;

    private BrowserContext context;
    private Page page;
    /** Errors the page logged (console errors, uncaught exceptions), across every page of the current test. */
    private final List<String> pageErrors = new CopyOnWriteArrayList<>();
    /** Errors the current test expects (e.g. refused WebSocket connections while the server is down). */
    private final List<Pattern> expectedErrors = new CopyOnWriteArrayList<>();
    /** Every URL the pages of the current test requested. */
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Response> fontResponses = new CopyOnWriteArrayList<>();
    /** The type of every message the server sent the pages of the current test. */
    private final List<String> serverMessages = new CopyOnWriteArrayList<>();
    /** The last message of each type the server sent the pages of the current test. */
    private final Map<String, JsonNode> lastServerMessage = new java.util.concurrent.ConcurrentHashMap<>();

    // ---- set-up -------------------------------------------------------------------------------

    @BeforeAll
    void startServer() throws IOException {
        TestEngine.oneThread();
        modelFile = BrowserTestModels.shippedModel();
        dataDir = BrowserTestModels.tinyData(folder);
        stateDir = Files.createDirectories(folder.resolve("state"));
        server = startServer(0);
        port = server.port();

        PlaywrightAssertions.setDefaultAssertionTimeout(TIMEOUT_MS);
    }

    /** The class's server, on {@code onPort} (0: any) — the same state and data when it is restarted. */
    private NeuralScribeServer startServer(int onPort) throws IOException {
        return serve(onPort, List.of(modelFile), stateDir, dataDir);
    }

    @BeforeEach
    void openDashboard() {
        pageErrors.clear();
        expectedErrors.clear();
        requests.clear();
        fontResponses.clear();
        serverMessages.clear();
        lastServerMessage.clear();
        context = newContext(new Browser.NewContextOptions().setViewportSize(1600, 1000));
        page = open(context);
    }

    @AfterEach
    void noPageErrors() {
        if (context != null) {
            context.close();
            context = null;
        }
        List<String> unexpected = pageErrors.stream()
                .filter(e -> expectedErrors.stream().noneMatch(p -> p.matcher(e).find()))
                .toList();
        assertEquals(List.of(), unexpected, "the page logged errors");
    }

    private final long t0 = System.nanoTime();

    /** With -Dneuralscribe.browser.trace=true: when each step happened (to see where a slow machine spends time). */
    private void trace(String what) {
        if (Boolean.getBoolean("neuralscribe.browser.trace")) {
            System.out.printf(Locale.ROOT, "[trace] %8.0f ms %s%n", (System.nanoTime() - t0) / 1e6, what);
        }
    }

    private BrowserContext newContext(Browser.NewContextOptions options) {
        BrowserContext created = browser.newContext(options);
        created.setDefaultTimeout(TIMEOUT_MS);
        return created;
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** A page of {@code ctx} with the dashboard loaded and connected, its errors and requests watched. */
    private Page open(BrowserContext ctx) {
        Page p = ctx.newPage();
        p.onConsoleMessage(m -> {
            if ("error".equals(m.type())) {
                pageErrors.add("console error: " + m.text() + " @ " + m.location());
            }
        });
        p.onPageError(e -> pageErrors.add("uncaught: " + e));
        p.onRequest(r -> requests.add(r.url()));
        p.onWebSocket(ws -> ws.onFrameReceived(f -> {
            try {
                JsonNode message = JSON.readTree(f.text());
                serverMessages.add(message.path("type").asText());
                lastServerMessage.put(message.path("type").asText(), message);
            } catch (IOException | RuntimeException e) {
                serverMessages.add("unreadable");
            }
        }));
        p.onResponse(r -> {
            if ("font".equals(r.request().resourceType())) {
                fontResponses.add(r);
            }
        });
        // Round-trip times of predictions, measured in the page: a reported inference time must fit in one.
        p.addInitScript("""
                (() => {
                  const rtt = window.__nsRtt = {};
                  const send = WebSocket.prototype.send;
                  WebSocket.prototype.send = function (data) {
                    try {
                      const m = JSON.parse(data);
                      if (m.type === 'predict') rtt[m.id] = { sent: performance.now() };
                    } catch (e) { /* not JSON */ }
                    if (!this.__nsWatched) {
                      this.__nsWatched = true;
                      this.addEventListener('message', (ev) => {
                        try {
                          const m = JSON.parse(ev.data);
                          if (m.type === 'prediction' && rtt[m.id] && rtt[m.id].answered === undefined) {
                            rtt[m.id].answered = performance.now();
                          }
                        } catch (e) { /* not JSON */ }
                      });
                    }
                    return send.call(this, data);
                  };
                })();
                """);
        trace("navigate");
        p.navigate(baseUrl() + "/");
        trace("loaded");
        assertThat(p.locator("#connection-status")).hasAttribute("data-state", "connected");
        trace("connected");
        p.waitForFunction("() => document.querySelectorAll('#bars .bar').length > 0");
        return p;
    }

    // ---- 1. live prediction while drawing ----------------------------------------------------------

    @Test
    @Order(1)
    void aPredictionAppearsWhileTheMouseIsStillDown() {
        Locator label = page.locator("#prediction-label");
        assertThat(label).hasAttribute("data-state", "idle");
        assertThat(page.locator("#prediction-message")).hasText("Draw a character");

        BoundingBox box = canvasBox();
        List<double[]> path = polyline(SEVEN, 0.03);
        int half = path.size() / 2;
        double[] start = toScreen(box, path.get(0));
        page.mouse().move(start[0], start[1]);
        page.mouse().down();
        for (int i = 1; i < half; i++) {
            double[] xy = toScreen(box, path.get(i));
            page.mouse().move(xy[0], xy[1]);
            page.waitForTimeout(10);
        }
        // The button is still down: the stroke is in progress, yet the network has answered.
        page.waitForFunction("() => document.getElementById('prediction-label').dataset.state === 'predicted'");
        assertEquals(1, strokeCount(), "one stroke, still being drawn");
        int firstId = predictionId();
        assertFalse(label.textContent().isBlank(), "a predicted character is shown");

        for (int i = half; i < path.size(); i++) {
            double[] xy = toScreen(box, path.get(i));
            page.mouse().move(xy[0], xy[1]);
            page.waitForTimeout(10);
        }
        // Predictions keep flowing as the stroke grows, still before the release.
        page.waitForFunction("(id) => { const p = window.neuralscribe.prediction(); return p && p.id > id; }", firstId);
        awaitSettledPrediction();
        int sentBeforeRelease = predictRequestsSent();
        page.mouse().up();

        // Lifting the pen changes nothing: the answer shown stands, no request for the same strokes.
        JsonNode prediction = awaitSettledPrediction();
        page.waitForTimeout(300);
        assertEquals(sentBeforeRelease, predictRequestsSent(), "no second request for an unchanged drawing");
        assertEquals(1, strokeCount());
        assertEquals(prediction.get("label").asText(), label.textContent().trim());
        assertEquals(3, page.locator("#top3 li").count());
        assertEquals(prediction.get("label").asText(), page.locator("#top3 li").first().getAttribute("data-label"));
        double confidence = prediction.get("confidence").asDouble();
        assertTrue(confidence > 0 && confidence <= 1, "confidence " + confidence);
        assertEquals(String.format(Locale.ROOT, "%.1f%%", confidence * 100),
                page.locator("#prediction-confidence").textContent().trim());
        assertInferenceTimeIsSane(prediction);
        // The shipped model reads a plain 7 as a 7: the strokes reach it rendered upright, framed as in EMNIST.
        assertEquals("7", prediction.get("label").asText(), "top 3: " + prediction.get("top3"));

        // What went on the wire: the strokes, in CSS pixels of the canvas with their times, and the hint.
        JsonNode request = evaluateJson("() => window.neuralscribe.lastSentRequest()");
        assertEquals(prediction.get("id").asInt(), request.get("id").asInt());
        assertFalse(request.has("pixels"), "no pixels are sent: " + request);
        assertEquals("any", request.get("expect").asText());
        JsonNode strokes = request.get("strokes");
        assertEquals(1, strokes.size(), "one stroke");
        JsonNode points = strokes.get(0);
        assertTrue(points.size() >= 10, "the stroke's points: " + points);
        JsonNode first = points.get(0);
        JsonNode last = points.get(points.size() - 1);
        assertEquals(SEVEN[0][0] * box.width, first.get(0).asDouble(), 1.5, "x in CSS px: " + first);
        assertEquals(SEVEN[0][1] * box.height, first.get(1).asDouble(), 1.5, "y in CSS px, down: " + first);
        assertEquals(SEVEN[3][0] * box.width, last.get(0).asDouble(), 1.5, "the stroke's end: " + last);
        assertEquals(SEVEN[3][1] * box.height, last.get(1).asDouble(), 1.5, "the stroke's end: " + last);
        assertEquals(0, first.get(2).asInt(), "time starts with the drawing");
        assertTrue(last.get(2).asDouble() > first.get(2).asDouble(), "times grow: " + first + " … " + last);
    }

    private int predictRequestsSent() {
        return ((Number) page.evaluate("() => window.neuralscribe.stats().predict.sent")).intValue();
    }

    /** The shown inference time is the server's, in milliseconds, and fits within the page's round trip. */
    private void assertInferenceTimeIsSane(JsonNode prediction) {
        // The prediction and the text shown, read together (a later answer could replace both).
        JsonNode now = evaluateJson("() => ({ p: window.neuralscribe.prediction(),"
                + " shown: document.getElementById('prediction-ms').textContent })");
        assertEquals(prediction.get("id").asInt(), now.get("p").get("id").asInt(), "the drawing did not change");
        double ms = prediction.get("inference_ms").asDouble();
        String shown = now.get("shown").asText().trim();
        Matcher m = Pattern.compile("^(\\d+\\.\\d) ms$").matcher(shown);
        assertTrue(m.matches(), "inference time shown as '" + shown + "'");
        assertEquals(String.format(Locale.ROOT, "%.1f", ms), m.group(1));
        Object rtt = page.evaluate("(id) => { const r = window.__nsRtt[id]; return r && r.answered !== undefined"
                + " ? r.answered - r.sent : null; }", prediction.get("id").asInt());
        assertNotNull(rtt, "the page saw the request and its answer");
        double roundTrip = ((Number) rtt).doubleValue();
        assertTrue(ms > 0, "inference time " + ms + " ms must be positive");
        assertTrue(ms <= roundTrip + 1.0, "inference time " + ms + " ms cannot exceed the round trip of "
                + roundTrip + " ms (wrong unit?)");
        assertTrue(ms < 5_000, "inference time " + ms + " ms");
    }

    // ---- 2. undo and clear ------------------------------------------------------------------------

    @Test
    @Order(2)
    void undoPopsTheLastStrokeAndClearEmptiesTheCanvas() {
        Locator undo = page.locator("#undo-button");
        Locator clear = page.locator("#clear-button");
        assertThat(undo).isDisabled();
        assertThat(clear).isDisabled();

        draw(T_BAR);
        draw(T_STEM);
        awaitSettledPrediction();
        assertEquals(2, strokeCount());
        int inkWithTwo = inkPixels("draw-canvas");
        assertThat(undo).isEnabled();

        undo.click();
        page.waitForFunction("() => window.neuralscribe.strokeCount() === 1"
                + " && window.neuralscribe.state().drawing.strokes.length === 1");
        awaitSettledPrediction();
        int inkWithOne = inkPixels("draw-canvas");
        assertTrue(inkWithOne > 0 && inkWithOne < inkWithTwo, "undo removed ink: " + inkWithTwo + " → " + inkWithOne);
        assertThat(page.locator("#prediction-label")).hasAttribute("data-state", "predicted");

        draw(T_STEM);
        page.waitForFunction("() => window.neuralscribe.strokeCount() === 2");
        page.locator("#draw-canvas").hover();
        page.keyboard().press("Control+z");
        page.waitForFunction("() => window.neuralscribe.strokeCount() === 1");

        clear.click();
        page.waitForFunction("() => window.neuralscribe.strokeCount() === 0");
        assertCleared();
        assertThat(undo).isDisabled();
        assertThat(clear).isDisabled();

        draw(ELL);
        awaitSettledPrediction();
        page.keyboard().press("Escape");
        page.waitForFunction("() => window.neuralscribe.strokeCount() === 0");
        assertCleared();
        // A late answer must not bring a prediction back onto the empty canvas.
        page.waitForTimeout(300);
        assertNull(page.evaluate("() => window.neuralscribe.prediction()"));
    }

    private void assertCleared() {
        assertThat(page.locator("#prediction-label")).hasAttribute("data-state", "idle");
        assertThat(page.locator("#prediction-label")).hasText("");
        assertThat(page.locator("#prediction-message")).hasText("Draw a character");
        assertThat(page.locator("#prediction-ms")).hasText("—");
        assertThat(page.locator("#bars")).hasAttribute("data-state", "idle");
        assertEquals(0, page.locator("#top3 li").count());
        assertNull(page.evaluate("() => window.neuralscribe.prediction()"));
        assertNull(page.evaluate("() => window.neuralscribe.lastStrokes()"));
        assertThat(page.locator("#canvas-placeholder")).isVisible();
        page.waitForFunction("() => { const c = document.getElementById('draw-canvas');"
                + " return !c.getContext('2d').getImageData(0, 0, c.width, c.height).data"
                + ".some((v, i) => i % 4 === 3 && v > 0); }");
        assertEquals(0, inkPixels("preview-canvas"));
    }

    // ---- 3. theme -------------------------------------------------------------------------------

    @Test
    @Order(3)
    void theThemeSurvivesAReload() {
        String before = page.locator("html").getAttribute("data-theme");
        String background = (String) page.evaluate("() => getComputedStyle(document.body).backgroundColor");
        String other = "dark".equals(before) ? "light" : "dark";

        page.locator("#theme-toggle").click();
        assertThat(page.locator("html")).hasAttribute("data-theme", other);
        assertEquals(other, page.evaluate("() => localStorage.getItem('neuralscribe.theme')"));
        assertThat(page.locator("#theme-toggle")).hasAttribute("aria-label",
                "Switch to " + ("dark".equals(other) ? "light" : "dark") + " theme");

        page.reload();
        assertThat(page.locator("#connection-status")).hasAttribute("data-state", "connected");
        assertThat(page.locator("html")).hasAttribute("data-theme", other);
        assertEquals(other, page.evaluate("() => window.neuralscribe.state().theme"));
        page.waitForTimeout(450); // past the colour transition
        assertNotEquals(background, page.evaluate("() => getComputedStyle(document.body).backgroundColor"),
                "the colours changed with the theme");

        page.locator("#theme-toggle").click();
        assertThat(page.locator("html")).hasAttribute("data-theme", before);
        page.reload();
        assertThat(page.locator("html")).hasAttribute("data-theme", before);
    }

    // ---- 4. bars and canvases ------------------------------------------------------------------------

    @Test
    @Order(4)
    void barsAndCanvasesRenderAPrediction() {
        Locator bars = page.locator("#bars .bar");
        assertEquals(47, bars.count());
        List<String> labels = new ArrayList<>();
        for (Object o : (List<?>) page.evaluate("() => [...document.querySelectorAll('#bars .bar')].map(b => b.dataset.label)")) {
            labels.add((String) o);
        }
        assertEquals(BrowserTestModels.BYMERGE_CLASSES, labels, "one bar per class, in the server's order");
        assertEquals("10 digits26 upper case11 lower case", page.locator("#bars-legend").textContent().trim());

        int greenBefore = colourPixels("network-canvas", "--green");
        assertTrue(inkPixels("network-canvas") > 1000, "the network wireframe is drawn before any prediction");
        assertEquals(0, greenBefore, "no predicted path before a prediction");
        assertEquals(0, inkPixels("preview-canvas"));

        draw(SEVEN);
        JsonNode prediction = awaitSettledPrediction();
        assertThat(page.locator("#bars")).hasAttribute("data-state", "predicted");

        // Bars: probabilities sum to one, the winner is the predicted label and is the tallest.
        List<?> ps = (List<?>) page.evaluate("() => [...document.querySelectorAll('#bars .bar')].map(b => Number(b.dataset.p))");
        double sum = ps.stream().mapToDouble(o -> ((Number) o).doubleValue()).sum();
        assertEquals(1.0, sum, 0.02, "the bars' probabilities sum to one");
        Locator winner = page.locator("#bars .bar.is-winner");
        assertEquals(1, winner.count());
        assertEquals(prediction.get("label").asText(), winner.getAttribute("data-label"));
        page.waitForTimeout(250); // the bars' 180 ms transition
        double winnerHeight = fillHeight(winner);
        assertTrue(winnerHeight > 0, "the winning bar is filled");
        for (int i = 0; i < 47; i++) {
            assertTrue(fillHeight(bars.nth(i)) <= winnerHeight + 0.5, "bar " + i + " is not taller than the winner");
        }

        // Canvases: drawing, 28×28 preview, network (predicted path in green), both charts.
        assertTrue(inkPixels("draw-canvas") > 500, "the stroke is on the drawing canvas");
        assertThat(page.locator("#preview-canvas")).hasAttribute("data-state", "shown");
        int preview = inkPixels("preview-canvas");
        assertTrue(preview > 20 && preview < 28 * 28, "the preview shows the character: " + preview + " pixels");
        // The preview is exactly what the network saw (the server's rendering), not a picture of the page's own.
        List<?> shown = (List<?>) page.evaluate("() => { const c = document.getElementById('preview-canvas');"
                + " return [...c.getContext('2d').getImageData(0, 0, 28, 28).data].filter((v, i) => i % 4 === 3); }");
        for (int i = 0; i < 28 * 28; i++) {
            assertEquals(prediction.get("preview").get(i).asInt(), ((Number) shown.get(i)).intValue(), 1, "preview pixel " + i);
        }
        page.waitForFunction("() => { const s = window.neuralscribe.stats().network; const d = s.draws;"
                + " return new Promise(r => setTimeout(() => r(window.neuralscribe.stats().network.draws === d), 150)); }");
        int green = colourPixels("network-canvas", "--green");
        int red = colourPixels("network-canvas", "--red");
        assertTrue(green > 200, "the predicted path is drawn in green: " + green + " pixels");
        assertTrue(red > 20, "competing activations are drawn in red: " + red + " pixels");
        assertTrue(inkPixels("accuracy-chart") > 200, "the accuracy chart is drawn");
        assertTrue(inkPixels("loss-chart") > 200, "the loss chart is drawn");
    }

    private double fillHeight(Locator bar) {
        return ((Number) bar.locator(".bar-fill").evaluate("e => e.getBoundingClientRect().height")).doubleValue();
    }

    // ---- 5. training from the page ------------------------------------------------------------------

    @Test
    @Order(8)
    void trainingFromThePageShowsProgressChartsAndCompletion() {
        Locator slider = page.locator("#epochs-slider");
        slider.focus();
        page.keyboard().press("Home"); // the slider's smallest value: the tiny data set trains in seconds
        int epochs = Integer.parseInt(slider.inputValue());
        assertTrue(epochs <= 5, "the slider goes down to " + epochs);
        assertThat(page.locator("#epochs-value")).hasText(String.valueOf(epochs));
        assertEquals(String.valueOf(epochs), page.evaluate("() => localStorage.getItem('neuralscribe.epochs')"));

        page.reload(); // the slider remembers its value
        assertThat(page.locator("#connection-status")).hasAttribute("data-state", "connected");
        assertThat(page.locator("#epochs-value")).hasText(String.valueOf(epochs));
        serverMessages.clear();
        page.evaluate("""
                () => {
                  const t = window.__trainTrace = { progress: [], phases: [], history: [] };
                  const bar = document.getElementById('progress-bar');
                  new MutationObserver(() => {
                    if (bar.dataset.phase === 'train') t.progress.push(Number(bar.getAttribute('aria-valuenow')));
                    if (t.phases[t.phases.length - 1] !== bar.dataset.phase) t.phases.push(bar.dataset.phase);
                  }).observe(bar, { attributes: true, attributeFilter: ['aria-valuenow', 'data-phase'] });
                  const acc = document.getElementById('accuracy-value');
                  new MutationObserver(() => t.history.push(window.neuralscribe.state().history.length))
                    .observe(acc, { childList: true, characterData: true, subtree: true });
                }
                """);
        int drawsBefore = chartDraws("accuracy");
        int lossDrawsBefore = chartDraws("loss");

        long started = System.nanoTime();
        page.locator("#train-button").click();
        // First the plan: what it trains on and what it costs; nothing starts before Start.
        assertThat(page.locator("#training-plan-text")).containsText("for " + epochs + " epochs on 141 images from");
        assertThat(page.locator("#training-plan-text")).containsText("test images");
        assertThat(page.locator("#status-pill")).hasAttribute("data-status", "idle");
        page.locator("#eval-limit").selectOption("0");
        page.locator("#training-plan-start").click();
        assertThat(page.locator("#status-pill")).hasAttribute("data-status", "training");
        assertThat(page.locator("#status-pill")).hasText("training");
        assertThat(page.locator("#train-button")).isDisabled();
        assertThat(page.locator("#cancel-button")).isEnabled();
        assertThat(slider).isDisabled();

        page.waitForFunction("() => document.getElementById('status-pill').dataset.status === 'idle'", null,
                new Page.WaitForFunctionOptions().setTimeout(300_000));
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(page.locator("#training-status")).containsText("Training complete");
        assertThat(page.locator("#status-pill")).hasText("idle");
        assertThat(page.locator("#progress-label")).hasText("done");
        assertThat(page.locator("#progress-bar")).hasAttribute("aria-valuenow", "100");
        assertThat(page.locator("#notice")).isVisible();
        assertThat(page.locator("#notice")).hasAttribute("data-level", "success");
        assertThat(page.locator("#train-button")).isEnabled();
        assertThat(page.locator("#train-button")).hasText("Train");

        JsonNode state = evaluateJson("() => window.neuralscribe.state()");
        JsonNode history = state.get("history");
        assertEquals(epochs, history.size(), "one history record per epoch");
        for (int i = 0; i < epochs; i++) {
            JsonNode r = history.get(i);
            assertEquals(i + 1, r.get("epoch").asInt());
            double acc = r.get("accuracy").asDouble();
            assertTrue(acc >= 0 && acc <= 1, "accuracy " + acc);
            assertTrue(r.get("train_loss").asDouble() > 0, "train loss " + r);
        }
        assertTrue(page.locator("#accuracy-value").textContent().matches("\\d+\\.\\d\\d%"),
                page.locator("#accuracy-value").textContent());
        assertTrue(page.locator("#loss-value").textContent().matches("\\d+\\.\\d{4}"),
                page.locator("#loss-value").textContent());

        JsonNode trace = evaluateJson("() => window.__trainTrace");
        List<Double> progress = new ArrayList<>();
        trace.get("progress").forEach(n -> progress.add(n.asDouble()));
        assertTrue(progress.stream().anyMatch(v -> v > 0 && v < 100), "the progress bar moved through " + progress);
        List<Double> afterStart = progress.subList(progress.indexOf(Collections.min(progress)), progress.size());
        for (int i = 1; i < afterStart.size(); i++) {
            assertTrue(afterStart.get(i) >= afterStart.get(i - 1), "the progress bar never goes back: " + progress);
        }
        assertEquals(100.0, progress.get(progress.size() - 1));
        List<String> phases = new ArrayList<>();
        trace.get("phases").forEach(n -> phases.add(n.asText()));
        assertTrue(phases.indexOf("evaluate") > phases.indexOf("train"), "the final evaluation is its own step: " + phases);
        List<Integer> lengths = new ArrayList<>();
        trace.get("history").forEach(n -> lengths.add(n.asInt()));
        for (int e = 1; e <= epochs; e++) {
            assertTrue(lengths.contains(e), "the charts grew epoch by epoch: history lengths " + lengths);
        }
        assertTrue(chartDraws("accuracy") >= drawsBefore + epochs, "the accuracy chart redrew each epoch");
        assertTrue(chartDraws("loss") >= lossDrawsBefore + epochs, "the loss chart redrew each epoch");
        assertTrue(colourPixels("accuracy-chart", "--green") > 50, "the accuracy curve is drawn");
        assertTrue(colourPixels("loss-chart", "--amber") > 50, "the train-loss curve is drawn");

        List<String> events = serverMessages.stream()
                .filter(t -> t.startsWith("training_") && !t.equals("training_plan")).toList();
        assertEquals("training_started", events.get(0), events.toString());
        assertTrue(events.contains("training_progress"), events.toString());
        assertEquals(epochs, events.stream().filter("training_update"::equals).count(), events.toString());
        assertEquals("training_complete", events.get(events.size() - 1), events.toString());
        System.out.printf(Locale.ROOT, "[browser] %d epochs on the tiny split took %.1f s%n", epochs, seconds);

        // The new model waits beside the current one until the person keeps it.
        assertThat(page.locator("#candidate")).isVisible();
        assertThat(page.locator("#candidate-text")).containsText("both on the same 47 test images");
        assertTrue(state.get("modelInfo").path("shipped").asBoolean(false), "the shipped model still serves");
        page.locator("#keep-candidate").click();
        assertThat(page.locator("#candidate")).isHidden();
        assertThat(page.locator("#training-status")).containsText("trained " + epochs + " epochs");
        state = evaluateJson("() => window.neuralscribe.state()");

        // The header describes the model now serving: the trained one, with its accuracy.
        JsonNode complete = lastServerMessage.get("model_kept");
        JsonNode served = complete.get("model_info");
        assertNotNull(served, "model_kept describes the new model: " + complete);
        String name = served.get("name").asText();
        assertFalse(name.isBlank() || "null".equals(name), "the trained model has a name: " + complete);
        assertEquals(name, complete.get("model").asText());
        String accuracy = String.format(Locale.ROOT, "%.1f%%", served.get("accuracy").asDouble() * 100);
        assertThat(page.locator("#model-info")).containsText(name);
        assertThat(page.locator("#model-info")).containsText(accuracy);
        assertFalse(state.get("modelInfo").path("shipped").asBoolean(true), "no longer the shipped model");
        JsonNode after = evaluateJson("() => window.neuralscribe.state().modelInfo");
        assertEquals(served.get("trained_on").asText(), after.get("trained_on").asText());

        // The trained model is what the server serves from now on: a reload shows its history.
        page.reload();
        assertThat(page.locator("#connection-status")).hasAttribute("data-state", "connected");
        assertThat(page.locator("#training-status")).containsText("trained " + epochs + " epochs");
        assertThat(page.locator("#model-info")).containsText("on 47 ByMerge test images");
        assertThat(page.locator("#model-info")).containsText(accuracy);
        assertThat(page.locator("#accuracy-note")).hasText(
                "bymerge model · each epoch checked on 47 images of the EMNIST ByMerge test set");
        assertEquals(epochs, evaluateJson("() => window.neuralscribe.state()").get("history").size());

        // The trained model now serves: a prediction still works.
        draw(ELL);
        awaitSettledPrediction();
    }

    private int chartDraws(String which) {
        return ((Number) page.evaluate("(w) => window.neuralscribe.stats().charts[w]", which)).intValue();
    }

    // ---- 6. reconnecting --------------------------------------------------------------------------

    @Test
    @Order(9)
    void theDashboardReconnectsAfterTheServerRestarts() throws IOException {
        Locator status = page.locator("#connection-status");
        // While the server is down the browser logs each refused reconnection attempt.
        expectedErrors.add(Pattern.compile("WebSocket connection to 'ws://127\\.0\\.0\\.1:" + port + "/ws' failed"));

        server.close();
        server = null;
        page.waitForFunction("() => ['offline', 'connecting'].includes("
                + "document.getElementById('connection-status').dataset.state)");
        assertThat(status).hasAttribute("data-state", "offline");
        assertThat(status.locator("[data-role=text]")).hasText("offline");
        assertThat(page.locator("#train-button")).isDisabled();

        // Drawn while offline: the page waits, and asks as soon as it is back.
        draw(SEVEN);
        assertThat(page.locator("#prediction-label")).hasAttribute("data-state", "pending");
        assertThat(page.locator("#prediction-message")).hasText("Offline — waiting for the server");
        page.waitForTimeout(2500); // at least one refused reconnection attempt
        assertFalse(page.evaluate("() => document.getElementById('connection-status').dataset.state").equals("connected"));

        server = startServer(port);
        assertEquals(port, server.port());
        assertThat(status).hasAttribute("data-state", "connected"); // the page retries every 2 s
        assertThat(status.locator("[data-role=text]")).hasText("connected");
        JsonNode prediction = awaitSettledPrediction();
        assertThat(page.locator("#prediction-label")).hasAttribute("data-state", "predicted");
        assertThat(page.locator("#train-button")).isEnabled();

        // And a new drawing is predicted as usual.
        page.keyboard().press("Escape");
        draw(ELL);
        JsonNode again = awaitSettledPrediction();
        assertTrue(again.get("id").asInt() > prediction.get("id").asInt());
        assertInferenceTimeIsSane(again);
    }

    // ---- what the person writes, and look-alikes (before the training test replaces the shipped model) ----------------------------------------------------

    @Test
    @Order(6)
    void theHintIsSentWithEveryPredictionAppliedAndRememberedAfterAReload() {
        Locator any = page.locator("#expect input[value=any]");
        Locator digits = page.locator("#expect input[value=digits]");
        Locator upper = page.locator("#expect input[value=upper]");
        assertThat(any).isChecked();

        page.locator("#expect label:has(input[value=digits])").click();
        assertThat(digits).isChecked();
        assertEquals("digits", page.evaluate("() => localStorage.getItem('neuralscribe.expect')"));
        draw(ELL);
        JsonNode asDigit = awaitSettledPrediction();
        assertEquals("digits", sentRequest().get("expect").asText());
        assertEquals("digits", asDigit.get("expect").asText(), "the server applied the hint");
        assertTrue(asDigit.get("label").asText().matches("[0-9]"), "read among the digits: " + asDigit.get("label"));

        page.reload();
        assertThat(page.locator("#connection-status")).hasAttribute("data-state", "connected");
        assertThat(digits).isChecked();
        assertEquals("digits", page.evaluate("() => window.neuralscribe.state().expect"));
        draw(ELL);
        awaitSettledPrediction();
        JsonNode request = sentRequest();
        assertEquals("digits", request.get("expect").asText(), "remembered and sent after a reload");

        // Another hint asks again for the same drawing.
        int sent = predictRequestsSent();
        page.locator("#expect label:has(input[value=upper])").click();
        JsonNode asCapital = awaitSettledPrediction();
        assertEquals(sent + 1, predictRequestsSent());
        JsonNode again = sentRequest();
        assertEquals("upper", again.get("expect").asText());
        assertEquals(request.get("strokes"), again.get("strokes"), "the same strokes");
        assertEquals("upper", asCapital.get("expect").asText());
        assertTrue(asCapital.get("label").asText().matches("[A-Z]"), "read among the capitals: " + asCapital.get("label"));

        page.locator("#expect label:has(input[value=any])").click();
        assertEquals("any", page.evaluate("() => localStorage.getItem('neuralscribe.expect')"));
    }

    private JsonNode sentRequest() {
        return evaluateJson("() => window.neuralscribe.lastSentRequest()");
    }

    @Test
    @Order(7)
    void aCloseLookAlikeIsAskedAboutNotHidden() {
        context.close();
        // The server's real answers, with the runner-up named as a look-alike while window.__nsAlike is set.
        context = newContext(new Browser.NewContextOptions().setViewportSize(1600, 1000));
        context.addInitScript(WITH_LOOK_ALIKE);
        page = open(context);

        draw(ELL);
        JsonNode prediction = awaitSettledPrediction();
        String label = prediction.get("label").asText();
        String other = prediction.get("look_alike").get("label").asText();
        Locator alternative = page.locator("#prediction-alt");
        assertThat(alternative).isVisible();
        assertThat(alternative).hasText("— or " + other + "?");
        assertThat(page.locator("#prediction-label")).hasText(label);
        assertThat(page.locator("#prediction-label")).hasAttribute("aria-label", label + " — or " + other + "?");
        assertThat(page.locator("#prediction-message")).hasText(label + " and " + other + " look alike: say what you are writing");

        page.evaluate("() => { window.__nsAlike = false; }");
        page.keyboard().press("Escape");
        draw(ELL);
        JsonNode plain = awaitSettledPrediction();
        assertTrue(plain.get("look_alike").isNull(), "the server's answer: " + plain);
        assertThat(alternative).isHidden();
        assertNull(page.locator("#prediction-label").getAttribute("aria-label"));
        assertEquals("\u00a0", page.locator("#prediction-message").textContent(), "no look-alike line");
    }

    /** Hands the page each {@code prediction} with {@code look_alike} naming its runner-up, while {@code window.__nsAlike}. */
    private static final String WITH_LOOK_ALIKE = """
            (() => {
              window.__nsAlike = true;
              const add = WebSocket.prototype.addEventListener;
              WebSocket.prototype.addEventListener = function (type, fn, options) {
                if (type !== 'message') return add.call(this, type, fn, options);
                return add.call(this, type, (ev) => {
                  const m = JSON.parse(ev.data);
                  if (!window.__nsAlike || m.type !== 'prediction' || m.empty || !m.top3[1]) return fn.call(this, ev);
                  m.look_alike = { label: m.top3[1].label, confidence: m.top3[1].confidence };
                  return fn.call(this, new MessageEvent('message', { data: JSON.stringify(m) }));
                }, options);
              };
            })();
            """;

    // ---- fonts and requests ----------------------------------------------------------------------

    @Test
    @Order(10)
    void fontsComeFromOurServerAndNothingElseIsFetched() {
        page.evaluate("() => document.fonts.ready.then(() => true)");
        for (String font : List.of("800 27px Syne", "700 36px Caveat", "400 15px Outfit", "600 12px \"Geist Mono\"")) {
            assertEquals(Boolean.TRUE, page.evaluate("(f) => document.fonts.check(f)", font), font + " is loaded");
        }
        List<?> loaded = (List<?>) page.evaluate("() => [...document.fonts].filter(f => f.status === 'loaded')"
                + ".map(f => f.family.replace(/\"/g, ''))");
        assertTrue(loaded.containsAll(List.of("Syne", "Caveat", "Outfit", "Geist Mono")), "loaded fonts " + loaded);

        assertTrue(fontResponses.size() >= 4, "font requests " + fontResponses.stream().map(Response::url).toList());
        for (Response r : fontResponses) {
            assertTrue(r.url().startsWith(baseUrl() + "/fonts/") && r.url().endsWith(".woff2"), r.url());
            assertEquals(200, r.status(), r.url());
        }
        for (String url : requests) {
            assertTrue(url.startsWith(baseUrl() + "/") || url.startsWith("ws://127.0.0.1:" + port + "/")
                    || url.startsWith("data:"), "the page fetched " + url + " from elsewhere");
        }
    }

    // ---- 7. screenshots (before the training test replaces the shipped model) ----------------------------------------------------------------------------

    @Test
    @Order(5)
    void screenshotsOfBothThemesAtDesktopAndPhoneSize() throws IOException {
        context.close();
        context = null;
        Path dir = Files.createDirectories(artifactsDirectory());
        for (String theme : List.of("dark", "light")) {
            for (String size : List.of("desktop", "phone")) {
                boolean phone = size.equals("phone");
                Browser.NewContextOptions options = new Browser.NewContextOptions()
                        .setViewportSize(phone ? 390 : 1600, phone ? 844 : 1000)
                        .setDeviceScaleFactor(phone ? 2 : 1)
                        .setIsMobile(phone)
                        .setHasTouch(phone)
                        .setColorScheme("dark".equals(theme) ? com.microsoft.playwright.options.ColorScheme.DARK
                                : com.microsoft.playwright.options.ColorScheme.LIGHT);
                try (BrowserContext shots = newContext(options)) {
                    shots.addInitScript("try { localStorage.setItem('neuralscribe.theme', '" + theme + "'); } catch (e) {}");
                    Page p = open(shots);
                    Page main = page;
                    page = p;
                    try {
                        assertThat(p.locator("html")).hasAttribute("data-theme", theme);
                        draw(SEVEN);
                        awaitSettledPrediction();
                        p.evaluate("() => document.fonts.ready.then(() => true)");
                        p.waitForTimeout(600); // the network view eases in, the bars transition
                        if (phone) {
                            Object overflow = p.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
                            assertEquals(0, ((Number) overflow).intValue(), "no sideways scrolling on a phone");
                        }
                        assertEquals(List.of(), p.evaluate(WINNER_LABEL_OVERLAPS),
                                "a winning bar's percentage (shown above the bar) would cover another bar's label");
                        Path file = dir.resolve("dashboard-" + theme + "-" + size + ".png");
                        p.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
                        assertTrue(Files.size(file) > 10_000, file + " was written");
                        System.out.println("[browser] screenshot " + file.toAbsolutePath());
                    } finally {
                        page = main;
                    }
                }
            }
        }
    }

    /**
     * Labels of bars that the winner's percentage would cover, were that bar the winner: the
     * percentage sits above the bar ({@code .bar.is-winner::before}), so rows of bars need room.
     */
    private static final String WINNER_LABEL_OVERLAPS = """
            () => {
              const winner = document.querySelector('#bars .bar.is-winner');
              if (!winner) throw new Error('no winning bar');
              const before = getComputedStyle(winner, '::before');
              const top = parseFloat(before.top);
              const height = parseFloat(before.lineHeight) || parseFloat(before.fontSize) * 1.5;
              const labels = [...document.querySelectorAll('#bars .bar-label')].map((l) => l.getBoundingClientRect());
              const bad = [];
              for (const bar of document.querySelectorAll('#bars .bar')) {
                const r = bar.getBoundingClientRect();
                const y0 = r.top + top, y1 = y0 + height;
                labels.forEach((l, i) => {
                  const across = l.left < r.right - 2 && l.right > r.left + 2;
                  if (across && l.top < y1 - 1 && l.bottom > y0 + 1) bad.push(bar.dataset.label + ' covers ' + i);
                });
              }
              return bad;
            }
            """;

    /** {@code neuralscribe.artifacts}, else {@code test-artifacts} in the build directory, else target/test-artifacts. */
    private static Path artifactsDirectory() {
        String property = System.getProperty("neuralscribe.artifacts");
        if (property != null && !property.isBlank()) {
            return Paths.get(property);
        }
        try {
            Path classes = Paths.get(DashboardBrowserTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (classes.getFileName() != null && classes.getFileName().toString().equals("test-classes")) {
                return classes.getParent().resolve("test-artifacts");
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through
        }
        return Paths.get("target", "test-artifacts");
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private int strokeCount() {
        return ((Number) page.evaluate("() => window.neuralscribe.strokeCount()")).intValue();
    }

    private int predictionId() {
        return ((Number) page.evaluate("() => window.neuralscribe.prediction().id")).intValue();
    }

    private JsonNode evaluateJson(String expression) {
        try {
            return JSON.readTree((String) page.evaluate("() => JSON.stringify((" + expression + ")())"));
        } catch (IOException e) {
            throw new AssertionError("not JSON", e);
        }
    }

    /** Waits until the latest drawing's answer is in and shown, and returns it. */
    private JsonNode awaitSettledPrediction() {
        trace("await prediction");
        // Let the canvas publish what the last input changed (it does so on the next animation frame).
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        page.waitForFunction("""
                () => {
                  const ns = window.neuralscribe;
                  const p = ns.prediction();
                  const s = ns.stats().predict;
                  return p && !s.inFlight && !s.queued && p.id === s.sent
                    && document.getElementById('prediction-label').dataset.state === 'predicted';
                }
                """);
        trace("predicted");
        JsonNode prediction = evaluateJson("() => window.neuralscribe.prediction()");
        assertEquals(47, prediction.get("probabilities").size());
        assertEquals(784, prediction.get("preview").size());
        return prediction;
    }

    /** Draws one stroke through {@code points} (canvas fractions) with small mouse moves. */
    private void draw(double[][] points) {
        trace("draw");
        Locator canvas = page.locator("#draw-canvas");
        canvas.scrollIntoViewIfNeeded();
        BoundingBox box = canvasBox();
        List<double[]> path = polyline(points, 0.05);
        double[] start = toScreen(box, path.get(0));
        page.mouse().move(start[0], start[1]);
        page.mouse().down();
        for (int i = 1; i < path.size(); i++) {
            double[] xy = toScreen(box, path.get(i));
            page.mouse().move(xy[0], xy[1]);
        }
        page.mouse().up();
        trace("drawn");
    }

    private BoundingBox canvasBox() {
        BoundingBox box = page.locator("#draw-canvas").boundingBox();
        if (box == null) {
            fail("the drawing canvas is not visible");
        }
        return box;
    }

    private static double[] toScreen(BoundingBox box, double[] point) {
        return new double[] {box.x + point[0] * box.width, box.y + point[1] * box.height};
    }

    /** The polyline through {@code points}, cut into steps of at most {@code step} (canvas fractions). */
    private static List<double[]> polyline(double[][] points, double step) {
        List<double[]> out = new ArrayList<>();
        out.add(points[0]);
        for (int i = 1; i < points.length; i++) {
            double[] a = points[i - 1];
            double[] b = points[i];
            int n = Math.max(1, (int) Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) / step));
            for (int k = 1; k <= n; k++) {
                out.add(new double[] {a[0] + (b[0] - a[0]) * k / n, a[1] + (b[1] - a[1]) * k / n});
            }
        }
        return out;
    }

    private static final String PIXELS = """
            ([id, colourVar]) => {
              const c = document.getElementById(id);
              const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              let rgb = null;
              if (colourVar) {
                const v = getComputedStyle(document.documentElement).getPropertyValue(colourVar).trim();
                const m = /^#([0-9a-f]{6})$/i.exec(v);
                if (!m) throw new Error(colourVar + ' is not #rrggbb: ' + v);
                const n = parseInt(m[1], 16);
                rgb = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
              }
              let count = 0;
              for (let i = 0; i < d.length; i += 4) {
                if (!rgb) { if (d[i + 3] > 24) count++; continue; }
                if (d[i + 3] > 100 && Math.abs(d[i] - rgb[0]) + Math.abs(d[i + 1] - rgb[1])
                    + Math.abs(d[i + 2] - rgb[2]) < 60) count++;
              }
              return count;
            }
            """;

    /** Pixels of a canvas that are not background (alpha above 10 %): the canvases are transparent. */
    private int inkPixels(String canvasId) {
        return ((Number) page.evaluate(PIXELS, java.util.Arrays.asList(canvasId, null))).intValue();
    }

    /** Opaque pixels of a canvas close to a theme colour (a CSS custom property). */
    private int colourPixels(String canvasId, String colourVar) {
        return ((Number) page.evaluate(PIXELS, List.of(canvasId, colourVar))).intValue();
    }
}
