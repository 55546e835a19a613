package com.arcal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.api.TestOrchestrator;
import com.arcal.cli.Cli.Run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code arcalctl get environments} against a real orchestrator placing on two environments. */
class EnvironmentsCommandTest {
  @TempDir Path dir;
  private TestOrchestrator orch;

  @AfterEach
  void stop() {
    orch.close();
  }

  @Test
  void getEnvironments_listsEachWithItsCores_andSaysHowManySalesWait() throws Exception {
    orch =
        TestOrchestrator.withEnvironments(
            dir,
            u -> u.limit(TestOrchestrator.ENV_A, 0.5).limit(TestOrchestrator.ENV_B, 3).takenByOthers(TestOrchestrator.ENV_B, 2),
            Map.of(TestOrchestrator.ENV_B, "engines not reachable from env-a"));
    Cli cli = new Cli(orch.orchestrator.url());
    assertThat(cli.run("spawn", "vente-01").exit()).isZero();
    await().atMost(Duration.ofSeconds(10)).until(() -> orch.apps.count("put") == 1);
    assertThat(cli.run("spawn", "vente-02").exit()).isZero();
    await().atMost(Duration.ofSeconds(10))
        .until(() -> cli.run("get", "environments").out().contains("1 sale(s) waiting for cores"));

    Run table = cli.run("get", "environments");

    assertThat(table.exit()).as(table.toString()).isZero();
    String[] lines = table.out().split("\n");
    assertThat(lines[0]).matches("ENVIRONMENT\\s+RESOURCE GROUP\\s+SUBSCRIPTION\\s+CORES\\s+FREE\\s+SALES\\s+NEW SALES");
    assertThat(lines[1]).matches("env-a\\s+rg-a\\s+sub-a\\s+0\\.5/0\\.5\\s+0\\s+1\\s+yes");
    assertThat(lines[2]).as("room, but closed")
        .matches("env-b\\s+rg-b\\s+sub-b\\s+2/3\\s+1\\s+0\\s+closed: engines not reachable from env-a");
    JsonNode json = new ObjectMapper().readTree(cli.run("get", "env", "-o", "json").out());
    assertThat(json.path("environments")).hasSize(2);
    assertThat(json.path("waitingForCores").asInt()).isEqualTo(1);
  }
}
