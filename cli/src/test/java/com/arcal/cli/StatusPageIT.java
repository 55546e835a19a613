package com.arcal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.api.ApiClient;
import com.arcal.api.Orchestrator;
import com.arcal.api.TestOrchestrator;
import com.arcal.api.config.Settings;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The status page in Debian's headless Chromium (driven through Debian's chromedriver, never a
 * downloaded one): a sale spawned through the API turns Running on the open page without a
 * reload, on the real embedded emulator; and the brake's held deletions are confirmed from the
 * page, with the token prompt. Skipped where chromium or chromedriver is not installed: a
 * class-level condition rather than an assumption in {@code @BeforeAll}, whose skip the test
 * reports would not show at all.
 */
@EnabledIf(
    value = "browserInstalled",
    disabledReason = "chromium or chromedriver is not installed (/usr/bin/chromium,"
        + " /usr/bin/chromedriver); get them with: apt-get install chromium chromium-driver"
        + " (as root; bash .ci/run does it)")
class StatusPageIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration CONVERGE = Duration.ofSeconds(90);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;
  private static ChromeDriverService service;
  private static ChromeDriver browser;

  static boolean browserInstalled() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  @BeforeAll
  static void openBrowser() throws IOException {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--window-size=1400,900",
        "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
    service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
    if (service != null) {
      service.stop();
    }
  }

  @Test
  void aSaleSpawnedThroughTheApi_turnsRunningOnTheOpenPage() throws IOException {
    Map<String, String> env = Map.of(
        "ARCAL_HTTP_PORT", "0",
        "ARCAL_STATE_FILE", dir.resolve("desired-state.json").toString(),
        "ARCAL_EMULATOR_DATA_DIR", dir.resolve("emulator").toString(),
        "ARCAL_EMULATOR_DELAY_MS", "100",
        "ARCAL_POLL_MILLIS", "100");
    try (Orchestrator orchestrator = Orchestrator.start(Settings.of(env))) {
      browser.get(orchestrator.url() + "/");
      await().atMost(Duration.ofSeconds(15)).until(() -> text("conn").equals("live"));
      // A mark that a reload would wipe: the row must change in this very page.
      js("window.arcalMark = 'no-reload';");

      ApiClient api = new ApiClient(orchestrator.url());
      assertThat(api.post("/sales/spawn", "{\"saleId\":\"web-01\"}").status()).isEqualTo(202);
      await().atMost(Duration.ofSeconds(15)).until(() -> !phaseOf("web-01").isEmpty());
      await().atMost(CONVERGE).until(() -> phaseOf("web-01").equals("Running"));

      assertThat(js("return window.arcalMark;")).isEqualTo("no-reload");
      assertThat(js("return document.querySelector(\"tr[data-sale='web-01'] td.ws\").textContent;"))
          .asString().startsWith("ws://");
      await().atMost(Duration.ofSeconds(10)).until(() -> ((Number) js(
          "return document.querySelectorAll(\"tr[data-sale='web-01'] .cond.ok\").length;")).intValue() >= 3);
      assertThat(text("feed")).contains("web-01").contains("→ Running");
      assertThat(text("counts")).contains("1 Running");
      screenshot("status-page.png");
    }
  }

  @Test
  void heldDeletions_areConfirmedFromThePage_withTheTokenPrompt() throws IOException {
    try (TestOrchestrator orch = TestOrchestrator.withToken(dir.resolve("fakes"))) {
      ApiClient api = orch.client;
      StringBuilder six = new StringBuilder("{\"sales\":{");
      for (int i = 1; i <= 6; i++) {
        six.append(i > 1 ? "," : "").append("\"held-").append(i).append("\":{}");
      }
      put(api, six + "}}");
      await().atMost(Duration.ofSeconds(20)).until(
          () -> orch.completeAndCheckRunning("held-1") && orch.completeAndCheckRunning("held-6"));

      browser.get(orch.orchestrator.url() + "/");
      await().atMost(Duration.ofSeconds(15)).until(() -> row("held-6").size() == 1);
      put(api, "{\"sales\":{}}");
      await().atMost(Duration.ofSeconds(15)).until(() -> browser.findElement(By.id("confirm")).isDisplayed());
      assertThat(text("heldBody")).contains("6 app deletion(s)").contains("sale-held-1");
      screenshot("held-deletions.png");

      browser.findElement(By.id("confirm")).click();
      Alert prompt = await().atMost(Duration.ofSeconds(10)).until(this::alert, a -> a != null);
      prompt.sendKeys(TestOrchestrator.TOKEN);
      prompt.accept();
      await().atMost(Duration.ofSeconds(10)).until(() -> text("heldMsg").equals("Released 6 deletion(s)."));
      assertThat(orch.orchestrator.backend().controller().deletions().held()).isEmpty();
    }
  }

  @Test
  void withProtectedReads_thePageAsksForTheTokenOnce_thenStreamsWithIt() throws IOException {
    try (TestOrchestrator orch = TestOrchestrator.start(dir.resolve("protected"),
        Map.of("ARCAL_API_TOKEN", TestOrchestrator.TOKEN, "ARCAL_PROTECT_READS", "true"))) {
      spawn(orch.client, "guarded-1");

      browser.get(orch.orchestrator.url() + "/");
      Alert prompt = await().atMost(Duration.ofSeconds(10)).until(this::alert, a -> a != null);
      prompt.sendKeys(TestOrchestrator.TOKEN);
      prompt.accept();

      await().atMost(Duration.ofSeconds(15)).until(() -> text("conn").equals("live"));
      await().atMost(Duration.ofSeconds(15)).until(() -> row("guarded-1").size() == 1);
      spawn(orch.client, "guarded-2");
      // A change arrives on the stream, read with the token.
      await().atMost(Duration.ofSeconds(15))
          .until(() -> row("guarded-2").size() == 1);
      assertThat(alert()).as("asked once").isNull();
    }
  }

  private static void spawn(ApiClient api, String saleId) {
    ApiClient.Response r = api.send(api.request("/sales/spawn")
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + TestOrchestrator.TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString("{\"saleId\":\"" + saleId + "\"}")));
    assertThat(r.status()).as(r.body()).isEqualTo(202);
  }

  private static void put(ApiClient api, String document) {
    String etag = api.get("/desired-state").header("ETag");
    ApiClient.Response r = api.send(api.request("/desired-state")
        .header("Content-Type", "application/json")
        .header("If-Match", etag)
        .header("Authorization", "Bearer " + TestOrchestrator.TOKEN)
        .PUT(HttpRequest.BodyPublishers.ofString(document)));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  private Alert alert() {
    try {
      return browser.switchTo().alert();
    } catch (NoAlertPresentException e) {
      return null;
    }
  }

  private static List<WebElement> row(String saleId) {
    return browser.findElements(By.cssSelector("tr[data-sale='" + saleId + "']"));
  }

  /** Read in the page in one step: the table is redrawn on every event, so elements go stale. */
  private static String phaseOf(String saleId) {
    Object phase = js("const r = document.querySelector(\"tr[data-sale='" + saleId + "']\");"
        + " return r ? r.dataset.phase : '';");
    return String.valueOf(phase);
  }

  private static String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  private static Object js(String script) {
    return ((JavascriptExecutor) browser).executeScript(script);
  }

  private static void screenshot(String name) throws IOException {
    Path folder = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    Files.createDirectories(folder);
    File shot = browser.getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
