package com.arcal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.api.TestOrchestrator;
import com.arcal.cli.Cli.Run;
import com.arcal.cli.Cli.Running;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** get, describe, spawn, delete, confirm-deletions and watch against a real orchestrator. */
class SalesCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private TestOrchestrator orch;
  private Cli cli;

  @BeforeEach
  void start() {
    orch = TestOrchestrator.start(dir);
    cli = new Cli(orch.orchestrator.url());
  }

  @AfterEach
  void stop() {
    orch.close();
  }

  @Test
  void getSales_withNoSales_saysSo() {
    Run run = cli.run("get", "sales");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.err()).contains("No sales.");
  }

  @Test
  void getSales_printsATable_andJsonAndYaml() throws Exception {
    assertThat(cli.run("spawn", "vente-01").exit()).isZero();
    assertThat(cli.run("spawn", "vente-02").exit()).isZero();
    await().atMost(Duration.ofSeconds(20)).until(() -> orch.completeAndCheckRunning("vente-01"));

    Run table = cli.run("get", "sales");
    assertThat(table.exit()).as(table.toString()).isZero();
    String[] lines = table.out().split("\n");
    assertThat(lines[0]).matches("SALE\\s+PHASE\\s+AGE\\s+WSURL");
    assertThat(lines[1]).matches("vente-01\\s+Running\\s+\\d+s\\s+wss://\\S+");
    assertThat(lines[2]).startsWith("vente-02");

    Run json = cli.run("get", "sales", "-o", "json");
    JsonNode sales = JSON.readTree(json.out());
    assertThat(sales).hasSize(2);
    assertThat(sales.get(0).get("saleId").asText()).isEqualTo("vente-01");
    assertThat(sales.get(0).get("phase").asText()).isEqualTo("Running");

    Run yaml = cli.run("get", "sales", "vente-02", "-o", "YAML");
    assertThat(yaml.exit()).as(yaml.toString()).isZero();
    assertThat(yaml.out()).startsWith("- saleId: vente-02").doesNotContain("vente-01");
  }

  @Test
  void describeSale_showsSpecStatusConditionsAndHistory() {
    assertThat(cli.run("spawn", "vente-01", "--config", "currency=EUR", "--cpu", "1").exit()).isZero();
    await().atMost(Duration.ofSeconds(20)).until(() -> orch.completeAndCheckRunning("vente-01"));

    Run run = cli.run("describe", "sale", "vente-01");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("Name:       vente-01")
        .contains("App:        sale-vente-01")
        .contains("Phase:      Running")
        .containsPattern("WebSocket:\\s+wss://")
        .containsPattern("cpu:\\s+1\n")
        .containsPattern("memory:\\s+\\S+\\s+\\(default\\)")
        .contains("    currency: EUR")
        .containsPattern("Conditions:\n  TYPE\\s+STATUS\\s+REASON\\s+AGE\\s+MESSAGE")
        .contains("SaleRunning")
        .containsPattern("History:\n  AGE\\s+ACTION\\s+DETAIL");
  }

  @Test
  void describeSale_unknown_printsTheProblem_andExits1() {
    Run run = cli.run("describe", "sale", "nope");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: Not found: ").contains("nope");
  }

  @Test
  void spawn_recordsTheSale_isIdempotent_andWaitsForRunning() throws Exception {
    Run first = cli.run("spawn", "vente-01", "--config", "currency=EUR", "--config", "lots=3");
    // The phase is whatever the status board shows when the API answers: the controller may
    // already have sent the PUT.
    assertThat(first.out()).matches("sale/vente-01 spawned \\((Pending|Provisioning)\\)\n");
    assertThat(orch.orchestrator.backend().store().snapshot().asMap().values().iterator().next()
        .spec().config()).containsEntry("currency", "EUR").containsEntry("lots", "3");

    Running waiting = cli.start("spawn", "vente-01", "--config", "currency=EUR", "--config", "lots=3",
        "--wait", "30s");
    await().atMost(Duration.ofSeconds(20)).until(() -> orch.completeAndCheckRunning("vente-01"));
    Run waited = waiting.result().get(30, TimeUnit.SECONDS);
    assertThat(waited.exit()).as(waited.toString()).isZero();
    assertThat(waited.out()).matches("sale/vente-01 is Running at wss://\\S+\n");

    assertThat(cli.run("spawn", "vente-01", "--config", "currency=EUR", "--config", "lots=3").out())
        .isEqualTo("sale/vente-01 unchanged (Running)\n");
  }

  @Test
  void spawn_whenNotRunningInTime_exits1_andSaysWhere() {
    Run run = cli.run("spawn", "vente-01", "--wait", "1s");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("sale/vente-01 is not Running after 1s")
        .contains("arcalctl describe sale vente-01");
  }

  @Test
  void spawn_invalidId_printsTheApiDetail() {
    Run run = cli.run("spawn", "Vente_01");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: ").contains("is not a valid sale id");
  }

  @Test
  void delete_withoutWait_reportsDeleting_andWithWait_deleted() throws Exception {
    cli.run("spawn", "vente-01");
    await().atMost(Duration.ofSeconds(20)).until(() -> orch.completeAndCheckRunning("vente-01"));

    Running deleting = cli.start("delete", "vente-01", "--wait");
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      orch.apps.completeAll();
      return deleting.result().isDone();
    });
    Run run = deleting.result().get();
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).isEqualTo("sale/vente-01 deleted\n");

    cli.run("spawn", "vente-02");
    await().atMost(Duration.ofSeconds(20)).until(() -> orch.completeAndCheckRunning("vente-02"));
    assertThat(cli.run("delete", "vente-02").out()).startsWith("sale/vente-02 deleting");
  }

  @Test
  void delete_unknownSale_exits1() {
    Run run = cli.run("delete", "ghost");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: Not found:");
  }

  @Test
  void confirmDeletions_releasesWhatTheBrakeHolds() throws Exception {
    StringBuilder doc = new StringBuilder("{\"sales\":{");
    for (int i = 1; i <= 6; i++) {
      doc.append(i > 1 ? "," : "").append("\"s-").append(i).append("\":{}");
    }
    Path six = dir.resolve("six.json");
    Files.writeString(six, doc + "}}");
    assertThat(cli.run("apply", "-f", six.toString()).exit()).isZero();
    await().atMost(Duration.ofSeconds(20)).until(() -> orch.completeAndCheckRunning("s-6")
        && orch.completeAndCheckRunning("s-1"));
    assertThat(cli.run("confirm-deletions").out()).isEqualTo("No deletions were held.\n");

    Path none = dir.resolve("none.json");
    Files.writeString(none, "{\"sales\":{}}");
    Run apply = cli.run("apply", "-f", none.toString());
    assertThat(apply.out()).contains("! held");
    await().atMost(Duration.ofSeconds(20)).until(
        () -> orch.orchestrator.backend().controller().deletions().held().size() == 6);

    Run run = cli.run("confirm-deletions");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).startsWith("Released 6 held deletion(s): sale-s-1, ");
  }

  @Test
  void watch_printsPhaseChangesLive_andFailsWhenTheServerGoes() throws Exception {
    cli.run("spawn", "vente-00");
    Running watch = cli.start("watch");
    await().atMost(Duration.ofSeconds(10)).until(() -> watch.output().contains("   vente-00   "));

    cli.run("spawn", "vente-01");
    await().atMost(Duration.ofSeconds(20)).until(() -> orch.completeAndCheckRunning("vente-01"));
    await().atMost(Duration.ofSeconds(10)).until(() -> watch.output().contains("-> Running   wss://"));
    assertThat(watch.output()).containsPattern("\\d\\d:\\d\\d:\\d\\d   vente-01   \\w+");
    assertThat(watch.result()).isNotDone();

    orch.close();
    Run run = watch.result().get(20, TimeUnit.SECONDS);
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("the server ended the event stream");
  }

  @Test
  void watch_withTimeout_endsQuietly() throws Exception {
    Run run = cli.run("watch", "--timeout", "1s");
    assertThat(run.exit()).as(run.toString()).isZero();
  }
}
