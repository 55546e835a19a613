package com.arcal.api.sales;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.sale.SaleSpec;
import com.arcal.controller.status.SaleStatus;
import com.arcal.controller.status.StatusBoard;
import com.arcal.controller.store.InMemoryDesiredStateStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SalesListCacheTest {
  private final AppNaming naming = new AppNaming("sale-");
  private final StatusBoard board = new StatusBoard(Clock.systemUTC());
  private final InMemoryDesiredStateStore store = new InMemoryDesiredStateStore(naming);
  private final AtomicInteger renders = new AtomicInteger();
  private final SalesListCache cache =
      new SalesListCache(board, store, d -> {
        renders.incrementAndGet();
        return (d.version() + "/" + board.revision()).getBytes(StandardCharsets.UTF_8);
      });

  @Test
  void rendersOncePerBoardRevisionAndDesiredVersion() {
    byte[] first = cache.body();
    assertThat(cache.body()).isSameAs(first);
    assertThat(renders).hasValue(1);

    store.put(new SaleId("a"), SaleSpec.ofConfig(Map.of()), Optional.empty());
    byte[] afterWrite = cache.body();
    assertThat(afterWrite).isNotEqualTo(first);
    assertThat(renders).hasValue(2);

    SaleId a = new SaleId("a");
    board.update(a, SaleStatus.initial(a, "sale-a", 1, Instant.now()), s -> s);
    assertThat(cache.body()).isNotEqualTo(afterWrite);
    assertThat(cache.body()).isSameAs(cache.body());
    assertThat(renders).hasValue(3);
  }
}
