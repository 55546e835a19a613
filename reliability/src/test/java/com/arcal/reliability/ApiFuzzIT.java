package com.arcal.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.reliability.harness.FakeFleet;
import com.arcal.reliability.harness.Figures;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 6: at least 10,000 generated hostile requests against a started orchestrator. No
 * request may get a 5xx, the server must still answer afterwards, and the desired state must be
 * exactly what the accepted well-formed requests made of it.
 */
class ApiFuzzIT {
  private static final long SEED = 20261125L;
  private static final int REQUESTS = 10_000;

  @TempDir Path dir;

  @Test
  void tenThousandHostileRequests_noServerError_andOnlyValidWritesChangeTheState() {
    try (FakeFleet fleet = FakeFleet.start(dir)) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      RequestFuzzer fuzzer = new RequestFuzzer(SEED, fleet.orchestrator.url());
      TreeSet<String> model = new TreeSet<>();
      Map<Integer, Integer> byStatus = new TreeMap<>();
      List<String> serverErrors = new ArrayList<>();
      int accepted = 0;
      int unexpectedWrites = 0;
      int sent = 0;
      int transportErrors = 0;
      String etag = null;
      long started = System.nanoTime();
      for (int i = 0; i < REQUESTS; i++) {
        RequestFuzzer.Generated g = fuzzer.next(etag);
        HttpResponse<String> r;
        try {
          r = http.send(g.request(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
          // A connection the server closed on a 2 MiB body it refused early is not a crash; the
          // health check below proves the server is still there.
          transportErrors++;
          continue;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
        sent++;
        byStatus.merge(r.statusCode(), 1, Integer::sum);
        if (r.statusCode() >= 500) {
          serverErrors.add(g.method() + " " + g.path() + " -> " + r.statusCode() + " " + r.body());
        }
        boolean ok = r.statusCode() >= 200 && r.statusCode() < 300;
        if (ok && g.mutation() != null) {
          accepted++;
          if (g.mutation().kind().equals("delete")) {
            model.remove(g.mutation().saleId());
          } else {
            model.add(g.mutation().saleId());
          }
        } else if (ok && mutating(g.method()) && !g.path().startsWith("/deletions/confirm")
            && !isDryRun(g.path())) {
          unexpectedWrites++;
          serverErrors.add("accepted an ill-formed write: " + g.method() + " " + g.path() + " -> "
              + r.statusCode() + " " + r.body());
        }
        if (i % 50 == 0) {
          etag = fleet.api.get("/desired-state").header("ETag");
        }
      }
      long seconds = Math.max(1, (System.nanoTime() - started) / 1_000_000_000L);

      assertThat(serverErrors).as("5xx answers and accepted ill-formed writes").isEmpty();
      assertThat(sent).as("requests answered").isGreaterThanOrEqualTo(REQUESTS - transportErrors);
      assertThat(transportErrors).as("connections dropped").isLessThan(REQUESTS / 100);
      assertThat(fleet.api.get("/healthz").status()).isEqualTo(200);
      JsonNode desired = fleet.api.get("/desired-state").json().get("sales");
      TreeSet<String> actual = new TreeSet<>();
      for (Iterator<String> names = desired.fieldNames(); names.hasNext(); ) {
        actual.add(names.next());
      }
      assertThat(actual).as("desired state = the model of accepted valid requests").isEqualTo(model);

      new Figures("6-api-fuzz")
          .put("seed", SEED)
          .put("requests generated", REQUESTS)
          .put("answered", sent)
          .put("connections closed by the server (oversized bodies)", transportErrors)
          .put("answers by status", byStatus)
          .put("5xx", byStatus.entrySet().stream().filter(e -> e.getKey() >= 500).mapToInt(Map.Entry::getValue).sum())
          .put("valid writes accepted", accepted)
          .put("ill-formed writes accepted", unexpectedWrites)
          .put("sales in the final desired state (= model)", actual.size())
          .put("duration", seconds + " s")
          .publish();
    }
  }

  private static boolean mutating(String method) {
    return List.of("POST", "PUT", "PATCH", "DELETE").contains(method);
  }

  private static boolean isDryRun(String path) {
    return path.contains("dryRun=true") || path.contains("dryRun=1");
  }
}
