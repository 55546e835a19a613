package com.arcal.emulator;

import static com.arcal.emulator.RawArm.ENV_ID;
import static com.arcal.emulator.RawArm.RG;
import static com.arcal.emulator.RawArm.SUB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arcal.emulator.runtime.ContainerSpec;
import com.arcal.emulator.runtime.ReplicaStatus;
import com.azure.core.management.Region;
import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.appcontainers.ContainerAppsApiManager;
import com.azure.resourcemanager.appcontainers.models.Configuration;
import com.azure.resourcemanager.appcontainers.models.Container;
import com.azure.resourcemanager.appcontainers.models.ContainerApp;
import com.azure.resourcemanager.appcontainers.models.ContainerAppProvisioningState;
import com.azure.resourcemanager.appcontainers.models.EnvironmentVar;
import com.azure.resourcemanager.appcontainers.models.Ingress;
import com.azure.resourcemanager.appcontainers.models.IngressPortMapping;
import com.azure.resourcemanager.appcontainers.models.IngressTransportMethod;
import com.azure.resourcemanager.appcontainers.models.Replica;
import com.azure.resourcemanager.appcontainers.models.Revision;
import com.azure.resourcemanager.appcontainers.models.RevisionHealthState;
import com.azure.resourcemanager.appcontainers.models.RevisionRunningState;
import com.azure.resourcemanager.appcontainers.models.Scale;
import com.azure.resourcemanager.appcontainers.models.Template;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Azure SDK against the emulator, as the orchestrator will use it. */
class ContainerAppsSdkIT {
  @TempDir Path dataDir;
  private FakeContainerRuntime runtime;
  private Emulator emulator;
  private ContainerAppsApiManager sdk;

  @BeforeEach
  void start() {
    runtime = new FakeContainerRuntime();
    emulator =
        Emulator.start(
            EmulatorSettings.builder(dataDir)
                .pageSize(2)
                .delays(Duration.ofMillis(100), Duration.ofMillis(100))
                .build(),
            runtime);
    sdk = SdkClients.manager(emulator, SUB);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private static Template template(String image) {
    return new Template()
        .withContainers(
            List.of(
                new Container()
                    .withName("engine")
                    .withImage(image)
                    .withEnv(List.of(new EnvironmentVar().withName("SALE_ID").withValue("s1")))))
        .withScale(new Scale().withMinReplicas(1).withMaxReplicas(1));
  }

  private ContainerApp create(String name, String image) {
    return sdk.containerApps()
        .define(name)
        .withRegion(Region.EUROPE_WEST)
        .withExistingResourceGroup(RG)
        .withTags(Map.of("arcal-sale", name))
        .withManagedEnvironmentId(ENV_ID)
        .withConfiguration(
            new Configuration()
                .withIngress(
                    new Ingress()
                        .withExternal(true)
                        .withTargetPort(3000)
                        .withTransport(IngressTransportMethod.AUTO)
                        .withAdditionalPortMappings(
                            List.of(
                                new IngressPortMapping()
                                    .withExternal(false)
                                    .withTargetPort(50051)
                                    .withExposedPort(50051)))))
        .withTemplate(template(image))
        .create();
  }

  @Test
  void createGetUpdateDelete_throughTheSdk() {
    ContainerApp created = create("sale-a", "arcal/engine:local");

    assertThat(created.provisioningState()).isEqualTo(ContainerAppProvisioningState.SUCCEEDED);
    assertThat(created.latestRevisionName()).matches("sale-a--[a-z0-9]{7}");
    assertThat(created.configuration().ingress().fqdn())
        .isEqualTo("sale-a.arcal-local.arcal.localhost");
    assertThat(created.configuration().ingress().transport().toString())
        .isEqualToIgnoringCase("auto");
    assertThat(created.outboundIpAddresses()).containsExactly("127.0.0.1");
    ContainerSpec spec = runtime.ensured("sale-a").get(0);
    assertThat(spec.bindHost())
        .as("the app's name resolves to where its ports listen")
        .isEqualTo(new RawArm(emulator).addressOf("sale-a"))
        .matches("127\\.1\\.\\d+\\.\\d+");
    assertThat(spec.ports()).containsExactly(3000, 50051);
    assertThat(spec.env()).containsEntry("SALE_ID", "s1");

    ContainerApp fetched = sdk.containerApps().getByResourceGroup(RG, "sale-a");
    assertThat(fetched.tags()).containsEntry("arcal-sale", "sale-a");

    ContainerApp updated = fetched.update().withTemplate(template("arcal/engine:v2")).apply();
    assertThat(updated.provisioningState()).isEqualTo(ContainerAppProvisioningState.SUCCEEDED);
    assertThat(updated.latestRevisionName())
        .matches("sale-a--[a-z0-9]{7}")
        .isNotEqualTo(created.latestRevisionName());
    assertThat(runtime.ensured("sale-a"))
        .last()
        .satisfies(s -> assertThat(s.revisionName()).isEqualTo(updated.latestRevisionName()));

    sdk.containerApps().deleteByResourceGroup(RG, "sale-a");
    assertThat(runtime.removed()).containsExactly("sale-a");
    assertThatThrownBy(() -> sdk.containerApps().getByResourceGroup(RG, "sale-a"))
        .isInstanceOfSatisfying(
            ManagementException.class,
            e -> {
              assertThat(e.getResponse().getStatusCode()).isEqualTo(404);
              assertThat(e.getValue().getCode()).isEqualTo("ResourceNotFound");
            });
  }

  @Test
  void list_followsNextLinksAcrossPages() {
    RawArm arm = new RawArm(emulator);
    List<String> names = IntStream.range(0, 5).mapToObj(i -> "page-app-" + i).toList();
    names.forEach(n -> arm.put(RawArm.appPath(n), RawArm.appBody("arcal/engine:local")));
    emulator.stats().reset();

    List<String> listed =
        sdk.containerApps().listByResourceGroup(RG).stream()
            .map(ContainerApp::name)
            .collect(Collectors.toList());
    List<String> bySubscription =
        sdk.containerApps().list().stream().map(ContainerApp::name).toList();

    assertThat(listed).containsExactlyElementsOf(names);
    assertThat(bySubscription).containsExactlyElementsOf(names);
    assertThat(emulator.stats().count("GET", "containerAppsByResourceGroup", 200)).isEqualTo(3);
    assertThat(emulator.stats().count("GET", "containerAppsBySubscription", 200)).isEqualTo(3);
  }

  @Test
  void revisionsAndReplicas_showCrashLoopWhileAppStaysSucceeded() {
    ContainerApp app = create("sale-b", "arcal/engine:local");
    String revision = app.latestRevisionName();
    Revision healthy = sdk.containerAppsRevisions().getRevision(RG, "sale-b", revision);
    assertThat(healthy.healthState()).isEqualTo(RevisionHealthState.HEALTHY);
    assertThat(healthy.runningState()).isEqualTo(RevisionRunningState.RUNNING);
    assertThat(healthy.replicas()).isEqualTo(1);

    runtime.crash("sale-b");

    Revision crashed = sdk.containerAppsRevisions().getRevision(RG, "sale-b", revision);
    assertThat(crashed.healthState()).isEqualTo(RevisionHealthState.UNHEALTHY);
    assertThat(crashed.runningState()).isEqualTo(RevisionRunningState.DEGRADED);
    List<Replica> replicas =
        sdk.containerAppsRevisionReplicas().listReplicas(RG, "sale-b", revision).value();
    assertThat(replicas)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.containers().get(0).restartCount()).isEqualTo(1);
              assertThat(r.containers().get(0).runningState().toString()).isEqualTo("Waiting");
            });
    assertThat(sdk.containerApps().getByResourceGroup(RG, "sale-b").provisioningState())
        .isEqualTo(ContainerAppProvisioningState.SUCCEEDED);

    sdk.containerAppsRevisions().restartRevision(RG, "sale-b", revision);
    assertThat(runtime.restarted()).containsExactly("sale-b");
    assertThat(runtime.replica("sale-b").map(ReplicaStatus::state))
        .contains(ReplicaStatus.State.RUNNING);
    assertThat(
            sdk.containerAppsRevisions().listRevisions(RG, "sale-b").stream().map(Revision::name))
        .containsExactly(revision);
  }
}
