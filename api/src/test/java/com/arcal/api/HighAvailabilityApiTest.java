package com.arcal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.controller.blob.Azurite;
import com.arcal.controller.blob.AzuriteExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Two orchestrators on one desired-state blob: both serve the API, one leads. */
@ExtendWith(AzuriteExtension.class)
class HighAvailabilityApiTest {
  @TempDir Path dir;

  @Test
  void replicasShareTheBlobAndExactlyOneLeads(Azurite azurite) {
    Map<String, String> env =
        Map.of(
            "ARCAL_STATE_BLOB_URL", azurite.newBlobUrl("desired-state.json"),
            "AZURE_STORAGE_CONNECTION_STRING", azurite.connectionString(),
            "ARCAL_STATE_BLOB_POLL_MILLIS", "200");
    try (TestOrchestrator first = TestOrchestrator.start(dir.resolve("a"), env);
        TestOrchestrator second = TestOrchestrator.start(dir.resolve("b"), env)) {
      List<TestOrchestrator> replicas = List.of(first, second);
      await().atMost(Duration.ofSeconds(20))
          .until(() -> replicas.stream().filter(r -> role(r).equals("leader")).count() == 1);
      assertThat(replicas).allSatisfy(r -> assertThat(r.client.get("/readyz").status()).isEqualTo(200));
      assertThat(first.client.get("/metrics").body()).contains("leader_election_master_status");

      assertThat(second.client.post("/sales/spawn", "{\"saleId\":\"vente-01\"}").status()).isEqualTo(202);

      // The write through one replica is the desired state of both.
      await().atMost(Duration.ofSeconds(10))
          .until(() -> first.client.get("/desired-state").body().contains("vente-01"));
    }
  }

  private static String role(TestOrchestrator replica) {
    return replica.client.get("/readyz").json().path("role").asText();
  }
}
