package com.arcal.controller.fake;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.ArmException;
import com.arcal.controller.azure.CoreUsage;
import com.arcal.controller.azure.EnvironmentId;
import com.arcal.controller.azure.EnvironmentUsages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one hand-written fake of {@link EnvironmentUsages}: an environment's usage is what Azure
 * would count, the cores of the apps of {@link FakeContainerApps} that live in it, plus cores
 * taken by someone else; reads are counted, failures injectable.
 */
public final class FakeEnvironmentUsages implements EnvironmentUsages {
  private final FakeContainerApps apps;
  private final Map<EnvironmentId, Double> limits = new HashMap<>();
  private final Map<EnvironmentId, Double> others = new HashMap<>();
  private final Map<EnvironmentId, ArmException> failures = new HashMap<>();
  private final List<EnvironmentId> reads = new ArrayList<>();

  public FakeEnvironmentUsages(FakeContainerApps apps) {
    this.apps = apps;
  }

  public synchronized FakeEnvironmentUsages limit(EnvironmentId env, double cores) {
    limits.put(env, cores);
    return this;
  }

  /** Cores used in {@code env} by apps that are not the controller's. */
  public synchronized FakeEnvironmentUsages takenByOthers(EnvironmentId env, double cores) {
    others.put(env, cores);
    return this;
  }

  /** Every read of {@code env} fails with {@code e} (null: reads succeed again). */
  public synchronized void failing(EnvironmentId env, ArmException e) {
    if (e == null) {
      failures.remove(env);
    } else {
      failures.put(env, e);
    }
  }

  public synchronized long reads(EnvironmentId env) {
    return reads.stream().filter(env::equals).count();
  }

  public synchronized long reads() {
    return reads.size();
  }

  @Override
  public synchronized CoreUsage read(EnvironmentId env) {
    reads.add(env);
    if (failures.containsKey(env)) {
      throw failures.get(env);
    }
    double used = others.getOrDefault(env, 0.0);
    for (AppObservation app : apps.all()) {
      if (app.environment().map(env::sameAs).orElse(false)) {
        used += app.cores();
      }
    }
    return new CoreUsage(env, used, limits.getOrDefault(env, 100.0));
  }
}
