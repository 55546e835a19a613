package com.arcal.controller.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.appcontainers.ContainerAppsApiManager;
import com.azure.resourcemanager.appcontainers.fluent.models.ContainerAppInner;
import com.azure.resourcemanager.appcontainers.models.ActiveRevisionsMode;
import com.azure.resourcemanager.appcontainers.models.Configuration;
import com.azure.resourcemanager.appcontainers.models.Container;
import com.azure.resourcemanager.appcontainers.models.ContainerResources;
import com.azure.resourcemanager.appcontainers.models.EnvironmentVar;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  private ContainerAppInner toInner(AppRequest request) {
    List<EnvironmentVar> env = new ArrayList<>();
    request.env().forEach((k, v) -> env.add(new EnvironmentVar().withName(k).withValue(v)));
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
    target
        .registry()
        .ifPresent(
            registry -> {
              // Pull with a user-assigned identity that has AcrPull and nothing else.
              app.withIdentity(
                  new ManagedServiceIdentity()
                      .withType(ManagedServiceIdentityType.USER_ASSIGNED)
                      .withUserAssignedIdentities(
                          Map.of(registry.identityId(), new UserAssignedIdentity())));
              configuration.withRegistries(
                  List.of(
                      new RegistryCredentials()
                          .withServer(registry.server())
                          .withIdentity(registry.identityId())));
            });
    return app;
  }

  static AppObservation observe(ContainerAppInner app) {
    String fqdn =
        app.configuration() != null && app.configuration().ingress() != null
            ? app.configuration().ingress().fqdn()
            : "";
    String image = "";
    Map<String, String> env = new HashMap<>();
    if (app.template() != null
        && app.template().containers() != null
        && !app.template().containers().isEmpty()) {
      Container first = app.template().containers().get(0);
      image = first.image();
      if (first.env() != null) {
        first.env().stream()
            .filter(v -> v.name() != null && v.value() != null)
            .forEach(v -> env.put(v.name(), v.value()));
      }
    }
    return new AppObservation(
        app.name(),
        app.tags(),
        ProvisioningState.parse(
            app.provisioningState() == null ? null : app.provisioningState().toString()),
        app.latestRevisionName(),
        fqdn,
        app.outboundIpAddresses(),
        image,
        env);
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
        request.env());
  }

  /** Runs one SDK call and turns whatever it throws into an {@link ArmException}. */
  private static <T> T call(String what, boolean write, Supplier<T> action) {
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
