package com.arcal.emulator;

import static com.arcal.emulator.RawArm.ENV_ID;
import static com.arcal.emulator.RawArm.RG;
import static com.arcal.emulator.RawArm.SUB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.arcal.emulator.runtime.ContainerRuntimes;
import com.arcal.emulator.runtime.RuntimeSettings;
import com.azure.core.management.Region;
import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.appcontainers.ContainerAppsApiManager;
import com.azure.resourcemanager.appcontainers.models.Configuration;
import com.azure.resourcemanager.appcontainers.models.Container;
import com.azure.resourcemanager.appcontainers.models.ContainerApp;
import com.azure.resourcemanager.appcontainers.models.ContainerAppProbe;
import com.azure.resourcemanager.appcontainers.models.ContainerAppProbeHttpGet;
import com.azure.resourcemanager.appcontainers.models.Ingress;
import com.azure.resourcemanager.appcontainers.models.IngressPortMapping;
import com.azure.resourcemanager.appcontainers.models.Replica;
import com.azure.resourcemanager.appcontainers.models.ReplicaContainer;
import com.azure.resourcemanager.appcontainers.models.Revision;
import com.azure.resourcemanager.appcontainers.models.RevisionHealthState;
import com.azure.resourcemanager.appcontainers.models.RevisionRunningState;
import com.azure.resourcemanager.appcontainers.models.Scale;
import com.azure.resourcemanager.appcontainers.models.Template;
import com.azure.resourcemanager.appcontainers.models.Type;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Probes declared through the real SDK, run by the emulator on reference engines inside this JVM
 * (the in-process runtime): the engine's {@code /healthz}, and probes sent to a health endpoint
 * the test controls ({@code httpGet.host}), so that readiness and liveness can fail on demand.
 */
class ProbesSdkIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dataDir;
  private Emulator emulator;
  private ContainerAppsApiManager sdk;
  private HttpServer health;
  /** The status the test's health endpoint answers. */
  private final AtomicInteger healthStatus = new AtomicInteger(200);

  @BeforeEach
  void start() throws IOException {
    RuntimeSettings runtime = new RuntimeSettings(RuntimeSettings.Mode.IN_PROCESS, dataDir, Map.of(),
        Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofSeconds(1));
    emulator = Emulator.start(
        EmulatorSettings.builder(dataDir).delays(Duration.ofMillis(100), Duration.ofMillis(100)).build(),
        ContainerRuntimes.create(runtime));
    sdk = SdkClients.manager(emulator, SUB);
    health = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    health.createContext("/", exchange -> {
      exchange.sendResponseHeaders(healthStatus.get(), -1);
      exchange.close();
    });
    health.start();
  }

  @AfterEach
  void stop() {
    health.stop(0);
    emulator.close();
  }

  private static ContainerAppProbe probe(Type type, ContainerAppProbeHttpGet get, int failureThreshold) {
    return new ContainerAppProbe().withType(type).withHttpGet(get).withPeriodSeconds(1).withTimeoutSeconds(1)
        .withFailureThreshold(failureThreshold).withTerminationGracePeriodSeconds(type == Type.READINESS ? null : 1L);
  }

  private static ContainerAppProbeHttpGet engineHealthz() {
    return new ContainerAppProbeHttpGet().withPath("/healthz").withPort(3000);
  }

  private ContainerAppProbeHttpGet testEndpoint() {
    return new ContainerAppProbeHttpGet().withHost("127.0.0.1").withPath("/health")
        .withPort(health.getAddress().getPort());
  }

  private ContainerApp create(String name, List<ContainerAppProbe> probes) {
    return sdk.containerApps().define(name)
        .withRegion(Region.EUROPE_WEST)
        .withExistingResourceGroup(RG)
        .withManagedEnvironmentId(ENV_ID)
        .withConfiguration(new Configuration().withIngress(new Ingress().withExternal(true).withTargetPort(3000)
            .withAdditionalPortMappings(List.of(new IngressPortMapping().withExternal(false).withTargetPort(50051)))))
        .withTemplate(new Template()
            .withContainers(List.of(new Container().withName("engine").withImage(ContainerRuntimes.ENGINE_IMAGE)
                .withProbes(probes)))
            .withScale(new Scale().withMinReplicas(1).withMaxReplicas(1)))
        .create();
  }

  private Revision revision(ContainerApp app) {
    return sdk.containerAppsRevisions().getRevision(RG, app.name(), app.latestRevisionName());
  }

  private ReplicaContainer container(ContainerApp app) {
    List<Replica> replicas =
        sdk.containerAppsRevisionReplicas().listReplicas(RG, app.name(), app.latestRevisionName()).value();
    return replicas.get(0).containers().get(0);
  }

  private boolean healthy(ContainerApp app) {
    Revision revision = revision(app);
    return revision.healthState() == RevisionHealthState.HEALTHY
        && revision.runningState() == RevisionRunningState.RUNNING
        && Boolean.TRUE.equals(container(app).ready());
  }

  @Test
  void theEnginesHealthz_passesStartupReadinessAndLiveness_andTheProbesAreEchoedAsSent() {
    ContainerApp app = create("probed", List.of(
        probe(Type.STARTUP, engineHealthz(), 10), probe(Type.READINESS, engineHealthz(), 3),
        probe(Type.LIVENESS, engineHealthz(), 3)));

    await().atMost(WAIT).until(() -> healthy(app));
    List<ContainerAppProbe> echoed =
        sdk.containerApps().getByResourceGroup(RG, "probed").template().containers().get(0).probes();
    assertThat(echoed).extracting(ContainerAppProbe::type)
        .containsExactly(Type.STARTUP, Type.READINESS, Type.LIVENESS);
    assertThat(echoed.get(2).httpGet().path()).isEqualTo("/healthz");
    assertThat(echoed.get(2).failureThreshold()).isEqualTo(3);
    assertThat(echoed.get(2).successThreshold()).as("not filled in: ARM echoes probes as sent").isNull();
    assertThat(container(app).restartCount()).isZero();
  }

  @Test
  void failingReadiness_makesTheReplicaNotReady_andTheRevisionUnhealthy_withoutARestart() {
    ContainerApp app = create("unready", List.of(probe(Type.READINESS, testEndpoint(), 1)));
    await().atMost(WAIT).until(() -> healthy(app));

    healthStatus.set(503);

    await().atMost(WAIT).until(() -> revision(app).healthState() == RevisionHealthState.UNHEALTHY);
    assertThat(container(app).ready()).isFalse();
    assertThat(container(app).runningState().toString()).isEqualTo("Running");
    healthStatus.set(200);
    await().atMost(WAIT).until(() -> healthy(app));
    assertThat(container(app).restartCount()).isZero();
  }

  @Test
  void failingLiveness_restartsTheReplica_andRaisesItsRestartCount() {
    ContainerApp app = create("unlively", List.of(probe(Type.LIVENESS, testEndpoint(), 2)));
    await().atMost(WAIT).until(() -> healthy(app));

    healthStatus.set(500);
    await().atMost(WAIT).until(() -> container(app).restartCount() >= 1);
    healthStatus.set(200);

    await().atMost(WAIT).until(() -> healthy(app));
    assertThat(container(app).runningStateDetails())
        .isEqualTo("Liveness probe failed: HTTP probe failed with statuscode: 500");
  }

  @Test
  void aProbeOutOfRange_isRefusedLikeAzure() {
    assertThatThrownBy(() -> create("refused", List.of(probe(Type.LIVENESS, engineHealthz(), 11))))
        .isInstanceOfSatisfying(ManagementException.class, e -> {
          assertThat(e.getResponse().getStatusCode()).isEqualTo(400);
          assertThat(e.getValue().getCode()).isEqualTo("ContainerAppProbeFailureThresholdOutOfRange");
        });
  }
}
