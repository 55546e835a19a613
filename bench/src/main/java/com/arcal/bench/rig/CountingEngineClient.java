package com.arcal.bench.rig;

import com.arcal.controller.engine.EngineAddress;
import com.arcal.controller.engine.EngineClient;
import com.arcal.controller.engine.EngineView;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.secret.Secret;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/** An {@link EngineClient} that counts the gRPC calls the controller makes through it. */
public final class CountingEngineClient implements EngineClient {
  /** The calls counted. */
  public enum Call {
    START,
    GET,
    STOP,
    WATCH
  }

  private final EngineClient delegate;
  private final Map<Call, LongAdder> counts = new EnumMap<>(Call.class);

  public CountingEngineClient(EngineClient delegate) {
    this.delegate = delegate;
    for (Call c : Call.values()) {
      counts.put(c, new LongAdder());
    }
  }

  public long count(Call call) {
    return counts.get(call).sum();
  }

  public long total() {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  @Override
  public EngineView start(
      EngineAddress address, Optional<Secret> token, SaleId saleId, Map<String, String> config, long generation) {
    counts.get(Call.START).increment();
    return delegate.start(address, token, saleId, config, generation);
  }

  @Override
  public EngineView get(EngineAddress address, Optional<Secret> token) {
    counts.get(Call.GET).increment();
    return delegate.get(address, token);
  }

  @Override
  public EngineView stop(EngineAddress address, Optional<Secret> token, SaleId saleId) {
    counts.get(Call.STOP).increment();
    return delegate.stop(address, token, saleId);
  }

  @Override
  public AutoCloseable watchHealth(EngineAddress address, Consumer<Boolean> listener) {
    counts.get(Call.WATCH).increment();
    return delegate.watchHealth(address, listener);
  }

  /** Not a call: no request is sent. */
  @Override
  public void connect(EngineAddress address) {
    delegate.connect(address);
  }

  @Override
  public void forget(EngineAddress address) {
    delegate.forget(address);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
