package com.arcal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.api.ApiClient;
import com.arcal.api.TestOrchestrator;
import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.sale.SaleId;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The status page as the dashboard that posts sales, in Debian's headless Chromium: spawn with
 * config, the detail view (conditions, history), deletion behind a confirmation step, the token
 * prompt on writes, and a refused write showing the API's problem detail. The platform is the
 * controller's fakes, so each test is fast and decides when Azure finishes.
 */
@EnabledIf(value = "com.arcal.cli.HeadlessChromium#installed", disabledReason = HeadlessChromium.MISSING)
class DashboardIT {
  private static final Duration SHORT = Duration.ofSeconds(15);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;
  private static HeadlessChromium browser;

  @BeforeAll
  static void openBrowser() throws IOException {
    browser = new HeadlessChromium(dir.resolve("chromium-profile"));
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void spawnFromThePage_withConfig_asksForTheTokenOnce_andTheSaleAppears() throws IOException {
    try (TestOrchestrator orch = TestOrchestrator.withToken(dir.resolve("spawn"))) {
      open(orch);
      browser.type("spawnId", "dash-1");
      browser.click("addConfig");
      browser.driver.findElement(By.cssSelector("#configRows .cfgKey")).sendKeys("currency");
      browser.driver.findElement(By.cssSelector("#configRows .cfgValue")).sendKeys("EUR");
      browser.click("spawnSubmit");
      browser.answerPrompt(TestOrchestrator.TOKEN);

      await().atMost(SHORT).until(() -> browser.text("spawnMsg").startsWith("Accepted dash-1"));
      assertThat(desired(orch, "dash-1")).hasValueSatisfying(
          sale -> assertThat(sale.spec().config()).isEqualTo(Map.of("currency", "EUR")));
      await().atMost(SHORT).until(() -> rows("dash-1") == 1);
      // The new sale is the one shown in detail, with its config.
      await().atMost(SHORT).until(() -> browser.text("detailFacts").contains("currency=EUR"));
      assertThat(browser.js("return document.getElementById('detailId').textContent;")).isEqualTo("dash-1");

      browser.type("spawnId", "dash-2");
      browser.click("spawnSubmit");
      await().atMost(SHORT).until(() -> browser.text("spawnMsg").startsWith("Accepted dash-2"));
      assertThat(browser.alert()).as("the token is kept for the session").isNull();
      browser.screenshot("dashboard-spawn.png");
    }
  }

  @Test
  void theDetailView_showsConditionsAndHistoryOfOneSale() throws IOException {
    try (TestOrchestrator orch = TestOrchestrator.start(dir.resolve("detail"))) {
      spawn(orch.client, "{\"saleId\":\"seen-1\",\"config\":{\"lot\":\"42\"}}");
      spawn(orch.client, "{\"saleId\":\"seen-2\"}");
      await().atMost(SHORT).until(() -> orch.completeAndCheckRunning("seen-1"));
      open(orch);
      await().atMost(SHORT).until(() -> rows("seen-1") == 1);
      assertThat(browser.shown("detail")).as("no sale chosen yet").isFalse();

      browser.driver.findElement(By.cssSelector("tr[data-sale='seen-1']")).click();
      await().atMost(SHORT).until(() -> browser.shown("detail"));
      await().atMost(SHORT).until(() -> count("#detailConditions tr[data-condition]") >= 3);
      assertThat(browser.text("detailConditions")).contains("EngineReachable").contains("True");
      assertThat(count("#detailHistory tr[data-action='created']")).isEqualTo(1);
      assertThat(count("#detailHistory tr[data-action='started']")).isEqualTo(1);
      assertThat(browser.text("detailFacts")).contains("Running").contains("lot=42").contains("sale-seen-1");
      browser.screenshot("dashboard-detail.png");

      browser.driver.findElement(By.cssSelector("tr[data-sale='seen-2']")).click();
      await().atMost(SHORT).until(() -> "seen-2".equals(browser.js("return document.getElementById('detailId').textContent;")));
      await().atMost(SHORT).until(() -> !browser.text("detailFacts").contains("lot=42"));
    }
  }

  @Test
  void deleteFromThePage_sendsNothingUntilConfirmed() {
    try (TestOrchestrator orch = TestOrchestrator.withToken(dir.resolve("delete"))) {
      spawnWithToken(orch.client, "bye-1");
      await().atMost(SHORT).until(() -> orch.completeAndCheckRunning("bye-1"));
      open(orch);
      await().atMost(SHORT).until(() -> rows("bye-1") == 1);
      browser.driver.findElement(By.cssSelector("tr[data-sale='bye-1']")).click();
      await().atMost(SHORT).until(() -> browser.shown("deleteSale"));

      browser.click("deleteSale");
      assertThat(browser.shown("confirmDelete")).isTrue();
      assertThat(browser.text("confirmDeleteText")).contains("Delete sale bye-1?");
      browser.click("deleteNo");
      assertThat(browser.shown("confirmDelete")).isFalse();
      assertThat(browser.text("detailMsg")).isEqualTo("Not deleted.");
      assertThat(desired(orch, "bye-1")).as("cancelled: still desired").isPresent();

      browser.click("deleteSale");
      browser.click("deleteYes");
      browser.answerPrompt(TestOrchestrator.TOKEN);
      await().atMost(SHORT).until(() -> desired(orch, "bye-1").isEmpty());
      await().atMost(SHORT).until(() -> browser.text("detailMsg").contains("bye-1"));
      await().atMost(SHORT).until(() -> {
        orch.apps.completeAll();
        return rows("bye-1") == 0;
      });
    }
  }

  @Test
  void aRefusedWrite_showsTheProblemsDetail() {
    try (TestOrchestrator orch = TestOrchestrator.start(dir.resolve("refused"))) {
      open(orch);
      browser.type("spawnId", "Bad_Id");
      browser.click("spawnSubmit");
      await().atMost(SHORT).until(() -> browser.text("spawnMsg").startsWith("Refused"));
      assertThat(browser.text("spawnMsg"))
          .contains("Invalid desired state (400)")
          .contains("'Bad_Id' is not a valid sale id")
          .contains("[field: saleId]");
      assertThat(browser.driver.findElement(By.id("spawnMsg")).getAttribute("class")).contains("error");
      assertThat(browser.alert()).as("no token configured, none asked").isNull();
      assertThat(orch.orchestrator.backend().store().snapshot().sales()).isEmpty();
    }
  }

  @Test
  void thePoolIsShown_andASaleThatTookAPoolAppSaysWhichOne() throws IOException {
    try (TestOrchestrator orch = TestOrchestrator.start(dir.resolve("pool"), Map.of("ARCAL_WARM_POOL_SIZE", "1"))) {
      await().atMost(SHORT).until(() -> {
        orch.apps.completeAll();
        return orch.orchestrator.backend().controller().pool().view().ready() == 1;
      });
      open(orch);
      await().atMost(SHORT).until(() -> browser.text("poolSummary").startsWith("size 1: 1 ready"));
      assertThat(count("#poolApps li[data-pool-app]")).isEqualTo(1);

      browser.type("spawnId", "warm-1");
      browser.click("spawnSubmit");
      await().atMost(SHORT).until(() -> orch.completeAndCheckRunning("warm-1"));
      await().atMost(SHORT).until(() -> browser.text("poolApps").contains("→ warm-1"));
      await().atMost(SHORT).until(() -> browser.text("detailFacts").contains("Pool binding"));
      assertThat(browser.text("detailFacts")).containsPattern("pool app pool-[a-z0-9]{10}");
      assertThat(count("#detailHistory tr[data-action='bound']")).isEqualTo(1);
      browser.screenshot("dashboard-pool.png");
    }
  }

  private static void open(TestOrchestrator orch) {
    browser.driver.get(orch.orchestrator.url() + "/");
    await().atMost(SHORT).until(() -> browser.text("conn").equals("live"));
  }

  private static Optional<DesiredSale> desired(TestOrchestrator orch, String saleId) {
    return orch.orchestrator.backend().store().snapshot().sale(new SaleId(saleId));
  }

  private static int rows(String saleId) {
    return count("tr[data-sale='" + saleId + "']");
  }

  private static int count(String selector) {
    return ((Number) browser.js("return document.querySelectorAll(\"" + selector + "\").length;")).intValue();
  }

  private static void spawn(ApiClient api, String body) {
    ApiClient.Response r = api.send(api.request("/sales/spawn")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
    assertThat(r.status()).as(r.body()).isEqualTo(202);
  }

  private static void spawnWithToken(ApiClient api, String saleId) {
    ApiClient.Response r = api.send(api.request("/sales/spawn")
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + TestOrchestrator.TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString("{\"saleId\":\"" + saleId + "\"}")));
    assertThat(r.status()).as(r.body()).isEqualTo(202);
  }
}
