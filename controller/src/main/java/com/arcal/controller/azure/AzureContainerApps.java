package com.arcal.controller.azure;

import com.arcal.controller.secret.Secret;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.appcontainers.ContainerAppsApiManager;
import com.azure.resourcemanager.appcontainers.fluent.models.ContainerAppInner;
import com.azure.resourcemanager.appcontainers.fluent.models.ReplicaInner;
import com.azure.resourcemanager.appcontainers.fluent.models.RevisionInner;
import com.azure.resourcemanager.appcontainers.fluent.models.SecretsCollectionInner;
import com.azure.resourcemanager.appcontainers.models.ReplicaContainer;
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
            apps.add(AppBodies.observe(app));
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
                  AppBodies.observe(
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
    ContainerAppInner body = AppBodies.request(request, target);
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
          return AppBodies.pending(request);
        });
  }

  @Override
  public void beginUpdateTags(String appName, Map<String, String> tags) {
    // A merge patch with tags only: the template is untouched, so no new revision.
    ContainerAppInner body = new ContainerAppInner().withTags(new HashMap<>(tags));
    call(
        "patch tags of app " + appName,
        true,
        () -> manager.serviceClient().getContainerApps().beginUpdate(target.resourceGroup(), appName, body));
  }

  @Override
  public void beginDelete(String appName) {
    call(
        "delete app " + appName,
        true,
        () -> manager.serviceClient().getContainerApps().beginDelete(target.resourceGroup(), appName));
  }

  @Override
  public RevisionHealth revisionHealth(String appName, String revisionName) {
    return call(
        "read health of revision " + revisionName,
        false,
        () -> {
          RevisionInner revision =
              manager.serviceClient().getContainerAppsRevisions()
                  .getRevision(target.resourceGroup(), appName, revisionName);
          List<RevisionHealth.ContainerState> containers = new ArrayList<>();
          List<ReplicaInner> replicas =
              manager.serviceClient().getContainerAppsRevisionReplicas()
                  .listReplicas(target.resourceGroup(), appName, revisionName).value();
          for (ReplicaInner replica : replicas == null ? List.<ReplicaInner>of() : replicas) {
            for (ReplicaContainer c : replica.containers() == null ? List.<ReplicaContainer>of() : replica.containers()) {
              containers.add(new RevisionHealth.ContainerState(
                  c.name() == null ? "" : c.name(),
                  Boolean.TRUE.equals(c.ready()),
                  Boolean.TRUE.equals(c.started()),
                  c.restartCount() == null ? 0 : c.restartCount(),
                  c.runningState() == null ? "" : c.runningState().toString(),
                  c.runningStateDetails()));
            }
          }
          return new RevisionHealth(
              revision.healthState() == null ? "" : revision.healthState().toString(),
              revision.runningState() == null ? "" : revision.runningState().toString(),
              revision.replicas() == null ? 0 : revision.replicas(),
              containers);
        });
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
