package io.neuralscribe.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Debian's Chromium driven by Playwright, which must never download a browser of its own. */
final class Chromium {
    /** CI installs it with {@code apt-get install -y chromium}. */
    static final Path PATH = Paths.get(System.getProperty("neuralscribe.chromium", "/usr/bin/chromium"));
    private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");
    private static final Map<String, String> NO_DOWNLOAD = Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");

    private Chromium() {}

    /** Skips the calling test class, saying why, when Chromium is not installed. */
    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(PATH), "SKIPPED: no Chromium at " + PATH
                + " — install it with `apt-get install -y chromium` to run the browser tests");
    }

    static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions().setEnv(NO_DOWNLOAD));
    }

    static Browser launch(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(PATH).setHeadless(true).setArgs(ARGS));
    }

    /** Closes the browser, Playwright and the server a test class started, whichever it got to start. */
    static void closeAll(Browser browser, Playwright playwright, AutoCloseable server) throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
