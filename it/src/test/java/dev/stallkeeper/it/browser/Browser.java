package dev.stallkeeper.it.browser;

import dev.stallkeeper.it.support.Console;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven through Debian's chromedriver, with a screenshot of the page as each test left it,
 * passed or failed, in {@code target/screenshots/<Class>-<test>.png} (and the page's HTML beside it when the test
 * failed).
 *
 * <p>Registered as a static field ({@code @RegisterExtension static final Browser browser = new Browser();}) one
 * browser (fresh temporary profile) serves the whole class, its cookies and cache cleared before every test, which
 * saves seconds of start-up per test; as an instance field, every test gets a browser of its own.
 * Chromium and chromedriver come from Debian ({@code .ci/run} installs them); a missing browser fails the test,
 * unless {@code STALLKEEPER_SKIP_BROWSER=1} is set, in which case the test is skipped. Nothing is downloaded: the
 * driver's path is given, so Selenium Manager is never asked, and the network-facing parts of Chromium are off.
 */
public final class Browser
        implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    static final Path CHROMIUM = Path.of(System.getProperty("it.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("it.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of(System.getProperty("it.screenshots.dir", "target/screenshots"));
    static final Dimension WINDOW = new Dimension(1280, 900);
    /** Long enough for a cold server's first Faces page on a busy CI machine, short enough to fail quickly. */
    static final Duration WAIT = Duration.ofSeconds(15);
    private static final String MISSING = "headless Chromium is needed for the browser tests: " + CHROMIUM + " and "
            + CHROMEDRIVER + " (apt-get install chromium chromium-driver; .ci/run installs them)";

    private static final List<String> FLAGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-dev-shm-usage", "--disable-extensions", "--password-store=basic",
            "--lang=en-US", "--window-size=" + WINDOW.getWidth() + "," + WINDOW.getHeight());

    private ChromeDriver driver;
    private WebDriverWait wait;
    private Path profile;
    private String name;
    private boolean perClass;

    /**
     * Skips the class (every test reported as skipped, and no deployment) only when the browser is missing and
     * {@code STALLKEEPER_SKIP_BROWSER=1}; a missing browser is otherwise a failure of every test.
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!installed() && "1".equals(System.getenv("STALLKEEPER_SKIP_BROWSER"))) {
            return ConditionEvaluationResult.disabled("STALLKEEPER_SKIP_BROWSER=1 and " + MISSING);
        }
        return ConditionEvaluationResult.enabled("headless Chromium at " + CHROMIUM);
    }

    private static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        perClass = true; // the browser starts with the first test (so that a missing one fails every test)
        forgetScreenshotsOf(context.getRequiredTestClass().getSimpleName());
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
        if (driver == null) {
            start();
        } else {
            reset();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (driver == null) {
            return;
        }
        try {
            screenshot(null);
            if (context.getExecutionException().isPresent()) {
                Files.writeString(SCREENSHOTS.resolve(name + ".html"), driver.getPageSource(), StandardCharsets.UTF_8);
            }
        } catch (WebDriverException | IOException e) {
            System.err.println("[browser] no screenshot of " + name + ": " + e);
        } finally {
            if (!perClass) {
                stop();
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    private void start() throws IOException {
        if (!installed()) {
            throw new IllegalStateException(MISSING + "; set STALLKEEPER_SKIP_BROWSER=1 to skip these tests instead");
        }
        // Selenium looks here when a service has no executable; with both set it never starts Selenium Manager.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        Files.createDirectories(SCREENSHOTS);
        profile = Files.createTempDirectory("stallkeeper-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(FLAGS);
        options.addArguments("--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        // An alert stays open (and so can be found) instead of being dismissed by the next command.
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(WINDOW);
        wait = new WebDriverWait(driver, WAIT);
    }

    /** Between two tests of a class: no cookies (so no session), no cache, no open dialog, a blank page. */
    private void reset() {
        if (dialogOpen()) {
            driver.switchTo().alert().dismiss();
        }
        driver.get("about:blank");
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
    }

    private void stop() {
        if (driver != null) {
            try {
                driver.quit();
            } finally {
                driver = null;
                deleteProfile();
            }
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Opens a path of the server under test, e.g. {@code /admin/}, and waits for the page to load. */
    public void open(String path) {
        driver.get(Console.url(path).toString());
    }

    /** Waits for the element to be in the page. */
    public WebElement find(By by) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(by));
    }

    /** The element with that id (Faces ids contain ':', which By.id takes as it is). */
    public WebElement byId(String id) {
        return find(By.id(id));
    }

    public String text(String id) {
        return byId(id).getText();
    }

    public <T> T waitUntil(Function<? super WebDriver, T> condition) {
        return wait.until(condition);
    }

    public void clickAndWait(By by) {
        clickAndWait(find(by));
    }

    /** Clicks and waits until the page it leads to (a redirect after a Faces post, usually) has replaced this one. */
    public void clickAndWait(WebElement element) {
        element.click();
        wait.until(d -> isGone(element));
        waitUntilLoaded();
    }

    /**
     * True once the element's page has been replaced. While the old document is being torn down, ChromeDriver may
     * answer "Node with given id does not belong to the document" instead of a stale-element error: that is gone too.
     */
    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    public void clickAndWait(String id) {
        clickAndWait(By.id(id));
    }

    public void waitUntilLoaded() {
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /** Waits until the browser shows that path of the server (query string and fragment aside, unless given). */
    public void waitForPath(String path) {
        wait.until(ExpectedConditions.urlMatches("^https?://[^/]+" + Pattern.quote(path) + "([?#].*)?$"));
        waitUntilLoaded();
    }

    /**
     * The header's link with that id, made visible the way a user would: the menu button pressed first when the
     * menu is folded away (narrow screens), then the link's group opened.
     */
    public WebElement navLink(String id) {
        WebElement link = byId(id);
        if (!link.isDisplayed()) {
            WebElement menuButton = find(By.cssSelector("header .menu-button"));
            if (menuButton.isDisplayed() && !menuOpen()) {
                menuButton.click();
                wait.until(d -> menuOpen());
            }
            link.findElement(By.xpath("ancestor::details[1]/summary")).click();
            wait.until(d -> link.isDisplayed());
        }
        return link;
    }

    /** Follows a link of the header (see {@link #navLink}) and waits for the page it leads to. */
    public void nav(String id) {
        clickAndWait(navLink(id));
    }

    /** True while the header's menu is open as a popover (narrow screens). */
    public boolean menuOpen() {
        return (Boolean) driver.executeScript("return document.getElementById('menu').matches(':popover-open')");
    }

    /**
     * Lays the page out as on a screen of that size in CSS pixels: a phone ({@code mobile}, so that the page's
     * viewport meta tag counts) or a desktop window. Undone before the next test.
     */
    public void viewport(int width, int height, boolean mobile) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    /** Saves the whole page, below the fold too, as a PNG at {@code target}. */
    public Path fullPageScreenshot(Path target) {
        if (dialogOpen()) {
            driver.switchTo().alert().dismiss();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>) driver.executeScript("const e = document.documentElement;"
                + " return {width: Math.max(e.scrollWidth, e.clientWidth), height: Math.max(e.scrollHeight, e.clientHeight)};");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", size.get("width"),
                        "height", size.get("height"), "scale", 1)));
        try {
            Files.createDirectories(target.getParent());
            Files.write(target, java.util.Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** Replaces the text of a field. */
    public void type(String id, String value) {
        WebElement field = byId(id);
        field.clear();
        field.sendKeys(value);
    }

    /** Logs in through the real login form (the caller decides what to expect next). */
    public void submitLogin(String user, String password) {
        if (driver.findElements(By.id("login:username")).isEmpty()) {
            open("/admin/login.xhtml");
        }
        type("login:username", user);
        type("login:password", password);
        clickAndWait("login:submit");
    }

    /** Logs in through the login form and waits for the dashboard. */
    public void login(String user, String password) {
        open("/admin/login.xhtml");
        submitLogin(user, password);
        waitForPath("/admin/index.xhtml");
        wait.until(ExpectedConditions.textToBe(By.id("whoami"), user));
    }

    /** True if a JavaScript dialog (alert, confirm, prompt) is open. */
    public boolean dialogOpen() {
        try {
            driver.switchTo().alert();
            return true;
        } catch (NoAlertPresentException e) {
            return false;
        }
    }

    /**
     * Saves the page as it is now: {@code <Class>-<test>.png}, or {@code <Class>-<test>-<step>.png} for a step of
     * the test worth looking at on its own.
     */
    public Path screenshot(String step) {
        if (dialogOpen()) {
            driver.switchTo().alert().dismiss(); // a screenshot cannot be taken while a dialog is open
        }
        Path target = SCREENSHOTS.resolve(name + (step == null ? "" : "-" + step) + ".png");
        try {
            Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** Screenshots of an earlier run of the class would be taken for this run's. */
    private static void forgetScreenshotsOf(String testClass) throws IOException {
        if (Files.isDirectory(SCREENSHOTS)) {
            try (Stream<Path> files = Files.list(SCREENSHOTS)) {
                for (Path file : files.filter(f -> f.getFileName().toString().startsWith(testClass + "-")).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
