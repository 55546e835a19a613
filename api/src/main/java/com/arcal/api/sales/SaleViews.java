package com.arcal.api.sales;

import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.sale.DesiredState;
import com.arcal.controller.sale.SaleDefaults;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.sale.SaleSpec;
import com.arcal.controller.status.Phase;
import com.arcal.controller.status.SaleStatus;
import com.arcal.controller.status.StatusBoard;
import com.arcal.controller.store.UnknownSaleException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Joins desired state and status into what the API shows. A sale is listed when it is desired
 * (Pending until the controller has looked at it) or still on the status board (being deleted).
 */
public final class SaleViews {
  private final StatusBoard board;
  private final AppNaming naming;
  private final SaleDefaults defaults;

  public SaleViews(StatusBoard board, AppNaming naming, SaleDefaults defaults) {
    this.board = board;
    this.naming = naming;
    this.defaults = defaults;
  }

  public List<SaleSummary> list(DesiredState desired) {
    SortedSet<SaleId> ids = new TreeSet<>(desired.asMap().keySet());
    board.all().forEach(s -> ids.add(s.saleId()));
    List<SaleSummary> out = new ArrayList<>(ids.size());
    for (SaleId id : ids) {
      out.add(summary(id, desired.sale(id), board.get(id)));
    }
    return out;
  }

  public SaleSummary summary(SaleId id, DesiredState desired) {
    return summary(id, desired.sale(id), board.get(id));
  }

  /** The full view, or {@link UnknownSaleException} when the sale is neither desired nor on the board. */
  public SaleDetail detail(SaleId id, DesiredState desired) {
    Optional<DesiredSale> sale = desired.sale(id);
    Optional<SaleStatus> status = board.get(id);
    if (sale.isEmpty() && status.isEmpty()) {
      throw new UnknownSaleException(id);
    }
    return new SaleDetail(
        id.value(),
        appName(id, status),
        sale.map(s -> spec(s.spec())).orElse(null),
        sale.map(s -> spec(defaults.apply(s.spec()))).orElse(null),
        sale.map(DesiredSale::generation).orElse(null),
        status.map(SaleViews::status).orElseGet(SaleViews::pending));
  }

  /** The summary of a sale from its desired entry and a status (e.g. one just published). */
  public SaleSummary summary(SaleId id, Optional<DesiredSale> sale, Optional<SaleStatus> status) {
    Phase phase = status.map(SaleStatus::phase).orElse(Phase.PENDING);
    String wsUrl = phase == Phase.RUNNING ? status.get().wsUrl() : null;
    return new SaleSummary(
        id.value(),
        phase.display(),
        wsUrl,
        sale.map(DesiredSale::generation).orElse(null),
        appName(id, status));
  }

  private String appName(SaleId id, Optional<SaleStatus> status) {
    return status.map(SaleStatus::appName).filter(n -> n != null && !n.isEmpty())
        .orElseGet(() -> safeAppName(naming, id));
  }

  private static String safeAppName(AppNaming naming, SaleId id) {
    // A status can outlive a prefix change; its id may then not fit the rule any more.
    try {
      return naming.appName(id);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static SaleDetail.Spec spec(SaleSpec spec) {
    return new SaleDetail.Spec(spec.image(), spec.config(), spec.cpu(), spec.memory());
  }

  private static SaleDetail.Status status(SaleStatus s) {
    return new SaleDetail.Status(
        s.phase().display(),
        s.conditions().stream()
            .map(c -> new SaleDetail.Condition(c.type(), c.status(), c.reason(), c.message(),
                c.lastTransitionTime(), c.observedGeneration()))
            .toList(),
        s.phase() == Phase.RUNNING ? s.wsUrl() : null,
        s.lastError(),
        s.observedGeneration(),
        s.history().stream().map(h -> new SaleDetail.History(h.at(), h.action().display(), h.detail())).toList(),
        s.updatedAt());
  }

  private static SaleDetail.Status pending() {
    return new SaleDetail.Status(Phase.PENDING.display(), List.of(), null, null, 0, List.of(), null);
  }
}
