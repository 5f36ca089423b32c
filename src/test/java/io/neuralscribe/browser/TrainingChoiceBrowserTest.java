package io.neuralscribe.browser;

import com.microsoft.playwright.Page;
import io.neuralscribe.server.NeuralScribeServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training from the page never replaces a model silently: a run is shown in progress after a
 * reload, ends with a candidate the person keeps or sets aside (and discards), and with no data
 * and no download allowed the plan is one sentence saying what to do.
 */
class TrainingChoiceBrowserTest extends BrowserTestBase {
    @BeforeAll
    void waitLonger() {
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(120_000);
    }

    private NeuralScribeServer server(String name, Path data) throws Exception {
        return serve(0, List.of(BrowserTestModels.shippedModel()), folder.resolve(name).resolve("state"), data);
    }

    private Page open(NeuralScribeServer server) {
        Page page = open(server, 1366, 768);
        page.setDefaultTimeout(120_000);
        return page;
    }

    private static void startFromPlan(Page page) {
        page.locator("#train-button").click();
        assertThat(page.locator("#training-plan-start")).isVisible();
        page.locator("#training-plan-start").click();
    }

    @Test
    void keepingTheCurrentModelSetsTheNewOneAsideUntilDiscarded() throws Exception {
        try (NeuralScribeServer server = server("keep", BrowserTestModels.tinyData(folder.resolve("keep")))) {
            Page page = open(server);
            page.locator("#epochs-slider").focus();
            page.keyboard().press("Home");
            String before = page.locator("#model-info").textContent();
            startFromPlan(page);
            assertThat(page.locator("#candidate")).isVisible();
            assertThat(page.locator("#candidate-text")).containsText("current shipped model");
            assertEquals(before, page.locator("#model-info").textContent(), "the current model still serves");

            page.locator("#keep-current").click();
            assertThat(page.locator("#candidate")).isHidden();
            assertThat(page.locator("#discard-button")).isVisible();
            assertEquals(before, page.locator("#model-info").textContent());
            page.reload(); // the server remembers
            assertThat(page.locator("#discard-button")).isVisible();
            page.locator("#discard-button").click();
            assertThat(page.locator("#discard-button")).isHidden();
            try (var files = Files.list(folder.resolve("keep").resolve("state").resolve("models"))) {
                assertEquals(List.of(), files.toList(), "the set-aside model is gone");
            }
        }
    }

    @Test
    void reloadingMidRunShowsTheRunNotTheOldHistory() throws Exception {
        try (NeuralScribeServer server = server("reload", BrowserTestModels.tinyData(folder.resolve("reload")))) {
            Page page = open(server);
            int shippedEpochs = ((Number) page.evaluate("() => window.neuralscribe.state().history.length")).intValue();
            page.locator("#epochs-slider").focus();
            page.keyboard().press("End");
            startFromPlan(page);
            page.waitForFunction("() => window.neuralscribe.state().training.phase === 'train' "
                    + "&& window.neuralscribe.state().history.length >= 2");
            page.reload();
            assertThat(page.locator("#status-pill")).hasAttribute("data-status", "training");
            assertThat(page.locator("#epochs-value")).hasText("100");
            assertThat(page.locator("#epochs-slider")).isDisabled();
            int epochs = ((Number) page.evaluate("() => window.neuralscribe.state().history.length")).intValue();
            int first = ((Number) page.evaluate("() => window.neuralscribe.state().history[0].epoch")).intValue();
            int running = ((Number) page.evaluate("() => window.neuralscribe.state().training.epoch")).intValue();
            assertTrue(epochs >= 1 && epochs <= running, "the run's epochs so far: " + epochs + " of " + running
                    + " begun (the shipped model's history has " + shippedEpochs + ")");
            assertEquals(1, first, "the run's own epochs, numbered from 1 (the shipped model had "
                    + shippedEpochs + ")");
            page.locator("#cancel-button").click();
            assertThat(page.locator("#status-pill")).hasAttribute("data-status", "idle");
            assertEquals(shippedEpochs,
                    ((Number) page.evaluate("() => window.neuralscribe.state().history.length")).intValue(),
                    "after a cancel the serving model's history is back");
            assertThat(page.locator("#candidate")).isHidden();
        }
    }

    @Test
    void withNoDataAndNoDownloadThePlanIsOneSentence() throws Exception {
        try (NeuralScribeServer server = server("empty", folder.resolve("no-data"))) {
            Page page = open(server);
            page.locator("#train-button").click();
            assertThat(page.locator("#training-plan-text")).hasText("The EMNIST bymerge data is not on the server: "
                    + "restart it with --allow-download (about 535 MB) or put the files in its data folder.");
            assertThat(page.locator("#training-plan-start")).isHidden();
            assertThat(page.locator("#eval-limit")).isHidden();
            assertFalse(page.locator("#status-pill").getAttribute("data-status").equals("error"));
            page.locator("#training-plan-close").click();
            assertThat(page.locator("#training-plan")).isHidden();
        }
    }
}
