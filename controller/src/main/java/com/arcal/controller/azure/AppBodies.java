package com.arcal.controller.azure;

import com.arcal.controller.sale.ResourceAmounts;
import com.arcal.controller.secret.Secret;
import com.azure.resourcemanager.appcontainers.fluent.models.ContainerAppInner;
import com.azure.resourcemanager.appcontainers.models.ActiveRevisionsMode;
import com.azure.resourcemanager.appcontainers.models.Configuration;
import com.azure.resourcemanager.appcontainers.models.Container;
import com.azure.resourcemanager.appcontainers.models.ContainerResources;
import com.azure.resourcemanager.appcontainers.models.EnvironmentVar;
import com.azure.resourcemanager.appcontainers.models.IdentitySettings;
import com.azure.resourcemanager.appcontainers.models.IdentitySettingsLifeCycle;
import com.azure.resourcemanager.appcontainers.models.Ingress;
import com.azure.resourcemanager.appcontainers.models.IngressPortMapping;
import com.azure.resourcemanager.appcontainers.models.IngressTransportMethod;
import com.azure.resourcemanager.appcontainers.models.ManagedServiceIdentity;
import com.azure.resourcemanager.appcontainers.models.ManagedServiceIdentityType;
import com.azure.resourcemanager.appcontainers.models.RegistryCredentials;
import com.azure.resourcemanager.appcontainers.models.Scale;
import com.azure.resourcemanager.appcontainers.models.Template;
import com.azure.resourcemanager.appcontainers.models.UserAssignedIdentity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The two directions of a container app's ARM body: the PUT the controller sends for an {@link
 * AppRequest} (one engine container, its probes and secrets, external WebSocket ingress and an
 * internal-only gRPC port, placed in the environment), and the {@link AppObservation} it reads
 * back from what ARM returns.
 */
final class AppBodies {
  private AppBodies() {}

  /** The body of the PUT that creates or updates the app {@code request} describes. */
  static ContainerAppInner request(AppRequest request, AzureTarget target) {
    List<EnvironmentVar> env = new ArrayList<>();
    request.env().forEach((k, v) -> env.add(new EnvironmentVar().withName(k).withValue(v)));
    request.secretEnv().keySet().forEach(k ->
        env.add(new EnvironmentVar().withName(k).withSecretRef(AppRequest.secretName(k))));
    env.sort((a, b) -> a.name().compareTo(b.name()));
    Ingress ingress =
        new Ingress()
            .withExternal(true)
            .withTargetPort(AppRequest.WEBSOCKET_PORT)
            .withTransport(IngressTransportMethod.AUTO)
            .withAdditionalPortMappings(
                List.of(
                    new IngressPortMapping()
                        .withExternal(false)
                        .withTargetPort(AppRequest.GRPC_PORT)
                        .withExposedPort(AppRequest.GRPC_PORT)));
    Container container =
        new Container()
            .withName("engine")
            .withImage(request.image())
            .withEnv(env)
            .withProbes(EngineProbes.all())
            .withResources(
                new ContainerResources()
                    .withCpu(Double.parseDouble(request.cpu()))
                    .withMemory(request.memory()));
    Configuration configuration =
        new Configuration().withActiveRevisionsMode(ActiveRevisionsMode.SINGLE).withIngress(ingress);
    if (!request.secretEnv().isEmpty()) {
      configuration.withSecrets(secrets(request));
    }
    ContainerAppInner app =
        new ContainerAppInner()
            .withLocation(target.location())
            .withTags(request.tags())
            .withManagedEnvironmentId(target.environmentId())
            .withConfiguration(configuration)
            .withTemplate(
                new Template()
                    .withContainers(List.of(container))
                    .withScale(new Scale().withMinReplicas(1).withMaxReplicas(1)));
    target.workloadProfileName().ifPresent(app::withWorkloadProfileName);
    target.registry().ifPresent(registry -> pullWith(registry, app, configuration));
    return app;
  }

  /**
   * Pull with a user-assigned identity that has AcrPull and nothing else, and that the sale's own
   * code cannot use: lifecycle {@code None} makes it available to no container, only to the
   * platform's image pull ("Managed identities in Azure Container Apps", Control managed identity
   * availability; {@code configuration.identitySettings}, api-version 2025-01-01).
   */
  private static void pullWith(
      AzureTarget.EngineRegistry registry, ContainerAppInner app, Configuration configuration) {
    app.withIdentity(
        new ManagedServiceIdentity()
            .withType(ManagedServiceIdentityType.USER_ASSIGNED)
            .withUserAssignedIdentities(Map.of(registry.identityId(), new UserAssignedIdentity())));
    configuration
        .withRegistries(
            List.of(
                new RegistryCredentials()
                    .withServer(registry.server())
                    .withIdentity(registry.identityId())))
        .withIdentitySettings(
            List.of(
                new IdentitySettings()
                    .withIdentity(registry.identityId())
                    .withLifecycle(IdentitySettingsLifeCycle.NONE)));
  }

  private static List<com.azure.resourcemanager.appcontainers.models.Secret> secrets(AppRequest request) {
    List<com.azure.resourcemanager.appcontainers.models.Secret> secrets = new ArrayList<>();
    request.secretEnv().forEach((k, v) -> secrets.add(
        new com.azure.resourcemanager.appcontainers.models.Secret()
            .withName(AppRequest.secretName(k))
            .withValue(v.reveal())));
    secrets.sort((a, b) -> a.name().compareTo(b.name()));
    return secrets;
  }

  /** What the controller reads of an app ARM returned. */
  static AppObservation observe(ContainerAppInner app) {
    Ingress ingress = app.configuration() == null ? null : app.configuration().ingress();
    String fqdn = ingress == null ? "" : ingress.fqdn();
    String image = "";
    String cpu = "";
    String memory = "";
    Map<String, String> env = new HashMap<>();
    Set<String> secretEnv = new HashSet<>();
    if (app.template() != null
        && app.template().containers() != null
        && !app.template().containers().isEmpty()) {
      Container first = app.template().containers().get(0);
      image = first.image();
      if (first.resources() != null) {
        cpu = first.resources().cpu() == null ? "" : ResourceAmounts.plainCpu(first.resources().cpu());
        memory = first.resources().memory() == null ? "" : first.resources().memory();
      }
      if (first.env() != null) {
        first.env().stream()
            .filter(v -> v.name() != null && v.value() != null)
            .forEach(v -> env.put(v.name(), v.value()));
        Set<String> secretNames = secretNames(app);
        first.env().stream()
            .filter(v -> v.name() != null && v.secretRef() != null && secretNames.contains(v.secretRef()))
            .forEach(v -> secretEnv.add(v.name()));
      }
    }
    return new AppObservation(
        app.name(),
        app.tags(),
        ProvisioningState.parse(
            app.provisioningState() == null ? null : app.provisioningState().toString()),
        app.latestRevisionName(),
        fqdn,
        additionalPorts(ingress),
        image,
        env,
        secretEnv,
        app.managedEnvironmentId(),
        cores(app),
        cpu,
        memory);
  }

  /** The vCPUs of the app's containers: what its one replica counts against the quota. */
  private static double cores(ContainerAppInner app) {
    if (app.template() == null || app.template().containers() == null) {
      return 0;
    }
    return app.template().containers().stream()
        .filter(c -> c.resources() != null && c.resources().cpu() != null)
        .mapToDouble(c -> c.resources().cpu())
        .sum();
  }

  /** The names of the app's secrets: a GET lists them, never their values. */
  private static Set<String> secretNames(ContainerAppInner app) {
    if (app.configuration() == null || app.configuration().secrets() == null) {
      return Set.of();
    }
    Set<String> names = new HashSet<>();
    app.configuration().secrets().forEach(s -> names.add(s.name()));
    return names;
  }

  /** Exposed ports as Azure defaults them: an entry without one is exposed on its target port. */
  private static List<PortMapping> additionalPorts(Ingress ingress) {
    if (ingress == null || ingress.additionalPortMappings() == null) {
      return List.of();
    }
    return ingress.additionalPortMappings().stream()
        .filter(m -> m.targetPort() > 0)
        .map(
            m ->
                new PortMapping(
                    m.targetPort(),
                    m.exposedPort() == null ? m.targetPort() : m.exposedPort(),
                    m.external()))
        .toList();
  }

  /** The app as the controller knows it right after sending its PUT. */
  static AppObservation pending(AppRequest request) {
    return new AppObservation(
        request.name(),
        request.tags(),
        ProvisioningState.IN_PROGRESS,
        "",
        "",
        List.of(),
        request.image(),
        request.env(),
        request.secretEnv().keySet(),
        request.environment().map(EnvironmentId::toString).orElse(""),
        request.cores(),
        request.cpu(),
        request.memory());
  }
}
