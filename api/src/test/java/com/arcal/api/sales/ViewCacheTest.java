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

class ViewCacheTest {
  private final AppNaming naming = new AppNaming("sale-");
  private final StatusBoard board = new StatusBoard(
          Clock.systemUTC(), id -> SaleStatus.initial(id, naming.appName(id), 1, Instant.now()));
  private final InMemoryDesiredStateStore store = new InMemoryDesiredStateStore(naming);
  private final AtomicInteger renders = new AtomicInteger();
  private final ViewCache views = new ViewCache(board, store);

  private byte[] body() {
    return views.get("list", d -> {
      renders.incrementAndGet();
      return (d.version() + "/" + board.revision()).getBytes(StandardCharsets.UTF_8);
    }).body();
  }

  @Test
  void rendersOncePerBoardRevisionAndDesiredVersion() {
    byte[] first = body();
    assertThat(body()).isSameAs(first);
    assertThat(renders).hasValue(1);

    store.put(new SaleId("a"), SaleSpec.ofConfig(Map.of()), Optional.empty());
    byte[] afterWrite = body();
    assertThat(afterWrite).isNotEqualTo(first);
    assertThat(renders).hasValue(2);

    SaleId a = new SaleId("a");
    board.update(a, s -> s);
    assertThat(body()).isNotEqualTo(afterWrite);
    assertThat(body()).isSameAs(body());
    assertThat(renders).hasValue(3);
  }

  @Test
  void keysAreCachedApartAndCarryTheirVersion() {
    ViewCache.View a = views.get(new SaleId("a"), d -> new byte[] {1});
    ViewCache.View b = views.get(new SaleId("b"), d -> new byte[] {2});

    assertThat(views.get(new SaleId("a"), d -> new byte[] {9})).isSameAs(a);
    assertThat(b.body()).containsExactly(2);
    assertThat(a.version()).isEqualTo(store.snapshot().version());
  }
}
