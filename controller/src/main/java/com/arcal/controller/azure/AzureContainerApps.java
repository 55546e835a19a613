package com.arcal.controller.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.appcontainers.ContainerAppsApiManager;
import com.arcal.controller.secret.Secret;
import com.azure.resourcemanager.appcontainers.fluent.models.ContainerAppInner;
import com.azure.resourcemanager.appcontainers.fluent.models.SecretsCollectionInner;
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
import com.azure.resourcemanager.appcontainers.models.UserAssignedIdentity;
import com.azure.resourcemanager.appcontainers.models.Template;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@link ContainerAppsPort} on the real Azure SDK. Pointed at Azure or, unchanged, at the local
 * emulator: the difference is only in how the {@link ContainerAppsApiManager} was built.
 */
public final class AzureContainerApps implements ContainerAppsPort {
  private final ContainerAppsApiManager manager;
  private final AzureTarget target;

  public AzureContainerApps(ContainerAppsApiManager manager, AzureTarget target) {
    this.manager = manager;
    this.target = target;
  }

  @Override
  public List<AppObservation> list() {
    return call(
        "list apps",
        false,
        () -> {
          List<AppObservation> apps = new ArrayList<>();
          for (ContainerAppInner app :
              manager.serviceClient().getContainerApps().listByResourceGroup(target.resourceGroup())) {
            apps.add(observe(app));
          }
          return apps;
        });
  }

  @Override
  public Optional<AppObservation> get(String appName) {
    try {
      return call(
          "get app " + appName,
          false,
          () ->
              Optional.of(
                  observe(
                      manager
                          .serviceClient()
                          .getContainerApps()
                          .getByResourceGroup(target.resourceGroup(), appName))));
    } catch (ArmException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public AppObservation beginCreateOrUpdate(AppRequest request) {
    ContainerAppInner body = toInner(request);
    return call(
        "put app " + request.name(),
        true,
        () -> {
          // The poller sends the PUT when it is created; it is never polled: the operation's
          // progress is read from the app itself (provisioningState), which survives restarts.
          manager
              .serviceClient()
              .getContainerApps()
              .beginCreateOrUpdate(target.resourceGroup(), request.name(), body);
          return pending(request);
        });
  }

  @Override
  public void beginDelete(String appName) {
    call(
        "delete app " + appName,
        true,
        () -> manager.serviceClient().getContainerApps().beginDelete(target.resourceGroup(), appName));
  }

  @Override
  public void restartRevision(String appName, String revisionName) {
    call(
        "restart revision " + revisionName,
        true,
        () -> {
          manager
              .serviceClient()
              .getContainerAppsRevisions()
              .restartRevision(target.resourceGroup(), appName, revisionName);
          return null;
        });
  }

  @Override
  public Optional<Secret> secret(String appName, String secretName) {
    return call(
        "list secrets of app " + appName,
        false,
        () -> {
          SecretsCollectionInner secrets =
              manager.serviceClient().getContainerApps().listSecrets(target.resourceGroup(), appName);
          return secrets.value() == null
              ? Optional.<Secret>empty()
              : secrets.value().stream()
                  .filter(s -> secretName.equals(s.name()) && s.value() != null && !s.value().isEmpty())
                  .map(s -> Secret.of(s.value()))
                  .findFirst();
        });
  }

  private ContainerAppInner toInner(AppRequest request) {
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

  static AppObservation observe(ContainerAppInner app) {
    Ingress ingress = app.configuration() == null ? null : app.configuration().ingress();
    String fqdn = ingress == null ? "" : ingress.fqdn();
    String image = "";
    Map<String, String> env = new HashMap<>();
    Set<String> secretEnv = new HashSet<>();
    if (app.template() != null
        && app.template().containers() != null
        && !app.template().containers().isEmpty()) {
      Container first = app.template().containers().get(0);
      image = first.image();
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
        secretEnv);
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

  private static AppObservation pending(AppRequest request) {
    return new AppObservation(
        request.name(),
        request.tags(),
        ProvisioningState.IN_PROGRESS,
        "",
        "",
        List.of(),
        request.image(),
        request.env(),
        request.secretEnv().keySet());
  }

  /** Runs one SDK call and turns whatever it throws into an {@link ArmException}. */
  static <T> T call(String what, boolean write, Supplier<T> action) {
    try {
      return action.get();
    } catch (ArmException e) {
      throw e;
    } catch (HttpResponseException e) {
      throw fromResponse(what, e);
    } catch (RuntimeException e) {
      for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
        if (t instanceof BudgetExhaustedException refusal) {
          throw refusal; // our own budget refusal, wrapped by the SDK: nothing was sent
        }
      }
      // No answer: a write may or may not have been applied.
      throw ArmException.noAnswer(what + " failed without an answer: " + rootMessage(e), write, e);
    }
  }

  private static ArmException fromResponse(String what, HttpResponseException e) {
    HttpResponse response = e.getResponse();
    int status = response == null ? 0 : response.getStatusCode();
    String code = "";
    String message = e.getMessage();
    if (e instanceof ManagementException me && me.getValue() != null) {
      code = me.getValue().getCode();
      message = me.getValue().getMessage();
    }
    return ArmException.fromResponse(
        what + " failed: " + status + " " + code + ": " + message,
        status,
        code,
        response == null ? null : RetryAfter.parse(response.getHeaderValue("Retry-After")).orElse(null),
        e);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  /** Parses ARM's {@code Retry-After} (seconds). */
  static final class RetryAfter {
    private RetryAfter() {}

    static Optional<Duration> parse(String header) {
      if (header == null || header.isBlank()) {
        return Optional.empty();
      }
      try {
        return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim()))));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
  }
}
