package com.arcal.controller.fake;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.AppRequest;
import com.arcal.controller.azure.ArmException;
import com.arcal.controller.azure.ContainerAppsPort;
import com.arcal.controller.azure.PortMapping;
import com.arcal.controller.azure.ProvisioningState;
import com.arcal.controller.azure.RevisionHealth;
import com.arcal.controller.secret.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one hand-written fake of {@link ContainerAppsPort}: apps in a map, operations completed
 * by the test ({@link #completeAll}), calls counted, failures injectable. Secrets are kept per app
 * as Azure keeps them: observations name the variables they feed, values come from
 * {@link #secret} only (counted as {@code "secrets <app>"}).
 */
public final class FakeContainerApps implements ContainerAppsPort {
  private final Map<String, AppObservation> apps = new TreeMap<>();
  private final Map<String, Map<String, Secret>> secrets = new TreeMap<>();
  private final List<String> calls = new ArrayList<>();
  private final AtomicInteger revisions = new AtomicInteger();
  /** Apps whose operation in flight changes tags only: it ends on the same revision. */
  private final Set<String> tagsOnly = new TreeSet<>();
  /** The engine's gRPC port as every app the controller creates maps it. */
  private static final List<PortMapping> GRPC_PORTS =
      List.of(new PortMapping(AppRequest.GRPC_PORT, AppRequest.GRPC_PORT, false));
  /** ARM's view of each app's revision health; healthy unless a test says otherwise. */
  private final Map<String, RevisionHealth> health = new TreeMap<>();
  private ArmException nextFailure;
  /** Every call fails with it while set (an ARM outage); cleared by {@link #endOutage}. */
  private ArmException outage;

  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  public synchronized long count(String prefix) {
    return calls.stream().filter(c -> c.startsWith(prefix)).count();
  }

  public synchronized void failNext(ArmException e) {
    nextFailure = e;
  }

  /** Every call fails with {@code e} until {@link #endOutage}. */
  public synchronized void outage(ArmException e) {
    outage = e;
  }

  public synchronized void endOutage() {
    outage = null;
  }

  /** Puts an app as if someone else had created it. */
  public synchronized void seed(AppObservation app) {
    apps.put(app.name(), app);
  }

  /** Every app, as Azure has it (not a call: not counted). */
  public synchronized List<AppObservation> all() {
    return List.copyOf(apps.values());
  }

  public synchronized Optional<AppObservation> app(String name) {
    return Optional.ofNullable(apps.get(name));
  }

  /** Finishes every in-flight operation: creations succeed, deletions remove. */
  public synchronized void completeAll() {
    for (AppObservation a : List.copyOf(apps.values())) {
      if (a.state() == ProvisioningState.DELETING) {
        apps.remove(a.name());
      } else if (a.state() == ProvisioningState.IN_PROGRESS) {
        String rev = tagsOnly.remove(a.name()) && !a.latestRevisionName().isEmpty()
            ? a.latestRevisionName()
            : a.name() + "--r" + revisions.incrementAndGet();
        apps.put(
            a.name(),
            new AppObservation(
                a.name(),
                a.tags(),
                ProvisioningState.SUCCEEDED,
                rev,
                a.name() + ".test.local",
                GRPC_PORTS,
                a.image(),
                a.env(),
                a.secretEnv(),
                a.environmentId(),
                a.cores(),
                a.cpu(),
                a.memory()));
      }
    }
  }

  /** Marks in-flight creations as Failed. */
  public synchronized void failAll() {
    apps.replaceAll(
        (k, a) -> a.state() == ProvisioningState.IN_PROGRESS ? a.withState(ProvisioningState.FAILED) : a);
  }

  public synchronized void removeOutOfBand(String name) {
    apps.remove(name);
    secrets.remove(name);
  }

  /** What Azure keeps for an app's secret, as the test sees it (not a call: not counted). */
  public synchronized Optional<Secret> storedSecret(String appName, String secretName) {
    return Optional.ofNullable(secrets.getOrDefault(appName, Map.of()).get(secretName));
  }

  /** Changes an app's secret behind the orchestrator's back (as {@code az containerapp secret set}). */
  public synchronized void setSecretOutOfBand(String appName, String secretName, Secret value) {
    secrets.computeIfAbsent(appName, n -> new TreeMap<>()).put(secretName, value);
  }

  private void record(String call) {
    calls.add(call);
    if (outage != null) {
      throw outage;
    }
    if (nextFailure != null) {
      ArmException e = nextFailure;
      nextFailure = null;
      throw e;
    }
  }

  @Override
  public synchronized List<AppObservation> list() {
    record("list");
    return List.copyOf(apps.values());
  }

  @Override
  public synchronized Optional<AppObservation> get(String appName) {
    record("get " + appName);
    return Optional.ofNullable(apps.get(appName));
  }

  @Override
  public synchronized AppObservation beginCreateOrUpdate(AppRequest request) {
    record("put " + request.name());
    tagsOnly.remove(request.name());
    AppObservation existing = apps.get(request.name());
    if (existing != null && existing.state().busy()) {
      throw ArmException.fromResponse("lock conflict", 409, "ContainerAppLockConflict", null, null);
    }
    AppObservation app =
        new AppObservation(
            request.name(),
            request.tags(),
            ProvisioningState.IN_PROGRESS,
            existing == null ? "" : existing.latestRevisionName(),
            // Azure answers the PUT with the app's FQDN and its configuration.
            request.name() + ".test.local",
            GRPC_PORTS,
            request.image(),
            request.env(),
            request.secretEnv().keySet(),
            request.environment().map(Object::toString).orElse(""),
            request.cores(),
            request.cpu(),
            request.memory());
    apps.put(request.name(), app);
    Map<String, Secret> values = new TreeMap<>();
    request.secretEnv().forEach((env, value) -> values.put(AppRequest.secretName(env), value));
    secrets.put(request.name(), values);
    return app;
  }

  /** Azure's PATCH of tags: an operation in flight that keeps the app's revision. */
  @Override
  public synchronized void beginUpdateTags(String appName, Map<String, String> tags) {
    record("tags " + appName);
    AppObservation a = apps.get(appName);
    if (a == null) {
      throw ArmException.fromResponse("app " + appName + " not found", 404, "ResourceNotFound", null, null);
    }
    if (a.state().busy()) {
      throw ArmException.fromResponse("lock conflict", 409, "ContainerAppLockConflict", null, null);
    }
    apps.put(appName, new AppObservation(a.name(), tags, ProvisioningState.IN_PROGRESS,
        a.latestRevisionName(), a.ingressFqdn(), a.additionalPorts(), a.image(), a.env(), a.secretEnv()));
    tagsOnly.add(appName);
  }

  @Override
  public synchronized void beginDelete(String appName) {
    record("delete " + appName);
    AppObservation a = apps.get(appName);
    if (a != null) {
      apps.put(appName, a.withState(ProvisioningState.DELETING));
    }
  }

  @Override
  public synchronized Optional<Secret> secret(String appName, String secretName) {
    record("secrets " + appName);
    if (!apps.containsKey(appName)) {
      throw ArmException.fromResponse("app " + appName + " not found", 404, "ResourceNotFound", null, null);
    }
    return Optional.ofNullable(secrets.getOrDefault(appName, Map.of()).get(secretName));
  }

  /** What ARM says of the app's revision health from now on (not a call: not counted). */
  public synchronized void revisionHealth(String appName, RevisionHealth value) {
    health.put(appName, value);
  }

  @Override
  public synchronized RevisionHealth revisionHealth(String appName, String revisionName) {
    record("health " + appName + " " + revisionName);
    return health.getOrDefault(appName, RevisionHealth.healthy());
  }

  @Override
  public synchronized void restartRevision(String appName, String revisionName) {
    record("restart " + appName + " " + revisionName);
  }
}
