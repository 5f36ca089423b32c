package io.neuralscribe.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import io.neuralscribe.model.ShippedModels;
import io.neuralscribe.server.NeuralScribeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Not a test: pictures of the page for a person to look at. With the shipped models served, it
 * writes the page at 1366×768, 1920×1080 and 390×844 in both themes — as it opens, and after a "7"
 * is drawn (also the whole page) — plus the help overlay on a phone, as PNGs into the folder named by
 * {@code -Dneuralscribe.screenshots=DIR}; without that property it does nothing. Run it with
 * {@code mvn -o test -Dtest=PageScreenshots -Dneuralscribe.screenshots=DIR}, adding
 * {@code -Dneuralscribe.screenshots.only=1366x768} (or {@code -light}, …) for only the names containing it.
 */
class PageScreenshots extends BrowserTestBase {
    private static final String PROPERTY = "neuralscribe.screenshots";
    private static final int[][] SIZES = {{1366, 768}, {1920, 1080}, {390, 844}};
    /** A "7" in fractions of the drawing canvas. */
    private static final double[][] SEVEN = {{0.28, 0.22}, {0.72, 0.22}, {0.62, 0.45}, {0.46, 0.80}};

    @Test
    @EnabledIfSystemProperty(named = PROPERTY, matches = ".+")
    void writeScreenshots() throws Exception {
        Path dir = Files.createDirectories(Path.of(System.getProperty(PROPERTY)));
        NeuralScribeServer server = serve(ShippedModels.all());
        for (String theme : List.of("dark", "light")) {
            for (int[] size : SIZES) {
                String name = size[0] + "x" + size[1] + "-" + theme;
                if (!name.contains(System.getProperty(PROPERTY + ".only", ""))) {
                    continue;
                }
                try (BrowserContext context = context(size[0], size[1])) {
                    context.addInitScript("localStorage.setItem('neuralscribe.theme', '" + theme + "')");
                    Page page = open(context, server);
                    settle(page);
                    shoot(page, dir.resolve(name + ".png"));
                    draw(page, SEVEN);
                    assertThat(page.locator("#prediction-label")).hasAttribute("data-state", "predicted");
                    settle(page);
                    shoot(page, dir.resolve(name + "-seven.png"));
                    page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name + "-seven-full.png")).setFullPage(true));
                    if (size[0] < 500) {
                        page.keyboard().press("?");
                        assertThat(page.locator("#help-dialog")).isVisible();
                        shoot(page, dir.resolve(name + "-help.png"));
                    }
                }
            }
        }
    }

    /** Fonts loaded, the network view and the bars done easing. */
    private static void settle(Page page) {
        page.evaluate("() => document.fonts.ready.then(() => new Promise(requestAnimationFrame))");
        page.waitForTimeout(700);
    }

    private static void shoot(Page page, Path file) {
        page.screenshot(new Page.ScreenshotOptions().setPath(file));
        System.out.println("[screenshots] " + file.toAbsolutePath());
    }

    private static void draw(Page page, double[][] points) {
        page.locator("#draw-canvas").scrollIntoViewIfNeeded();
        BoundingBox box = page.locator("#draw-canvas").boundingBox();
        page.mouse().move(box.x + box.width * points[0][0], box.y + box.height * points[0][1]);
        page.mouse().down();
        for (int i = 1; i < points.length; i++) {
            page.mouse().move(box.x + box.width * points[i][0], box.y + box.height * points[i][1],
                    new com.microsoft.playwright.Mouse.MoveOptions().setSteps(8));
        }
        page.mouse().up();
    }
}
