package it.segreteria.voicemail.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, driven by
 * Selenium; nothing is downloaded), with the Keycloak login form filled in as a user would.
 */
public final class Chromium implements AutoCloseable {

    private final ChromeDriver driver;

    public Chromium(int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--autoplay-policy=no-user-gesture-required",
                // a microphone that plays a beep, allowed without asking
                "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream",
                "--lang=it-IT",
                "--window-size=" + width + "," + height);
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                        .build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** On Keycloak's login form: the user name and password typed, then "Sign in". */
    public void signIn(String user, String password) {
        await(d -> !d.findElements(By.id("username")).isEmpty(), Duration.ofSeconds(30));
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
    }

    /**
     * Waits for the condition; when it does not come, says where the browser is and what it shows.
     */
    public <T> T await(Function<WebDriver, T> condition, Duration timeout) {
        try {
            return new WebDriverWait(driver, timeout).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            Path shot = screenshot("timeout-" + System.currentTimeMillis());
            throw new AssertionError(
                    "waited "
                            + timeout
                            + " at "
                            + driver.getCurrentUrl()
                            + " (screenshot "
                            + shot
                            + "): "
                            + driver.findElement(By.tagName("body")).getText(),
                    e);
        }
    }

    public Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /** Saves what the browser shows as a PNG under the test's work directory. */
    public Path screenshot(String name) {
        Path dir = Path.of(System.getProperty("it.work.dir", "target/it")).resolve("screenshots");
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.move(
                    ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(),
                    file,
                    StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
