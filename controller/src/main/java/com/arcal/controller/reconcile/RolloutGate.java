package com.arcal.controller.reconcile;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.rollout.RolloutSettings;
import com.arcal.controller.rollout.RolloutStatus;
import com.arcal.controller.rollout.RolloutStatus.Pause;
import com.arcal.controller.rollout.RolloutStatus.Waiting;
import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.sale.DesiredState;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.status.Phase;
import com.arcal.controller.status.SaleStatus;
import com.arcal.controller.status.StatusBoard;
import com.arcal.controller.status.StatusBoard.StatusChange;
import com.arcal.controller.store.DesiredStateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Rolls spec changes out to Running engines in waves (a sliding window, as a Deployment's
 * {@code maxUnavailable}): every update that would restart a live engine asks {@link #admit}
 * first. At most {@code maxUnavailable} sales are updating at once (updated, not yet Running at
 * their new generation); one that is not Running within the deadline pauses the rollout, and the
 * sales not yet updated keep their old spec until an operator resumes it. A sale with buyers
 * connected waits (idle ones go first) until its buyers leave, the buyer deadline passes, or an
 * operator forces it. Before all that, {@link RestartBrake} holds one change that would restart a
 * large part of the fleet until it is confirmed.
 *
 * <p>Nothing is stored: after a restart, the sales whose app carries their desired generation but
 * which are not Running yet are counted as updating again (first survey), and a rollout whose
 * sales still fail pauses again one deadline later. Updates of sales that are not Running (down
 * anyway) are not waves and go at once. What it reads of the fleet (owned apps, live engines,
 * restarts a change asks for) is {@link RolloutFleet}'s; the books below are its own.
 */
public final class RolloutGate {
  /** Condition of a sale whose update waits; its reason says for what. */
  public static final String UPDATE_HELD = "UpdateHeld";
  /** Condition of a sale that did not become Running within the deadline after its update. */
  public static final String UPDATE_FAILED = "UpdateFailed";

  /** The gate's answer: go now, or look again after {@code recheck}. */
  public record Verdict(boolean admitted, Duration recheck) {}

  private record Admission(long generation, Instant since) {}

  private final DesiredStateStore store;
  private final RolloutFleet fleet;
  private final StatusBoard board;
  private final RolloutSettings settings;
  private final Clock clock;
  private final Consumer<SaleId> enqueue;
  private final Duration recheck;
  private final RestartBrake brake;
  // Invariants (under this lock): a sale is in at most one of updating and waiting; every sale in
  // updating was admitted at the generation it records, or found updating by the first survey.
  private final Map<SaleId, Admission> updating = new TreeMap<>();
  private final Map<SaleId, Waiting> waiting = new TreeMap<>();
  private final Map<SaleId, Instant> buyerWaitSince = new HashMap<>();
  private final Set<SaleId> forced = new HashSet<>();
  private Pause pause;
  private boolean surveyedOnce;
  private int limit = 1;

  public RolloutGate(
      DesiredStateStore store,
      ObservedApps observed,
      Ownership ownership,
      AppSpecs specs,
      StatusBoard board,
      AppNaming naming,
      RolloutSettings settings,
      Clock clock,
      Consumer<SaleId> enqueue,
      Duration recheck) {
    this.store = store;
    this.fleet = new RolloutFleet(observed, ownership, specs, board, naming);
    this.board = board;
    this.settings = settings;
    this.clock = clock;
    this.enqueue = enqueue;
    this.recheck = recheck;
    this.brake = new RestartBrake(settings.maxRestarts(), settings.maxRestartShare());
    board.subscribe(this::statusChanged);
  }

  /**
   * Whether the sale's app may be updated to {@code sale}'s spec now, its engine having
   * {@code connected} buyers (0 when it is not Running).
   */
  public Verdict admit(DesiredSale sale, AppObservation app, int connected) {
    Instant now = clock.instant();
    SaleId id = sale.id();
    synchronized (this) {
      if (!fleet.live(id, app)) {
        // Down anyway: not a wave. Still counted when it belongs to the rollout already (a spec
        // fixed after a pause), so that the fix does not add to what is not Running.
        if (updating.containsKey(id)) {
          updating.put(id, new Admission(sale.generation(), now));
        }
        return go(id);
      }
      DesiredState desired = survey(now);
      Admission admitted = updating.get(id);
      if (admitted != null && admitted.generation() == sale.generation()) {
        return go(id); // its write failed or went unanswered: this is its retry
      }
      if (pause != null) {
        return hold(id, "RolloutPaused", "the rollout is paused (" + pause.reason()
            + "); POST /rollout/resume (arcalctl rollout resume) once the spec is fixed", recheck);
      }
      if (!brake.mayRestart(
          RolloutFleet.key(id, sale.generation()), pendingRestarts(desired), fleet.running(desired))) {
        return hold(id, "RestartsHeld", "this change would restart " + brake.held().size()
            + " Running engines at once; held until POST /disruptions/confirm (arcalctl confirm-restarts)",
            recheck);
      }
      if (updating.size() >= limit) {
        return hold(id, "RolloutWaiting", updating.size() + " of at most " + limit
            + " sales updating; next when one is Running at its new generation", recheck);
      }
      if (connected > 0 && !forced.contains(id)) {
        Instant since = buyerWaitSince.computeIfAbsent(id, k -> now);
        Optional<Instant> until = settings.buyerWait().map(since::plus);
        if (until.isEmpty() || now.isBefore(until.get())) {
          Duration left = until.map(u -> Duration.between(now, u)).orElse(recheck);
          return hold(id, "BuyersConnected", connected + " buyers connected; updated "
              + until.map(u -> "at " + u + " or ").orElse("") + "when they leave, or on POST /rollout/force",
              left.compareTo(recheck) < 0 ? left : recheck);
        }
      }
      updating.put(id, new Admission(sale.generation(), now));
      return go(id);
    }
  }

  private Verdict go(SaleId id) {
    waiting.remove(id);
    buyerWaitSince.remove(id);
    forced.remove(id);
    board.update(id, s -> s.withoutCondition(UPDATE_HELD));
    return new Verdict(true, Duration.ZERO);
  }

  private Verdict hold(SaleId id, String reason, String message, Duration again) {
    waiting.put(id, new Waiting(id.value(), reason, message));
    board.update(id, s -> s.withCondition(UPDATE_HELD, true, reason, message, clock.instant()));
    return new Verdict(false, again);
  }

  /** Where rollouts stand (and whether one is late: this pauses it). */
  public synchronized RolloutStatus status() {
    survey(clock.instant());
    String state = pause != null ? "Paused"
        : !brake.held().isEmpty() ? "AwaitingConfirmation"
        : updating.isEmpty() && waiting.isEmpty() ? "Idle" : "Progressing";
    return new RolloutStatus(state, limit, updating.keySet().stream().map(SaleId::value).toList(),
        List.copyOf(waiting.values()), pause,
        brake.held().stream().map(RolloutFleet::saleOf).toList());
  }

  /**
   * Resumes a paused rollout: its late sales get a new deadline (those whose spec was fixed since
   * are updating at the new generation), the waiting ones are looked at again.
   */
  public synchronized boolean resume() {
    boolean wasPaused = pause != null;
    pause = null;
    Instant now = clock.instant();
    updating.replaceAll((id, a) -> new Admission(a.generation(), now));
    wakeWaiting();
    return wasPaused;
  }

  /** Updates now the sales waiting for their buyers (all of them when {@code sales} is empty). */
  public synchronized List<String> force(Set<String> sales) {
    List<String> forcedNow = new ArrayList<>();
    waiting.forEach((id, w) -> {
      if (w.reason().equals("BuyersConnected") && (sales.isEmpty() || sales.contains(id.value()))) {
        forced.add(id);
        forcedNow.add(id.value());
      }
    });
    forced.forEach(enqueue);
    return forcedNow;
  }

  /** Releases the restarts the brake holds now; returns their sales. */
  public synchronized SortedSet<String> confirmRestarts() {
    SortedSet<String> released = new TreeSet<>();
    brake.confirm().forEach(k -> released.add(RolloutFleet.saleOf(k)));
    wakeWaiting();
    return released;
  }

  private void wakeWaiting() {
    List.copyOf(waiting.keySet()).forEach(enqueue);
  }

  /** A sale updating became Running at its new generation: its slot goes to the next. */
  private void statusChanged(StatusChange change) {
    Optional<SaleStatus> after = change.after();
    if (after.isEmpty() || after.get().phase() != Phase.RUNNING) {
      return;
    }
    synchronized (this) {
      Admission a = updating.get(change.saleId());
      if (a != null && after.get().observedGeneration() >= a.generation()) {
        updating.remove(change.saleId());
        wakeWaiting();
      }
    }
    if (after.get().condition(UPDATE_FAILED).isPresent()) {
      board.update(change.saleId(), s -> s.withoutCondition(UPDATE_FAILED));
    }
  }

  /**
   * Brings the books up to date with the desired state and the board: forgets finished updates
   * and those of sales no longer desired, counts (first time) the sales found updating, pauses a late rollout.
   */
  private DesiredState survey(Instant now) {
    DesiredState desired = store.snapshot();
    limit = settings.maxUnavailable().of(desired.asMap().size());
    updating.entrySet().removeIf(e -> desired.sale(e.getKey())
        .map(s -> fleet.runningAt(e.getKey(), s.generation()))
        .orElse(true));
    // A sale updating whose spec changed again (the operator's fix after a pause) is still not
    // Running because of the rollout: it keeps its slot, with a new deadline.
    updating.replaceAll((id, a) -> {
      long generation = desired.sale(id).orElseThrow().generation();
      return generation == a.generation() ? a : new Admission(generation, now);
    });
    waiting.keySet().removeIf(id -> desired.sale(id).isEmpty());
    if (!surveyedOnce && !fleet.unobserved()) {
      surveyedOnce = true;
      desired.asMap().values().forEach(s -> fleet.app(s.id())
          .filter(a -> s.generation() > 1 && RolloutFleet.generationOf(a) == s.generation())
          .filter(a -> !fleet.runningAt(s.id(), s.generation()))
          .filter(a -> board.get(s.id()).map(st -> st.phase() != Phase.FAILED).orElse(true))
          .ifPresent(a -> updating.putIfAbsent(s.id(), new Admission(s.generation(), now))));
    }
    List<String> late = updating.entrySet().stream()
        .filter(e -> now.isAfter(e.getValue().since().plus(settings.deadline())))
        .map(e -> e.getKey().value())
        .toList();
    List<String> reported = pause == null ? List.of() : pause.sales();
    List<String> newlyLate = late.stream().filter(s -> !reported.contains(s)).toList();
    if (!newlyLate.isEmpty()) {
      // The whole wave is reported, as each of its sales passes the deadline.
      List<String> all = new ArrayList<>(reported);
      all.addAll(newlyLate);
      pause = new Pause(all.size() + " updated sales not Running " + settings.deadline().toSeconds()
          + " s after their update: " + String.join(", ", all), all, pause == null ? now : pause.since());
      String why = "not Running " + settings.deadline().toSeconds()
          + " s after its update; the rollout is paused, the sales not yet updated keep their spec";
      newlyLate.forEach(s -> board.update(new SaleId(s),
          st -> st.withCondition(UPDATE_FAILED, true, "RolloutDeadlineExceeded", why, now)));
    }
    return desired;
  }

  /** Restarts this change asks for; the brake forgets those it no longer asks for. */
  private Set<String> pendingRestarts(DesiredState desired) {
    Set<String> pending = fleet.pendingRestarts(desired);
    brake.retainPending(pending);
    return pending;
  }
}
