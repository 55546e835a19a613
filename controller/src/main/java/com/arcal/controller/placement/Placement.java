package com.arcal.controller.placement;

import com.arcal.controller.azure.EnvironmentId;
import com.arcal.controller.sale.SaleId;
import java.util.List;
import java.util.Optional;

/**
 * Where sales' apps live, as a scheduler places pods on nodes: each new app goes to the managed
 * environment with the most free cores, an existing app never moves, and a sale for which no
 * environment has room waits (without any ARM call) until room appears, oldest first.
 *
 * <p>A sale that was waiting and is placed later is handed to the wake-up consumer given to the
 * implementation (the work queue), so the controller's next pass creates its app.
 */
public interface Placement {

  /**
   * The environment of the sale's new app: the one it was already given, else the one with the
   * most free cores, whose count is charged at once; empty when none has {@code cores} free (the
   * sale waits in line).
   */
  Optional<EnvironmentId> place(SaleId sale, double cores);

  /**
   * The sale's app exists in {@code environment} and asks {@code cores}: recorded so that its
   * cores are returned when it goes, without charging them again (ARM's usage counts it).
   */
  void placedAt(SaleId sale, EnvironmentId environment, double cores);

  /**
   * Azure refused the sale's app in {@code environment} for lack of cores (someone else took
   * them): that environment's usage is read again and it counts as unable to take {@code cores}
   * until cores are released in it or a resync reads it; the sale goes back in line at its place.
   */
  void refused(SaleId sale, EnvironmentId environment, double cores);

  /** The sale's app is gone, or the sale no longer waits: its cores are free again. */
  void released(SaleId sale);

  /** Reads every environment's usage from ARM again (at start and on every resync). */
  void refresh();

  /** Every environment as last known, in configuration order. */
  List<EnvironmentCapacity> capacity();

  /** Why {@code environment} takes no new sales; empty when it does, or is not one of ours. */
  default Optional<String> closedReason(EnvironmentId environment) {
    return capacity().stream()
        .filter(c -> c.environment().sameAs(environment) && !c.open())
        .map(EnvironmentCapacity::closed)
        .findFirst();
  }

  /** Why a sale asking {@code cores} cannot be placed, naming every environment's usage. */
  default String shortage(double cores) {
    StringBuilder words =
        new StringBuilder("no environment has ").append(Cores.format(cores)).append(" cores free:");
    String separator = " ";
    for (EnvironmentCapacity env : capacity()) {
      words.append(separator).append(env.describe());
      separator = "; ";
    }
    return words.toString();
  }
}
