package com.arcal.controller.engine;

import com.arcal.controller.sale.SaleId;
import com.arcal.controller.secret.Secret;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Talks to sale engines over their internal gRPC port. Every call has a deadline; failures are
 * {@link EngineException}s. Implementations cache one connection per address until
 * {@link #forget} is called for it. {@code SaleEngine} calls present the engine's own token
 * (the engine refuses any other with {@link EngineUnauthenticatedException}), or none for an app
 * that has none (adopted from before engines had tokens); health needs none.
 */
public interface EngineClient extends AutoCloseable {

  /** Sends {@code StartSale}; idempotent on the engine for the same sale and generation. */
  EngineView start(
      EngineAddress address, Optional<Secret> token, SaleId saleId, Map<String, String> config, long generation);

  /** Sends {@code GetSale}. */
  EngineView get(EngineAddress address, Optional<Secret> token);

  /** Sends {@code StopSale} for that sale. */
  EngineView stop(EngineAddress address, Optional<Secret> token, SaleId saleId);

  /**
   * Watches the engine's gRPC health. The listener gets {@code true} when it reports SERVING,
   * {@code false} when it reports anything else or the watch breaks (after a break the watch is
   * over: watch again to resume). A stream the engine's side ends cleanly is not a break: the
   * watch goes on over a new stream. Returns a handle that cancels the watch.
   */
  AutoCloseable watchHealth(EngineAddress address, Consumer<Boolean> listener);

  /**
   * Opens the connection to that address ahead of the first call, if it is not open; returns at
   * once. An engine not listening yet is retried on the connection's own backoff.
   */
  void connect(EngineAddress address);

  /** Closes the connection to that address, if any (its app is gone or moved). */
  void forget(EngineAddress address);

  @Override
  void close();
}
