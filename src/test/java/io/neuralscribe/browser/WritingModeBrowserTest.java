package io.neuralscribe.browser;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import io.neuralscribe.inference.TestModels;
import io.neuralscribe.model.ModelFile;
import io.neuralscribe.server.NeuralScribeServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writing mode: a three-character word written with the mouse is read whole while the pen is still down. */
class WritingModeBrowserTest extends BrowserTestBase {
    private NeuralScribeServer server;

    /**
     * 1, O and a 7 (bar, then the stroke down), in fractions of the strip: x of its width, y of its
     * height (on a 1600-pixel-wide page, characters 120 px tall with gaps of a fifth to a third of that).
     */
    private static final double[][][] WORD = {
        {{0.100, 0.2}, {0.100, 0.8}},
        {{0.150, 0.2}, {0.175, 0.35}, {0.175, 0.65}, {0.150, 0.8}, {0.125, 0.65}, {0.125, 0.35}, {0.150, 0.2}},
        {{0.190, 0.2}, {0.240, 0.2}},
        {{0.240, 0.2}, {0.220, 0.5}, {0.200, 0.8}},
    };

    @BeforeAll
    void startServer() throws Exception {
        Path model = TestModels.randomCompact(folder.resolve("bymerge-compact" + ModelFile.EXTENSION), 5);
        server = serve(List.of(model));
    }

    private static void moveThrough(Page page, BoundingBox box, double[][] points, int stepsPerSegment) {
        for (int i = 1; i < points.length; i++) {
            for (int k = 1; k <= stepsPerSegment; k++) {
                double u = (double) k / stepsPerSegment;
                double x = points[i - 1][0] + u * (points[i][0] - points[i - 1][0]);
                double y = points[i - 1][1] + u * (points[i][1] - points[i - 1][1]);
                page.mouse().move(box.x + box.width * x, box.y + box.height * y);
            }
        }
    }

    @Test
    void aWordIsReadBeforeThePenLeavesItsLastStroke() {
        Page page = open(server, 1600, 1000);
        assertThat(page.locator("#writing")).isHidden();
        page.locator("[data-testid=mode-line]").click();
        assertThat(page.locator("#writing")).isVisible();

        BoundingBox box = page.locator("#line-canvas").boundingBox();
        for (int s = 0; s < WORD.length; s++) {
            double[][] stroke = WORD[s];
            page.mouse().move(box.x + box.width * stroke[0][0], box.y + box.height * stroke[0][1]);
            page.mouse().down();
            moveThrough(page, box, stroke, 6);
            if (s < WORD.length - 1) {
                page.mouse().up();
            }
        }
        // The pen is still down on the 7's last stroke: the reading must already hold three characters.
        assertThat(page.locator("#reading .reading-char")).hasCount(3);
        Object penDown = page.evaluate("() => window.neuralscribe.state().line.penDown");
        assertEquals(Boolean.TRUE, penDown, "read mid-stroke, before the mouse was released");
        assertEquals(3, ((Number) page.evaluate("() => window.neuralscribe.reading().characters.length")).intValue());
        assertThat(page.locator("#prediction-label")).hasAttribute("data-state", "predicted");
        page.mouse().up();

        String text = page.locator("#reading-text").textContent();
        assertEquals(3, text.length(), "three characters, no space: " + text);
        assertThat(page.locator("#reading-copy")).isEnabled();

        // Each character shows its alternatives; picking one changes the text.
        assertThat(page.locator("#reading .reading-alternative")).hasCount(9);
        var first = page.locator("#reading .reading-char[data-index='0'] .reading-alternative");
        String second = first.nth(1).getAttribute("data-label");
        first.nth(1).click();
        assertThat(page.locator("#reading-text")).hasText(second + text.substring(1));
        assertThat(first.nth(1)).hasAttribute("aria-pressed", "true");

        // Undo takes the last stroke back; clear empties the line and its reading.
        page.locator("[data-testid=line-undo]").click();
        assertThat(page.locator("#reading .reading-char")).hasCount(3);
        page.locator("[data-testid=line-clear]").click();
        assertThat(page.locator("#reading .reading-char")).hasCount(0);
        assertTrue(page.locator("#reading-copy").isDisabled());

        // The mode is remembered.
        page.reload();
        assertThat(page.locator("#writing")).isVisible();
    }
}
