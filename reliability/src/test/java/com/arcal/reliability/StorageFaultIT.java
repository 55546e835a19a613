package com.arcal.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.reliability.harness.Api;
import com.arcal.reliability.harness.Api.Response;
import com.arcal.reliability.harness.EmbeddedArm;
import com.arcal.reliability.harness.Figures;
import com.arcal.reliability.harness.JavaProcess;
import com.arcal.reliability.harness.OrchestratorProcess;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 8: the disk fills up during a write of the desired-state file.
 *
 * <p>How the fault is produced: the orchestrator jar runs as a child process under
 * {@code prlimit --fsize=65536}, the kernel's per-process file-size limit (RLIMIT_FSIZE). Any
 * write that would make a file larger than 64 KiB fails with EFBIG ("File too large") exactly
 * where a full disk fails with ENOSPC: in the middle of writing the temp file, after earlier
 * writes of smaller documents succeeded. It needs no privilege, no mount and no change to the
 * product (the JVM ignores SIGXFSZ, so the write fails instead of the process dying); its log goes
 * through a pipe, so only the state file is limited. A read-only folder cannot be produced this
 * way when tests run as root (root ignores file modes); the store's unit tests cover that path.
 */
class StorageFaultIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "storage-fault-arm-token";

  @TempDir Path dir;

  @Test
  void aWriteThatDoesNotFit_is503_andThePreviousFileIsIntact() throws Exception {
    try (EmbeddedArm arm = new EmbeddedArm(dir.resolve("emulator"))) {
      int port = OrchestratorProcess.freePort();
      Path stateFile = dir.resolve("state").resolve("desired-state.json");
      Files.createDirectories(stateFile.getParent());
      try (JavaProcess orchestrator = OrchestratorProcess.start(
          List.of("prlimit", "--fsize=65536"),
          List.of("-XX:-UsePerfData", "-Xmx256m", "-XX:TieredStopAtLevel=1"),
          arm.orchestratorEnv(port, stateFile, TOKEN), dir, dir.resolve("orchestrator.log"))) {
        Api api = new Api("http://127.0.0.1:" + port);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
            .until(() -> api.get("/readyz").status() == 200);

        assertThat(api.post("/sales/spawn", "{\"saleId\":\"small\"}").status()).isEqualTo(202);
        byte[] before = Files.readAllBytes(stateFile);

        // 20 values of 4,000 characters: an 80 KB document, beyond what the "disk" can take.
        String config = IntStream.range(0, 20)
            .mapToObj(i -> "\"k" + i + "\":\"" + "x".repeat(4000) + "\"")
            .collect(Collectors.joining(",", "{", "}"));
        Response full = api.post("/sales/spawn", "{\"saleId\":\"big\",\"config\":" + config + "}");

        assertThat(full.status()).as(full.body()).isEqualTo(503);
        assertThat(full.header("Content-Type")).startsWith("application/problem+json");
        assertThat(full.json().get("type").asText()).contains("store-unavailable");
        assertThat(full.json().get("detail").asText())
            .contains("File too large").contains("previous file is unchanged");
        assertThat(full.header("Retry-After")).isNotNull();
        assertThat(Files.readAllBytes(stateFile)).as("previous file intact").isEqualTo(before);
        assertThat(JSON.readTree(stateFile.toFile()).get("sales").has("small")).isTrue();
        try (var left = Files.list(stateFile.getParent())) {
          assertThat(left.map(p -> p.getFileName().toString()).toList())
              .as("no temp file left behind").containsExactly("desired-state.json");
        }
        assertThat(api.get("/sales").body()).doesNotContain("\"big\"");

        // The orchestrator goes on: a write that fits is accepted and reconciled.
        assertThat(api.post("/sales/spawn", "{\"saleId\":\"after\"}").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60))
            .until(() -> api.phase("small").equals("Running") && api.phase("after").equals("Running"));
        assertThat(orchestrator.isAlive()).isTrue();

        new Figures("8-storage-faults")
            .put("fault", "write of an 80 KB document under RLIMIT_FSIZE 64 KiB (EFBIG, as a full disk)")
            .put("answer", full.status() + " " + full.json().get("type").asText())
            .put("previous file intact and parses", true)
            .put("temp files left", 0)
            .put("recovered", "next write that fits accepted; sales Running")
            .publish();
      }
    }
  }
}
