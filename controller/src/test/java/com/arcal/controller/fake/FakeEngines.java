package com.arcal.controller.fake;

import com.arcal.controller.engine.EngineAddress;
import com.arcal.controller.engine.EngineClient;
import com.arcal.controller.engine.EngineException;
import com.arcal.controller.engine.EngineUnauthenticatedException;
import com.arcal.controller.engine.EngineView;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.secret.Secret;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The one hand-written fake of {@link EngineClient}: one engine per address, reachable or not,
 * with health watchers the test can notify. An engine given a token ({@link #requireToken})
 * refuses calls presenting another, as the real engine does; the tokens presented are recorded.
 */
public final class FakeEngines implements EngineClient {
  private final Map<EngineAddress, EngineView> engines = new HashMap<>();
  private final Map<EngineAddress, Secret> required = new HashMap<>();
  private final Map<EngineAddress, Optional<Secret>> presented = new HashMap<>();
  private final Set<EngineAddress> unreachable = new HashSet<>();
  private final Set<EngineAddress> refusing = new HashSet<>();
  private final Set<EngineAddress> losingStartAnswers = new HashSet<>();
  private final Map<EngineAddress, List<Consumer<Boolean>>> watchers = new HashMap<>();
  private final List<String> calls = new ArrayList<>();

  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  public synchronized void unreachable(EngineAddress address, boolean down) {
    if (down) {
      unreachable.add(address);
    } else {
      unreachable.remove(address);
    }
  }

  /** The engine at {@code address} holds {@code token}: calls presenting another are refused. */
  public synchronized void requireToken(EngineAddress address, Secret token) {
    required.put(address, token);
  }

  /** The token last presented to the engine at {@code address} (empty: none, or no call yet). */
  public synchronized Optional<Secret> presented(EngineAddress address) {
    return presented.getOrDefault(address, Optional.empty());
  }

  /** The engine answers but refuses StartSale (FAILED_PRECONDITION) while {@code refuse}. */
  public synchronized void refuseStarts(EngineAddress address, boolean refuse) {
    if (refuse) {
      refusing.add(address);
    } else {
      refusing.remove(address);
    }
  }

  /**
   * StartSale takes effect but its answer is lost (a deadline passed on a busy engine) while
   * {@code lose}.
   */
  public synchronized void loseStartAnswers(EngineAddress address, boolean lose) {
    if (lose) {
      losingStartAnswers.add(address);
    } else {
      losingStartAnswers.remove(address);
    }
  }

  /** The engine restarted: idle, its watchers told. */
  public void crash(EngineAddress address) {
    List<Consumer<Boolean>> toTell;
    synchronized (this) {
      engines.remove(address);
      toTell = List.copyOf(watchers.getOrDefault(address, List.of()));
      watchers.remove(address);
    }
    toTell.forEach(w -> w.accept(false));
  }

  private EngineView view(EngineAddress address, Optional<Secret> token, String call) {
    calls.add(call + " " + address);
    if (unreachable.contains(address)) {
      throw new EngineException(call + " to " + address + ": UNAVAILABLE", true, null);
    }
    presented.put(address, token);
    Secret expected = required.get(address);
    if (expected != null && !token.equals(Optional.of(expected))) {
      throw new EngineUnauthenticatedException(call + " to " + address + ": UNAUTHENTICATED", null);
    }
    return engines.getOrDefault(
        address, new EngineView("", EngineView.State.IDLE, 0, null, 0, ""));
  }

  @Override
  public synchronized EngineView start(
      EngineAddress address, Optional<Secret> token, SaleId saleId, Map<String, String> config, long generation) {
    EngineView current = view(address, token, "start");
    if (refusing.contains(address)) {
      throw new EngineException("StartSale to engine " + address + " failed: FAILED_PRECONDITION"
          + " engine cannot start sales now", false, null);
    }
    if (current.state() == EngineView.State.RUNNING && !current.saleId().equals(saleId.value())) {
      throw new EngineException("FAILED_PRECONDITION", false, null);
    }
    EngineView running =
        new EngineView(saleId.value(), EngineView.State.RUNNING, generation, Instant.EPOCH, 0, "");
    engines.put(address, running);
    if (losingStartAnswers.contains(address)) {
      throw new EngineException("StartSale to " + address + ": DEADLINE_EXCEEDED", true, null);
    }
    return running;
  }

  /** The engine at {@code address} reports {@code count} buyers connected (its WebSockets). */
  public synchronized void buyers(EngineAddress address, int count) {
    EngineView v = engines.get(address);
    engines.put(address, new EngineView(v.saleId(), v.state(), v.generation(), v.startedAt(), count, v.message()));
  }

  @Override
  public synchronized EngineView get(EngineAddress address, Optional<Secret> token) {
    return view(address, token, "get");
  }

  @Override
  public synchronized EngineView stop(EngineAddress address, Optional<Secret> token, SaleId saleId) {
    EngineView current = view(address, token, "stop");
    EngineView stopped =
        new EngineView(current.saleId(), EngineView.State.STOPPED, current.generation(), null, 0, "");
    engines.put(address, stopped);
    return stopped;
  }

  @Override
  public synchronized AutoCloseable watchHealth(EngineAddress address, Consumer<Boolean> listener) {
    watchers.computeIfAbsent(address, a -> new ArrayList<>()).add(listener);
    return () -> {
      synchronized (FakeEngines.this) {
        List<Consumer<Boolean>> list = watchers.get(address);
        if (list != null) {
          list.remove(listener);
        }
      }
    };
  }

  /** Whether a health watch is open on that engine. */
  public synchronized boolean watched(EngineAddress address) {
    return !watchers.getOrDefault(address, List.of()).isEmpty();
  }

  @Override
  public synchronized void connect(EngineAddress address) {
    calls.add("connect " + address);
  }

  @Override
  public synchronized void forget(EngineAddress address) {
    calls.add("forget " + address);
  }

  @Override
  public void close() {}
}
