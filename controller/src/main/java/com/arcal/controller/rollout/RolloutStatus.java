package com.arcal.controller.rollout;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the fleet's rollouts stand, for {@code /plan}, {@code /rollout}, the status page and
 * {@code arcalctl}.
 *
 * @param state {@code Idle}, {@code Progressing}, {@code Paused} or {@code AwaitingConfirmation}
 * @param maxUnavailable the limit in force, in sales
 * @param updating sales updated by the rollout and not yet Running at their new generation
 * @param waiting sales whose update waits, with why
 * @param pause why the rollout stopped, null while it is not paused
 * @param restartsHeld sales whose restart the brake holds until {@code POST /disruptions/confirm}
 */
public record RolloutStatus(
    String state,
    int maxUnavailable,
    List<String> updating,
    List<Waiting> waiting,
    Pause pause,
    List<String> restartsHeld) {

  public RolloutStatus {
    Objects.requireNonNull(state, "state");
    updating = List.copyOf(updating);
    waiting = List.copyOf(waiting);
    restartsHeld = List.copyOf(restartsHeld);
  }

  public Optional<Pause> paused() {
    return Optional.ofNullable(pause);
  }

  /** A sale whose update waits: {@code reason} is its condition's reason. */
  public record Waiting(String saleId, String reason, String message) {}

  /**
   * A paused rollout: the sales that did not become Running in time keep their new spec, the
   * others keep their old one until {@code POST /rollout/resume}.
   */
  public record Pause(String reason, List<String> sales, Instant since) {
    public Pause {
      sales = List.copyOf(sales);
    }
  }
}
