package io.neuralscribe.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.neuralscribe.inference.TestModels;
import io.neuralscribe.model.ModelFile;
import io.neuralscribe.server.NeuralScribeServer;
import io.neuralscribe.server.ServerOptions;
import io.neuralscribe.server.TrainingSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** With a 47-class and a 62-class model served, the page switches between them and its bars follow. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelSwitchBrowserTest {
    @TempDir
    static Path folder;

    private NeuralScribeServer server;
    private Playwright playwright;
    private Browser browser;

    @BeforeAll
    void start() throws Exception {
        Chromium.assumeInstalled();
        Path merged = TestModels.randomCompact(folder.resolve("bymerge-compact" + ModelFile.EXTENSION), 5);
        Path cased = TestModels.randomCompact(folder.resolve("byclass-compact" + ModelFile.EXTENSION), 6, "byclass",
                TestModels.BYCLASS_CLASSES);
        server = NeuralScribeServer.start(new ServerOptions("127.0.0.1", 0, List.of(merged, cased),
                folder.resolve("state"), Set.of(), null, true, new TrainingSettings(folder, 32, 0, 64), () -> { }));
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
    }

    @AfterAll
    void stop() throws Exception {
        Chromium.closeAll(browser, playwright, server);
    }

    @Test
    void switchingToTheCaseSensitiveModelShowsSixtyTwoBarsAndPredictsWithIt() {
        Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1600, 1000)).newPage();
        page.setDefaultTimeout(60_000);
        page.navigate("http://127.0.0.1:" + server.port() + "/");
        assertThat(page.locator("#connection-status")).hasAttribute("data-state", "connected");
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
