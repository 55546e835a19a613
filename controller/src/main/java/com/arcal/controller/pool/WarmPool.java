package com.arcal.controller.pool;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.ArmException;
import com.arcal.controller.azure.ContainerAppsPort;
import com.arcal.controller.azure.ProvisioningState;
import com.arcal.controller.reconcile.AppPool;
import com.arcal.controller.reconcile.AppSpecs;
import com.arcal.controller.reconcile.ObservedApps;
import com.arcal.controller.reconcile.ObservedApps.Knowledge;
import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.sale.InvalidSpecException;
import com.arcal.controller.sale.SaleId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The warm pool's binding protocol: a new sale whose spec matches takes a ready pool app instead
 * of waiting for Azure to create one.
 *
 * <p>Binding is one ARM write, the app's tags (no new revision, no restart), made before the
 * engine is told anything. Whatever the moment of a crash, the app is then either free (the
 * PATCH was not applied: no sale id tag) or bound (it was: the sale id tag), never lost, and a
 * tag holds one sale id, so never bound twice. In this process, an app being claimed is held in
 * {@link #claiming} until its new tags are in {@link ObservedApps}, so two workers never pick the
 * same one. A PATCH without an answer leaves the app unknown: it is handed to nobody, and the
 * sale looks for it first ({@link #appOf}) until a read says whether it was bound.
 */
public final class WarmPool implements AppPool {
  /** Above this, a pool is a mistake rather than a choice (each idle engine is billed). */
  public static final int MAX_SIZE = 1000;

  private final ContainerAppsPort apps;
  private final ObservedApps observed;
  private final PoolMembers members;
  private final PoolSpec spec;
  private final AppSpecs specs;
  private final EngineCheck engineCheck;
  private final PoolNaming naming;
  private final AtomicInteger size = new AtomicInteger();
  /** Apps a worker is binding now. */
  private final Set<String> claiming = ConcurrentHashMap.newKeySet();
  /** Free apps whose engine failed its check: never handed out, replaced by the keeper. */
  private final Set<String> unhealthy = ConcurrentHashMap.newKeySet();
  /** Sales whose binding PATCH had no answer, and the app it went to. */
  private final Map<SaleId, String> unanswered = new ConcurrentHashMap<>();

  public WarmPool(
      ContainerAppsPort apps,
      ObservedApps observed,
      PoolMembers members,
      PoolSpec spec,
      AppSpecs specs,
      EngineCheck engineCheck,
      PoolNaming naming,
      int initialSize) {
    this.apps = apps;
    this.observed = observed;
    this.members = members;
    this.spec = spec;
    this.specs = specs;
    this.engineCheck = engineCheck;
    this.naming = naming;
    resize(initialSize);
  }

  public int size() {
    return size.get();
  }

  /** Changes how many free engines are kept; the keeper creates or deletes to match. */
  public void resize(int newSize) {
    if (newSize < 0 || newSize > MAX_SIZE) {
      throw new InvalidSpecException("size", "pool size must be between 0 and " + MAX_SIZE + ", was " + newSize);
    }
    if (newSize > 0) {
      naming.requireDistinct();
    }
    size.set(newSize);
  }

  /**
   * Binds a ready pool app to {@code sale} and returns it as now observed (its tags written, its
   * tag operation in flight), or empty when the sale's spec is not the pool's or no app is ready.
   * An app whose engine fails the check is set aside for replacement, never handed out.
   *
   * @throws ArmException when the PATCH failed: the app is free (refused) or unknown (no answer)
   */
  @Override
  public Optional<AppObservation> claim(DesiredSale sale) {
    if (size.get() == 0 || !spec.matches(sale)) {
      return Optional.empty();
    }
    String poolHash = spec.hash();
    List<AppObservation> ready = observed.named(PoolNaming.PREFIX).stream()
        .filter(a -> members.isReady(a, poolHash) && !unhealthy.contains(a.name()))
        .toList();
    for (AppObservation app : ready) {
      if (!claiming.add(app.name())) {
        continue;
      }
      try {
        if (!isStillReady(app.name(), poolHash)) {
          continue;
        }
        if (!engineCheck.idle(app)) {
          unhealthy.add(app.name());
          continue;
        }
        return Optional.of(bind(app, sale));
      } finally {
        claiming.remove(app.name());
      }
    }
    return Optional.empty();
  }

  private boolean isStillReady(String name, String poolHash) {
    return observed.lookup(name).app().map(a -> members.isReady(a, poolHash)).orElse(false);
  }

  private AppObservation bind(AppObservation app, DesiredSale sale) {
    Map<String, String> tags =
        members.bindingTags(app, sale.id(), specs.hash(sale), sale.generation());
    try {
      apps.beginUpdateTags(app.name(), tags);
    } catch (ArmException e) {
      if (e.outcomeUnknown()) {
        observed.uncertain(app.name());
        unanswered.put(sale.id(), app.name());
      }
      throw e;
    }
    AppObservation bound = new AppObservation(app.name(), tags, ProvisioningState.IN_PROGRESS,
        app.latestRevisionName(), app.ingressFqdn(), app.additionalPorts(), app.image(), app.env(),
        app.secretEnv());
    observed.observed(bound);
    unanswered.remove(sale.id());
    return bound;
  }

  /**
   * The pool app bound to {@code sale}, if any: the one whose binding is unanswered while it is
   * unknown (the sale's pass then reads it), else the one carrying the sale's id (a pool app
   * keeps that tag when the sale's spec changes later and its app is PUT again, without the pool
   * tag: it is the sale's now).
   */
  @Override
  public Optional<String> appOf(SaleId sale) {
    String pending = unanswered.get(sale);
    if (pending != null) {
      var lookup = observed.lookup(pending);
      if (lookup.knowledge() == Knowledge.UNKNOWN) {
        return Optional.of(pending);
      }
      unanswered.remove(sale);
    }
    return observed.carrying(sale.value()).stream()
        .filter(a -> members.saleOf(a).map(sale::equals).orElse(false))
        .filter(a -> a.name().startsWith(PoolNaming.PREFIX))
        .map(AppObservation::name)
        .findFirst();
  }

  /** Free apps found unhealthy; the keeper deletes them. */
  Set<String> unhealthy() {
    return unhealthy;
  }

  void replaced(String name) {
    unhealthy.remove(name);
  }

  /**
   * Holds a free app against claims while the keeper deletes it; false when a worker is binding
   * it (the keeper then leaves it alone). Release with {@link #release}.
   */
  boolean hold(String name) {
    return claiming.add(name);
  }

  void release(String name) {
    claiming.remove(name);
  }

  /** The pool as observed now. */
  public PoolView view() {
    String poolHash = spec.hash();
    int ready = 0;
    int provisioning = 0;
    int bound = 0;
    int replacing = 0;
    List<PoolView.App> list = new ArrayList<>();
    for (AppObservation a : observed.apps()) {
      if (!members.isMember(a)) {
        continue;
      }
      Optional<SaleId> sale = members.boundSale(a);
      list.add(new PoolView.App(a.name(), a.state().name(), sale.map(SaleId::value).orElse(null)));
      if (sale.isPresent()) {
        bound++;
      } else if (members.isReady(a, poolHash) && !unhealthy.contains(a.name())) {
        ready++;
      } else if (a.state() == ProvisioningState.IN_PROGRESS && poolHash.equals(a.tags().get(PoolMembers.POOL))) {
        provisioning++;
      } else {
        replacing++;
      }
    }
    list.sort(Comparator.comparing(PoolView.App::name));
    return new PoolView(size.get(), ready, provisioning, bound, replacing, list);
  }

  PoolSpec spec() {
    return spec;
  }

  PoolNaming naming() {
    return naming;
  }
}
