package com.arcal.cli;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (never a downloaded one), with
 * the few reads the page tests need. Tests using it carry {@code @EnabledIf("installed")}-style
 * conditions through {@link #installed()}.
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final String MISSING = "chromium or chromedriver is not installed (/usr/bin/chromium,"
      + " /usr/bin/chromedriver); get them with: apt-get install chromium chromium-driver"
      + " (as root; bash .ci/run does it)";

  private final ChromeDriverService service;
  final ChromeDriver driver;

  HeadlessChromium(Path profile) throws IOException {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--window-size=1400,1000",
        "--user-data-dir=" + Files.createDirectories(profile));
    service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  static boolean installed() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  Object js(String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  String text(String id) {
    return driver.findElement(By.id(id)).getText();
  }

  boolean shown(String id) {
    return driver.findElement(By.id(id)).isDisplayed();
  }

  void click(String id) {
    driver.findElement(By.id(id)).click();
  }

  void type(String id, String value) {
    driver.findElement(By.id(id)).clear();
    driver.findElement(By.id(id)).sendKeys(value);
  }

  /** The open prompt or alert, or null. */
  Alert alert() {
    try {
      return driver.switchTo().alert();
    } catch (NoAlertPresentException e) {
      return null;
    }
  }

  /** Waits for the page's token prompt and answers it. */
  void answerPrompt(String answer) {
    Alert prompt = await().atMost(Duration.ofSeconds(10)).until(this::alert, a -> a != null);
    prompt.sendKeys(answer);
    prompt.accept();
  }

  void screenshot(String name) throws IOException {
    Path folder = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    Files.createDirectories(folder);
    File shot = driver.getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() {
    driver.quit();
    service.stop();
  }
}
