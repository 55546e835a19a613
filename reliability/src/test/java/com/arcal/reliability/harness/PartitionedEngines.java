package com.arcal.reliability.harness;

import com.arcal.controller.engine.EngineAddress;
import com.arcal.controller.engine.EngineClient;
import com.arcal.controller.engine.EngineException;
import com.arcal.controller.engine.EngineView;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.secret.Secret;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A fault seam in the orchestrator's engine dialer: while an address is cut, every call to it
 * fails as an unreachable engine does (no answer) and its health watch breaks, while the engine
 * itself, and the platform that probes it, go on unaware. Cutting every address is a partition
 * between the orchestrator and its engines.
 */
public final class PartitionedEngines implements EngineClient {
  private record Watch(EngineAddress address, Consumer<Boolean> listener, AutoCloseable handle) {}

  private final EngineClient delegate;
  private volatile Predicate<EngineAddress> cut = a -> false;
  private final Set<Watch> watches = ConcurrentHashMap.newKeySet();

  public PartitionedEngines(EngineClient delegate) {
    this.delegate = delegate;
  }

  /** Cuts the addresses {@code which} accepts: their watches break at once. */
  public void cut(Predicate<EngineAddress> which) {
    this.cut = which;
    for (Watch w : Set.copyOf(watches)) {
      if (which.test(w.address()) && watches.remove(w)) {
        close(w.handle());
        w.listener().accept(false);
      }
    }
  }

  /** Cuts every address: the orchestrator is partitioned from all its engines. */
  public void cutAll() {
    cut(a -> true);
  }

  /** Ends every fault. */
  public void heal() {
    this.cut = a -> false;
  }

  private void check(EngineAddress address) {
    if (cut.test(address)) {
      throw new EngineException(
          "engine at " + address + " did not answer: UNAVAILABLE (network fault injected by the test)", true, null);
    }
  }

  @Override
  public EngineView start(EngineAddress address, Optional<Secret> token, SaleId saleId,
      Map<String, String> config, long generation) {
    check(address);
    return delegate.start(address, token, saleId, config, generation);
  }

  @Override
  public EngineView get(EngineAddress address, Optional<Secret> token) {
    check(address);
    return delegate.get(address, token);
  }

  @Override
  public EngineView stop(EngineAddress address, Optional<Secret> token, SaleId saleId) {
    check(address);
    return delegate.stop(address, token, saleId);
  }

  @Override
  public AutoCloseable watchHealth(EngineAddress address, Consumer<Boolean> listener) {
    if (cut.test(address)) {
      listener.accept(false);
      return () -> {};
    }
    AutoCloseable handle = delegate.watchHealth(address, listener);
    Watch watch = new Watch(address, listener, handle);
    watches.add(watch);
    return () -> {
      watches.remove(watch);
      handle.close();
    };
  }

  @Override
  public void connect(EngineAddress address) {
    if (!cut.test(address)) {
      delegate.connect(address);
    }
  }

  @Override
  public void forget(EngineAddress address) {
    delegate.forget(address);
  }

  @Override
  public void close() {
    delegate.close();
  }

  private static void close(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // a watch that cannot be cancelled is over anyway
    }
  }
}
