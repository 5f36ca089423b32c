package io.neuralscribe.browser;

import com.microsoft.playwright.BrowserContext;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rough edges a newcomer meets: a click is "draw a bit more", the progress label is readable,
 * the model info does not repeat the selector. (The layout screenshots are PageScreenshots.)
 */
class RoughEdgesBrowserTest extends BrowserTestBase {
    private NeuralScribeServer server;

    @BeforeAll
    void startServer() throws Exception {
        Path cased = TestModels.randomCompact(folder.resolve("byclass-compact" + ModelFile.EXTENSION), 6, "byclass",
                TestModels.BYCLASS_CLASSES);
        server = serve(List.of(BrowserTestModels.shippedModel(), cased));
    }

    private Page open(int width, int height, String theme) {
        BrowserContext context = context(width, height);
        context.addInitScript("localStorage.setItem('neuralscribe.theme', '" + theme + "')");
        return open(context, server);
    }

    @Test
    void aClickIsAskedForMoreNotReadAsACharacter() {
        Page page = open(1366, 768, "dark");
        BoundingBox box = page.locator("#draw-canvas").boundingBox();
        page.mouse().click(box.x + box.width / 2, box.y + box.height / 2);
        assertThat(page.locator("#prediction-label")).hasAttribute("data-state", "empty");
        assertThat(page.locator("#prediction-message")).hasText("draw a bit more");
        assertThat(page.locator("#prediction-label")).hasText("");
    }

    /** WCAG contrast of the progress label's text on its own background, in both themes. */
    @Test
    void theProgressLabelIsReadableInBothThemes() {
        for (String theme : List.of("dark", "light")) {
            Page page = open(1366, 768, theme);
            double ratio = ((Number) page.evaluate("""
                    () => {
                      const el = document.getElementById('progress-label');
                      const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
                      const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255;
                        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
                        .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
                      const s = getComputedStyle(el);
                      const a = lum(rgb(s.color)), b = lum(rgb(s.backgroundColor));
                      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
                    }""")).doubleValue();
            assertTrue(ratio >= 4.5, theme + ": the progress label's contrast is " + ratio);
            page.context().close();
        }
    }

    @Test
    void theModelInfoDoesNotRepeatTheSelector() {
        Page page = open(1366, 768, "dark");
        assertThat(page.locator("#model-select")).isVisible();
        String info = page.locator("#model-info").textContent();
        assertFalse(info.contains("bymerge") || info.contains("classes"), "the selector names the model: " + info);
        assertTrue(info.contains("test images"), info);
    }

    /** A dark ring on white, as a photographed "0" or "O" would be. */
    private static byte[] ringPng() throws Exception {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(120, 120,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 120, 120);
        g.setColor(java.awt.Color.BLACK);
        g.setStroke(new java.awt.BasicStroke(10));
        g.drawOval(30, 20, 60, 80);
        g.dispose();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void aChosenPictureIsReadThroughTheUploadEndpointAndShownAsTheNetworkSawIt() throws Exception {
        Page page = open(1366, 768, "dark");
        Path png = folder.resolve("ring.png");
        java.nio.file.Files.write(png, ringPng());
        List<String> posts = new java.util.concurrent.CopyOnWriteArrayList<>();
        page.onRequest(r -> {
            if (r.method().equals("POST")) {
                posts.add(r.url());
            }
        });
        page.locator("#picture-input").setInputFiles(png);
        assertThat(page.locator("#picture")).hasAttribute("data-status", "read");
        assertThat(page.locator("#picture-text")).containsText("ring.png: ");
        assertEquals(3, page.locator("#picture-text").textContent().split(" · ").length, "the top three");
        assertTrue(posts.stream().anyMatch(u -> u.endsWith("/predict")), "through the upload endpoint: " + posts);
        Number ink = (Number) page.evaluate("""
                () => { const d = document.getElementById('picture-preview').getContext('2d').getImageData(0, 0, 28, 28).data;
                        let s = 0; for (let i = 0; i < d.length; i += 4) s += d[i]; return s; }""");
        assertTrue(ink.doubleValue() > 255 * 20, "the network's view is drawn: " + ink);
        page.locator("#picture-close").click();
        assertThat(page.locator("#picture")).isHidden();
    }

    @Test
    void aPastedPictureIsReadToo() throws Exception {
        Page page = open(1366, 768, "light");
        String base64 = java.util.Base64.getEncoder().encodeToString(ringPng());
        page.evaluate("""
                (b64) => {
                  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
                  const data = new DataTransfer();
                  data.items.add(new File([bytes], 'pasted.png', { type: 'image/png' }));
                  document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
                }""", base64);
        assertThat(page.locator("#picture")).hasAttribute("data-status", "read");
        assertThat(page.locator("#picture-text")).containsText("pasted.png: ");
    }

    @Test
    void theNetworkViewsHintSitsAboveItsNodesNotOnThem() {
        Page page = open(1366, 768, "light");
        BoundingBox hint = page.locator("#network-hint").boundingBox();
        BoundingBox view = page.locator("#network-canvas").boundingBox();
        assertTrue(hint.y + hint.height <= view.y, "the hint is in the card's head, above the view");
        assertThat(page.locator("#network-legend")).isHidden();

        BoundingBox box = page.locator("#draw-canvas").boundingBox();
        page.mouse().move(box.x + box.width * 0.5, box.y + box.height * 0.2);
        page.mouse().down();
        page.mouse().move(box.x + box.width * 0.5, box.y + box.height * 0.8, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(10));
        page.mouse().up();
        assertThat(page.locator("#network-legend")).isVisible();
        assertThat(page.locator("#network-hint")).isHidden();
    }

    @Test
    void theDrawingIsSavedAsAPng() {
        Page page = open(1366, 768, "dark");
        BoundingBox box = page.locator("#draw-canvas").boundingBox();
        page.mouse().move(box.x + box.width * 0.5, box.y + box.height * 0.2);
        page.mouse().down();
        page.mouse().move(box.x + box.width * 0.5, box.y + box.height * 0.8, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(10));
        page.mouse().up();
        com.microsoft.playwright.Download download = page.waitForDownload(() -> page.locator("#save-png").click());
        assertEquals("neuralscribe-drawing.png", download.suggestedFilename());
    }

    @Test
    void theHelpOverlayOpensWithTheQuestionMarkKey() {
        Page page = open(390, 844, "light");
        page.keyboard().press("?");
        assertThat(page.locator("#help-dialog")).isVisible();
        assertThat(page.locator("#help-dialog")).containsText("a b d e f g h n q r t");
        assertThat(page.locator("#help-dialog")).containsText("62-class model");
        page.locator("[data-testid=help-close]").click();
        assertThat(page.locator("#help-dialog")).isHidden();
        page.locator("#help-button").click();
        assertThat(page.locator("#help-dialog")).isVisible();
    }
}
