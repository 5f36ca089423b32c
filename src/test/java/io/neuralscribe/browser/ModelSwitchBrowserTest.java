package io.neuralscribe.browser;

import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.Page;
import io.neuralscribe.inference.TestModels;
import io.neuralscribe.model.ModelFile;
import io.neuralscribe.server.NeuralScribeServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** With a 47-class and a 62-class model served, the page switches between them and its bars follow. */
class ModelSwitchBrowserTest extends BrowserTestBase {
    private NeuralScribeServer server;

    @BeforeAll
    void startServer() throws Exception {
        Path merged = TestModels.randomCompact(folder.resolve("bymerge-compact" + ModelFile.EXTENSION), 5);
        Path cased = TestModels.randomCompact(folder.resolve("byclass-compact" + ModelFile.EXTENSION), 6, "byclass",
                TestModels.BYCLASS_CLASSES);
        server = serve(List.of(merged, cased));
    }

    @Test
    void switchingToTheCaseSensitiveModelShowsSixtyTwoBarsAndPredictsWithIt() {
        Page page = open(server, 1600, 1000);
        assertThat(page.locator("#bars .bar")).hasCount(47);
        assertThat(page.locator("#model-select")).isVisible();

        page.locator("#model-select").selectOption("byclass");

        assertThat(page.locator("#bars .bar")).hasCount(62);
        assertThat(page.locator("#bars .bar[data-kind=digit]")).hasCount(10);
        assertThat(page.locator("#bars .bar[data-kind=upper]")).hasCount(26);
        assertThat(page.locator("#bars .bar[data-kind=lower]")).hasCount(26);
        assertThat(page.locator("#bars .bar[data-label=c]")).hasCount(1);

        BoundingBox box = page.locator("#draw-canvas").boundingBox();
        page.mouse().move(box.x + box.width * 0.3, box.y + box.height * 0.3);
        page.mouse().down();
        for (int i = 1; i <= 20; i++) {
            page.mouse().move(box.x + box.width * (0.3 + 0.02 * i), box.y + box.height * (0.3 + 0.025 * i));
        }
        page.mouse().up();
        assertThat(page.locator("#prediction-label")).hasAttribute("data-state", "predicted");
        Object probabilities = page.evaluate("() => window.neuralscribe.prediction().probabilities.length");
        assertEquals(62, ((Number) probabilities).intValue(), "the prediction came from the 62-class model");
        Object model = page.evaluate("() => window.neuralscribe.prediction().model");
        assertEquals("byclass", model);

        page.locator("#model-select").selectOption("bymerge");
        assertThat(page.locator("#bars .bar")).hasCount(47);
    }
}
