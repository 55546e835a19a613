package com.arcal.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.reliability.harness.Api.Response;
import com.arcal.reliability.harness.Figures;
import com.arcal.reliability.harness.LocalFleet;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 5: a running orchestrator whose desired-state file is broken by hand in every way an
 * operator can break it. The last good state stays in force, nothing is deleted, readiness says
 * what is wrong and where, and fixing the file resumes reconciliation.
 */
class BadDesiredStateFileIT {
  private static final Duration CONVERGE = Duration.ofSeconds(60);
  private static final int SALES = 6; // above the brake's 5, so an empty map engages it

  @TempDir Path dir;

  /** One way of breaking the file, and words the readiness reason must contain. */
  private record Breakage(String name, String expected, FileEdit edit) {}

  @FunctionalInterface
  private interface FileEdit {
    void apply(Path file, String good) throws IOException;
  }

  private static FileEdit content(String text) {
    return (file, good) -> Files.writeString(file, text);
  }

  private static List<Breakage> breakages() {
    return List.of(
        new Breakage("truncated JSON", "line", (f, good) -> Files.writeString(f, good.substring(0, good.length() / 2))),
        new Breakage("invalid JSON", "invalid JSON", content("{\"sales\": {\"s0\": }}")),
        new Breakage("wrong type", "expected a string", content("{\"sales\": {\"s0\": {\"cpu\": 1}}}")),
        new Breakage("unknown field", "surprise", content("{\"sales\": {}, \"surprise\": true}")),
        new Breakage("duplicate key", "Duplicate field", content("{\"sales\": {\"s0\": {}, \"s0\": {}}}")),
        new Breakage("empty file", "empty", content("")),
        new Breakage("directory", "directory", (f, good) -> {
          Files.delete(f);
          Files.createDirectory(f);
        }),
        // Root reads any file whatever its mode; a symlink loop cannot be read by anyone.
        new Breakage("unreadable", "symbolic links", (f, good) -> {
          Files.delete(f);
          Path other = f.resolveSibling("loop.json");
          Files.createSymbolicLink(f, other);
          Files.createSymbolicLink(other, f);
        }),
        new Breakage("deleted", "missing", (f, good) -> Files.delete(f)));
  }

  @Test
  void everyBrokenFile_keepsTheFleet_saysWhy_andFixingResumes() throws Exception {
    try (LocalFleet fleet = LocalFleet.in(dir).start()) {
      List<String> sales = new ArrayList<>(IntStream.range(0, SALES).mapToObj(i -> "s" + i).toList());
      sales.forEach(s -> assertThat(fleet.api.post("/sales/spawn", "{\"saleId\":\"" + s + "\"}").status()).isEqualTo(202));
      await().atMost(CONVERGE).until(() -> sales.stream().allMatch(fleet::running));
      Figures figures = new Figures("5-bad-desired-state-files");
      int fixes = 0;
      long worstResumeMs = 0;

      for (Breakage breakage : breakages()) {
        String good = Files.readString(fleet.stateFile);
        breakage.edit().apply(fleet.stateFile, good);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
          Response ready = fleet.api.get("/readyz");
          assertThat(ready.status()).as(breakage.name()).isEqualTo(503);
          assertThat(ready.json().get("reasons").toString()).as(breakage.name())
              .contains("desired state").contains(breakage.expected());
        });
        Response refused = fleet.api.post("/sales/spawn", "{\"saleId\":\"refused\"}");
        assertThat(refused.status()).as(breakage.name() + ": " + refused.body()).isEqualTo(503);
        assertThat(refused.json().get("detail").asText()).as(breakage.name()).isNotBlank();
        assertFleetIntact(fleet, sales, breakage.name());

        // The fix: the good document back, plus one new sale that must now be reconciled.
        String added = "fix" + fixes++;
        restore(fleet.stateFile);
        Files.writeString(fleet.stateFile, good.replaceFirst("\"sales\"\\s*:\\s*\\{",
            "\"sales\": {\"" + added + "\": {},"));
        long fixedAt = System.nanoTime();
        await().atMost(CONVERGE).until(() -> fleet.api.get("/readyz").status() == 200 && fleet.running(added));
        worstResumeMs = Math.max(worstResumeMs, (System.nanoTime() - fixedAt) / 1_000_000);
        sales.add(added);
      }

      // An empty sales map is valid: it asks for no sales, and the brake holds the deletions.
      String good = Files.readString(fleet.stateFile);
      Files.writeString(fleet.stateFile, "{\"sales\": {}}");
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
          assertThat(fleet.api.get("/deletions").body()).contains("sale-s0"));
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
          .until(() -> deletes(fleet) == 0 && sales.stream().allMatch(s -> app(fleet, s)));
      Files.writeString(fleet.stateFile, good);
      await().atMost(CONVERGE).untilAsserted(() -> {
        assertThat(sales).as("Running again").allMatch(fleet::running);
        assertThat(fleet.status("s0").orElseThrow().condition("DeletionHeld"))
            .as("no stale DeletionHeld condition").isEmpty();
        assertThat(fleet.api.get("/deletions").json().get("held")).as("GET /deletions").isEmpty();
      });
      assertThat(deletes(fleet)).isZero();

      figures.put("faults injected", breakages().size() + 1 + " broken files (" + String.join(", ",
              breakages().stream().map(Breakage::name).toList()) + ", empty sales map)")
          .put("recoveries", fixes + 1 + " (fixing the file resumed reconciliation every time)")
          .put("apps deleted (data lost)", deletes(fleet))
          .put("sales kept Running", sales.size())
          .put("worst time from fix to new sale Running", worstResumeMs + " ms")
          .publish();
    }
  }

  private static void restore(Path file) throws IOException {
    if (Files.isDirectory(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      Files.delete(file);
    } else {
      Files.deleteIfExists(file);
      Files.deleteIfExists(file.resolveSibling("loop.json"));
    }
  }

  private static void assertFleetIntact(LocalFleet fleet, List<String> sales, String why) {
    JsonNode listed = fleet.api.get("/sales").json();
    List<String> ids = new ArrayList<>();
    listed.forEach(s -> ids.add(s.get("saleId").asText()));
    assertThat(ids).as(why).containsAll(sales);
    assertThat(deletes(fleet)).as(why + ": DELETE requests").isZero();
    assertThat(sales).as(why).allMatch(s -> app(fleet, s));
  }

  private static long deletes(LocalFleet fleet) {
    return fleet.emulator.stats().count(k -> k.method().equals("DELETE"));
  }

  private static boolean app(LocalFleet fleet, String sale) {
    return fleet.sdk().serviceClient().getContainerApps().listByResourceGroup(LocalFleet.GROUP)
        .stream().anyMatch(a -> a.name().equals("sale-" + sale));
  }
}
