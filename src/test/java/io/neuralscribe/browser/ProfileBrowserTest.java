package io.neuralscribe.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import io.neuralscribe.inference.TestModels;
import io.neuralscribe.model.ModelFile;
import io.neuralscribe.server.NeuralScribeServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page's profiles: create one from the picker, correct by clicking a bar or typing, "teach me", and none. */
class ProfileBrowserTest extends BrowserTestBase {
    private NeuralScribeServer server;

    @BeforeAll
    void startServer() throws Exception {
        Path model = TestModels.randomCompact(folder.resolve("bymerge-compact" + ModelFile.EXTENSION), 5);
        server = serve(List.of(model));
    }

    private int samples(String profile) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/api/profiles")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        for (JsonNode p : new ObjectMapper().readTree(response.body()).path("profiles")) {
            if (p.path("name").asText().equals(profile)) {
                return p.path("samples").asInt();
            }
        }
        return -1;
    }

    private static void draw(Page page, double shift) {
        BoundingBox box = page.locator("#draw-canvas").boundingBox();
        page.mouse().move(box.x + box.width * (0.3 + shift), box.y + box.height * 0.3);
        page.mouse().down();
        for (int i = 1; i <= 20; i++) {
            page.mouse().move(box.x + box.width * (0.3 + shift + 0.015 * i), box.y + box.height * (0.3 + 0.025 * i));
        }
        page.mouse().up();
    }

    private static Object predicted(Page page, String field) {
        return page.evaluate("() => { const p = window.neuralscribe.prediction(); return p ? p." + field + " : null; }");
    }

    @Test
    void aPersonCreatesAProfileCorrectsTheReaderAndTeachesIt() throws Exception {
        Page page = open(server, 1600, 1000);
        page.onDialog(dialog -> dialog.accept("ana"));
        assertThat(page.locator("[data-testid=profile-hint]")).containsText("Pick a profile");

        page.locator("#profile-select").selectOption("__new__");
        assertThat(page.locator("#profile-select")).hasValue("ana");
        assertThat(page.locator("[data-testid=profile-hint]")).containsText("ana");

        // Correcting by clicking the right class's bar: the drawing is stored with that label.
        draw(page, 0);
        assertThat(page.locator("#prediction-label")).hasAttribute("data-state", "predicted");
        page.waitForFunction("() => window.neuralscribe.prediction() && window.neuralscribe.prediction().profile === 'ana'");
        String read = (String) predicted(page, "label");
        String right = read.equals("7") ? "1" : "7";
        page.locator("#bars .bar[data-label='" + right + "']").click();
        assertThat(page.locator("#notice-text")).containsText("Learned: that was " + right);
        assertEquals(1, samples("ana"));

        // Correcting by typing the character.
        page.keyboard().press("q");
        assertThat(page.locator("#notice-text")).containsText("Learned: that was q");
        assertEquals(2, samples("ana"));

        // Teach me: the page asks for each character a few times, Save stores and clears.
        page.locator("[data-testid=teach-button]").click();
        page.locator("[data-testid=teach-chars]").fill("Z");
        page.locator("[data-testid=teach-start]").click();
        assertThat(page.locator("[data-testid=teach-prompt]")).containsText("Write “Z” (1 of 3)");
        draw(page, 0.1);
        page.locator("[data-testid=teach-save]").click();
        assertThat(page.locator("[data-testid=teach-prompt]")).containsText("(2 of 3)");
        assertEquals(0, ((Number) page.evaluate("() => window.neuralscribe.strokeCount()")).intValue(),
                "the canvas is cleared for the next sample");
        assertEquals(3, samples("ana"));

        // None: predictions are the model's alone again.
        page.locator("#profile-select").selectOption("");
        draw(page, 0.05);
        page.waitForFunction("() => window.neuralscribe.prediction() && window.neuralscribe.prediction().profile === null");
        assertTrue(page.locator("[data-testid=profile-hint]").textContent().contains("Pick a profile"));
        assertNotEquals(-1, samples("ana"));
    }
}
