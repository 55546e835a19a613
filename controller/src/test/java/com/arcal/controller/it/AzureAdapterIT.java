package com.arcal.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.controller.azure.AppRequest;
import com.arcal.controller.azure.ArmClients;
import com.arcal.controller.azure.AzureContainerApps;
import com.arcal.controller.azure.AzureTarget;
import com.arcal.controller.azure.RevisionHealth;
import com.arcal.controller.secret.EngineSecrets;
import com.arcal.controller.secret.Secret;
import com.arcal.emulator.EmulatorSettings;
import com.arcal.emulator.runtime.RuntimeSettings;
import com.azure.resourcemanager.appcontainers.fluent.models.ContainerAppInner;
import com.azure.resourcemanager.appcontainers.models.Container;
import com.azure.resourcemanager.appcontainers.models.ContainerAppProbe;
import com.azure.resourcemanager.appcontainers.models.ReplicaContainer;
import com.azure.resourcemanager.appcontainers.models.RevisionHealthState;
import com.azure.resourcemanager.appcontainers.models.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the Azure adapter puts in the Container App it sends. */
class AzureAdapterIT {
  @TempDir Path dir;

  @Test
  void engineAppsExposeOnlyTheWebSocketAndPullWithTheirIdentity() {
    try (EmulatedAzure azure = EmulatedAzure.start(dir, RuntimeSettings.Mode.IN_PROCESS, Duration.ZERO)) {
      String identity =
          "/subscriptions/" + EmulatedAzure.SUBSCRIPTION + "/resourceGroups/arcal-local/providers"
              + "/Microsoft.ManagedIdentity/userAssignedIdentities/engine-pull";
      AzureTarget target =
          new AzureTarget(
              azure.target.subscriptionId(),
              azure.target.resourceGroup(),
              azure.target.location(),
              azure.target.environmentId(),
              Optional.of(new AzureTarget.EngineRegistry("myacr.azurecr.io", identity)));
      var adapter =
          new AzureContainerApps(ArmClients.manager(azure.connection(), target, List.of()), target);

      adapter.beginCreateOrUpdate(
          new AppRequest(
              "sale-x", "myacr.azurecr.io/engine:1", "0.5", "1Gi", Map.of("A", "1"), Map.of("t", "v")));

      ContainerAppInner app =
          azure.sdk().serviceClient().getContainerApps().getByResourceGroup(EmulatedAzure.GROUP, "sale-x");
      assertThat(app.configuration().ingress().external()).isTrue();
      assertThat(app.configuration().ingress().targetPort()).isEqualTo(3000);
      assertThat(app.configuration().ingress().additionalPortMappings())
          .singleElement()
          .satisfies(m -> {
            assertThat(m.external()).as("gRPC stays inside the VNet").isFalse();
            assertThat(m.targetPort()).isEqualTo(50051);
          });
      assertThat(app.configuration().registries())
          .singleElement()
          .satisfies(r -> {
            assertThat(r.server()).isEqualTo("myacr.azurecr.io");
            assertThat(r.identity()).isEqualTo(identity);
          });
      assertThat(app.identity().userAssignedIdentities()).containsOnlyKeys(identity);
    }
  }

  @Test
  void aSecretVariable_isAContainerAppsSecret_whoseValueOnlyListSecretsReturns() {
    try (EmulatedAzure azure = EmulatedAzure.start(dir, RuntimeSettings.Mode.IN_PROCESS, Duration.ZERO)) {
      var adapter = new AzureContainerApps(ArmClients.manager(azure.connection(), azure.target, List.of()), azure.target);
      Secret token = Secret.of("adapter-token-SECRET-0123456789");

      adapter.beginCreateOrUpdate(new AppRequest("sale-s", "arcal/engine:local", "0.5", "1Gi",
          Map.of("A", "1"), Map.of("t", "v"), Map.of(EngineSecrets.ENV, token)));

      ContainerAppInner app =
          azure.sdk().serviceClient().getContainerApps().getByResourceGroup(EmulatedAzure.GROUP, "sale-s");
      assertThat(app.configuration().secrets()).singleElement().satisfies(s -> {
        assertThat(s.name()).isEqualTo(EngineSecrets.SECRET_NAME);
        assertThat(s.value()).as("a GET never carries the value").isNull();
      });
      assertThat(app.template().containers().get(0).env())
          .anySatisfy(v -> {
            assertThat(v.name()).isEqualTo(EngineSecrets.ENV);
            assertThat(v.secretRef()).isEqualTo(EngineSecrets.SECRET_NAME);
            assertThat(v.value()).isNull();
          });
      assertThat(adapter.get("sale-s").orElseThrow().secretEnv()).containsExactly(EngineSecrets.ENV);
      assertThat(adapter.get("sale-s").orElseThrow().env()).doesNotContainKey(EngineSecrets.ENV);
      assertThat(adapter.secret("sale-s", EngineSecrets.SECRET_NAME)).contains(token);
      assertThat(adapter.secret("sale-s", "no-such-secret")).isEmpty();
    }
  }

  @Test
  void engineAppsDeclareProbesOnTheEnginesHealthz_whichTheReferenceEnginePasses() {
    try (EmulatedAzure azure = EmulatedAzure.start(dir, RuntimeSettings.Mode.IN_PROCESS, Duration.ZERO)) {
      var adapter = new AzureContainerApps(ArmClients.manager(azure.connection(), azure.target, List.of()),
          azure.target);

      adapter.beginCreateOrUpdate(
          new AppRequest("sale-p", "arcal/engine:local", "0.5", "1Gi", Map.of(), Map.of("t", "v")));

      var sdk = azure.sdk();
      Container engine = sdk.serviceClient().getContainerApps()
          .getByResourceGroup(EmulatedAzure.GROUP, "sale-p").template().containers().get(0);
      assertThat(engine.probes()).extracting(ContainerAppProbe::type)
          .containsExactlyInAnyOrder(Type.STARTUP, Type.LIVENESS, Type.READINESS);
      assertThat(engine.probes()).allSatisfy(p -> {
        assertThat(p.httpGet().path()).isEqualTo("/healthz");
        assertThat(p.httpGet().port()).isEqualTo(AppRequest.WEBSOCKET_PORT);
      });
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        String revision = sdk.containerApps().getByResourceGroup(EmulatedAzure.GROUP, "sale-p").latestRevisionName();
        return !revision.isEmpty()
            && sdk.containerAppsRevisions().getRevision(EmulatedAzure.GROUP, "sale-p", revision).healthState()
                == RevisionHealthState.HEALTHY;
      });
      String revision = sdk.containerApps().getByResourceGroup(EmulatedAzure.GROUP, "sale-p").latestRevisionName();
      ReplicaContainer replica = sdk.containerAppsRevisionReplicas()
          .listReplicas(EmulatedAzure.GROUP, "sale-p", revision).value().get(0).containers().get(0);
      assertThat(replica.ready()).isTrue();
      assertThat(replica.restartCount()).isZero();
    }
  }

  @Test
  void revisionHealth_readsArmsViewThroughTheSdk_healthyThenCrashed() {
    // The crashed container is restarted only after a minute here: the reads below see the crash,
    // not a restart that the tests' usual 200 ms backoff can win against two ARM reads.
    RuntimeSettings slowRestarts = new RuntimeSettings(RuntimeSettings.Mode.IN_PROCESS, dir,
        EmulatedAzure.runtime(dir, RuntimeSettings.Mode.IN_PROCESS).imageCommands(), Duration.ofSeconds(3),
        Duration.ofMinutes(1), Duration.ofMinutes(1));
    try (EmulatedAzure azure = EmulatedAzure.start(
        EmulatorSettings.builder(dir).delays(Duration.ZERO, Duration.ZERO).pageSize(5).runtime(slowRestarts).build())) {
      var adapter = new AzureContainerApps(ArmClients.manager(azure.connection(), azure.target, List.of()),
          azure.target);
      adapter.beginCreateOrUpdate(
          new AppRequest("sale-h", "arcal/engine:local", "0.5", "1Gi", Map.of(), Map.of("t", "v")));
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        String revision = adapter.get("sale-h").orElseThrow().latestRevisionName();
        return !revision.isEmpty()
            && adapter.revisionHealth("sale-h", revision).healthState().equals("Healthy");
      });
      String revision = adapter.get("sale-h").orElseThrow().latestRevisionName();
      RevisionHealth healthy = adapter.revisionHealth("sale-h", revision);
      assertThat(healthy.broken()).isEmpty();
      assertThat(healthy.runningState()).isEqualTo("Running");
      assertThat(healthy.containers()).singleElement().satisfies(c -> {
        assertThat(c.ready()).isTrue();
        assertThat(c.runningState()).isEqualTo("Running");
      });

      azure.emulator.runtime().crash("sale-h");

      // The runtime learns of the crash when the container's end is noticed, not at the kill.
      RevisionHealth crashed =
          await().atMost(Duration.ofSeconds(10))
              .until(() -> adapter.revisionHealth("sale-h", revision), h -> !h.healthState().equals("Healthy"));
      assertThat(crashed.healthState()).isEqualTo("Unhealthy");
      assertThat(crashed.restarts()).isEqualTo(1);
      assertThat(crashed.containers().get(0).runningState()).isEqualTo("Waiting");
      assertThat(crashed.broken()).hasValueSatisfying(why -> assertThat(why).startsWith("revision Unhealthy/Degraded"));
    }
  }
}
