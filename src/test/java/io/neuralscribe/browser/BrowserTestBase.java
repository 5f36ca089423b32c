package io.neuralscribe.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.neuralscribe.server.NeuralScribeServer;
import io.neuralscribe.server.ServerOptions;
import io.neuralscribe.server.TrainingSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * What every browser test class sets up: Debian's Chromium through Playwright (the class is skipped,
 * saying why, when it is not installed), servers on the loopback with the given models, and pages
 * opened on a server and connected to it. Everything started here is closed after the class, the
 * servers last (a test may close one itself first: closing twice is harmless).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTestBase {
    /** How long a page waits for an element or an action by default. */
    static final double PAGE_TIMEOUT_MS = 60_000;

    /** The running class's own folder (set before its {@code @BeforeAll} methods run, removed after it). */
    @TempDir
    static Path folder;

    Playwright playwright;
    Browser browser;
    private final Deque<NeuralScribeServer> servers = new ArrayDeque<>();

    @BeforeAll
    final void startBrowser() {
        Chromium.assumeInstalled();
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
    }

    @AfterAll
    final void closeBrowserAndServers() throws Exception {
        Chromium.closeAll(browser, playwright, null);
        while (!servers.isEmpty()) {
            servers.pop().close();
        }
    }

    /**
     * Starts a server on the loopback serving {@code models}, with no admin token and training data
     * in {@code data} (32-image batches).
     *
     * @param port 0 for any free port (a test that restarts its server passes the old one's)
     * @param state the folder of the server's state (profiles, kept models)
     */
    NeuralScribeServer serve(int port, List<Path> models, Path state, Path data) throws IOException {
        NeuralScribeServer server = NeuralScribeServer.start(new ServerOptions("127.0.0.1", port, models, state,
                Set.of(), null, true, new TrainingSettings(data, 32, 0, 64), () -> { }));
        servers.push(server);
        return server;
    }

    /** A server on any free port, its state and (absent) training data in this class's folder. */
    NeuralScribeServer serve(List<Path> models) throws IOException {
        return serve(0, models, folder.resolve("state"), folder);
    }

    /** A fresh browser context (no storage shared with other pages) with a viewport of width × height. */
    BrowserContext context(int width, int height) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height));
        context.setDefaultTimeout(PAGE_TIMEOUT_MS);
        return context;
    }

    /** A new page of {@code context} with the server's page loaded and connected. */
    static Page open(BrowserContext context, NeuralScribeServer server) {
        Page page = context.newPage();
        page.navigate(url(server));
        assertThat(page.locator("#connection-status")).hasAttribute("data-state", "connected");
        return page;
    }

    /** The server's page, loaded and connected, in a fresh context of width × height. */
    Page open(NeuralScribeServer server, int width, int height) {
        return open(context(width, height), server);
    }

    static String url(NeuralScribeServer server) {
        return "http://127.0.0.1:" + server.port() + "/";
    }
}
