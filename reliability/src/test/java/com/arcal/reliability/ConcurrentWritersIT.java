package com.arcal.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.reliability.harness.Api;
import com.arcal.reliability.harness.Api.Response;
import com.arcal.reliability.harness.FakeFleet;
import com.arcal.reliability.harness.Figures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 7: eight clients update the same three sales through {@code PUT /sales/{id}} with
 * {@code If-Match}. Every accepted write must have been based on the version the previous accepted
 * write produced (one unbroken chain: nothing overwritten unseen), every refusal is 409 or 412,
 * and the final state is the last accepted write of each sale.
 */
class ConcurrentWritersIT {
  private static final int CLIENTS = 8;
  private static final int ATTEMPTS = 40;
  private static final List<String> SALES = List.of("cw-1", "cw-2", "cw-3");

  @TempDir Path dir;

  /** One accepted write: based on {@code ifMatch}, it produced {@code etag}. */
  private record Accepted(String ifMatch, String etag, String sale, String value) {}

  @Test
  void eightWritersWithIfMatch_loseNoUpdate() throws Exception {
    try (FakeFleet fleet = FakeFleet.start(dir)) {
      SALES.forEach(s -> assertThat(fleet.api.post("/sales/spawn", "{\"saleId\":\"" + s + "\"}").status()).isEqualTo(202));
      String initial = fleet.api.get("/desired-state").header("ETag");
      ConcurrentLinkedQueue<Accepted> accepted = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<String> badRefusals = new ConcurrentLinkedQueue<>();
      Map<Integer, Integer> refusals = new java.util.concurrent.ConcurrentHashMap<>();
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      try {
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
          int client = c;
          clients.add(pool.submit(() -> {
            Api api = new Api(fleet.orchestrator.url());
            SplittableRandom random = new SplittableRandom(client);
            go.await();
            for (int n = 0; n < ATTEMPTS; n++) {
              String sale = SALES.get(random.nextInt(SALES.size()));
              String etag = api.get("/sales/" + sale).header("ETag");
              String value = "client-" + client + "-write-" + n;
              Response r = api.put("/sales/" + sale, "{\"config\":{\"by\":\"" + value + "\"}}", etag);
              if (r.status() == 200 || r.status() == 202) {
                accepted.add(new Accepted(etag, r.header("ETag"), sale, value));
              } else if (r.status() == 409 || r.status() == 412) {
                refusals.merge(r.status(), 1, Integer::sum);
              } else {
                badRefusals.add(r.status() + " " + r.body());
              }
            }
            return null;
          }));
        }
        go.countDown();
        for (Future<?> f : clients) {
          f.get(120, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
      }

      assertThat(badRefusals).as("refusals other than 409/412").isEmpty();
      Map<String, Accepted> byBase = new HashMap<>();
      for (Accepted a : accepted) {
        Accepted other = byBase.put(a.ifMatch(), a);
        assertThat(other).as("two writes accepted on the same version " + a.ifMatch()
            + ": one of them overwrote the other unseen").isNull();
      }
      // Walk the chain from the initial version: it must visit every accepted write.
      Map<String, String> expected = new HashMap<>();
      String version = initial;
      int walked = 0;
      while (byBase.containsKey(version)) {
        Accepted a = byBase.get(version);
        expected.put(a.sale(), a.value());
        version = a.etag();
        walked++;
      }
      assertThat(walked).as("accepted writes on one unbroken chain").isEqualTo(accepted.size());
      assertThat(fleet.api.get("/desired-state").header("ETag")).isEqualTo(version);
      for (String sale : SALES) {
        if (expected.containsKey(sale)) {
          assertThat(fleet.api.get("/desired-state").json().get("sales").get(sale)
                  .get("config").get("by").asText())
              .as("final value of " + sale).isEqualTo(expected.get(sale));
        }
      }
      assertThat(accepted).isNotEmpty();
      assertThat(refusals.values().stream().mapToInt(Integer::intValue).sum()).isPositive();

      new Figures("7-concurrent-writers")
          .put("clients", CLIENTS)
          .put("attempts", CLIENTS * ATTEMPTS)
          .put("accepted", accepted.size())
          .put("refused by status", new java.util.TreeMap<>(refusals))
          .put("lost updates", 0)
          .put("other answers", badRefusals.size())
          .publish();
    }
  }
}
