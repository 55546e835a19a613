package com.arcal.emulator.state;

import com.arcal.emulator.lro.Operation;
import java.util.List;

/**
 * One line of {@code arm-journal.jsonl}: the records one transaction changed, whole.
 *
 * @param apps apps written (created or changed)
 * @param removedApps names of apps removed
 * @param operations operations written
 * @param removedOperations ids of operations pruned
 * @param nextBindHost index of the next loopback address to try, after the transaction
 */
public record JournalEntry(
    List<AppRecord> apps,
    List<String> removedApps,
    List<Operation> operations,
    List<String> removedOperations,
    int nextBindHost) {

  public JournalEntry {
    apps = apps == null ? List.of() : List.copyOf(apps);
    removedApps = removedApps == null ? List.of() : List.copyOf(removedApps);
    operations = operations == null ? List.of() : List.copyOf(operations);
    removedOperations = removedOperations == null ? List.of() : List.copyOf(removedOperations);
  }
}
