package com.arcal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.api.TestOrchestrator;
import com.arcal.cli.Cli.Run;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code arcalctl get pool} against a real orchestrator whose Azure is the fake. */
class PoolCommandTest {
  @TempDir Path dir;

  @Test
  void getPool_withoutAPool_saysSo() {
    try (TestOrchestrator orch = TestOrchestrator.start(dir)) {
      Run run = new Cli(orch.orchestrator.url()).run("get", "pool");
      assertThat(run.exit()).as(run.toString()).isZero();
      assertThat(run.out()).contains("SIZE 0").contains("No warm pool (ARCAL_WARM_POOL_SIZE=0).");
    }
  }

  @Test
  void getPool_listsItsApps_andTheSaleEachIsBoundTo() throws Exception {
    try (TestOrchestrator orch = TestOrchestrator.start(dir, Map.of("ARCAL_WARM_POOL_SIZE", "1"))) {
      Cli cli = new Cli(orch.orchestrator.url());
      await().atMost(Duration.ofSeconds(15)).until(() -> {
        orch.apps.completeAll();
        return cli.run("get", "pool").out().contains("READY 1");
      });
      assertThat(cli.run("spawn", "vente-01").exit()).isZero();
      await().atMost(Duration.ofSeconds(15)).until(() -> orch.completeAndCheckRunning("vente-01"));

      await().atMost(Duration.ofSeconds(15)).until(() -> {
        orch.apps.completeAll();
        return cli.run("get", "pool").out().contains("BOUND 1");
      });
      Run table = cli.run("get", "pool");
      String[] lines = table.out().split("\n");
      assertThat(lines[1]).matches("APP\\s+STATE\\s+SALE");
      assertThat(table.out()).containsPattern("pool-[a-z0-9]{10}\\s+\\w+\\s+vente-01");
      Run json = cli.run("get", "pool", "-o", "json");
      assertThat(new ObjectMapper().readTree(json.out()).get("size").asInt()).isEqualTo(1);
    }
  }
}
