package com.arcal.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.controller.reconcile.ControllerSettings.BrakeSettings;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeletionBrakeTest {
  private static final Set<String> SIX = Set.of("a", "b", "c", "d", "e", "f");

  @Test
  void deletionsNoLongerPending_areNeitherHeldNorReleasedLater() {
    DeletionBrake brake = new DeletionBrake(BrakeSettings.defaults());
    assertThat(brake.mayDelete("a", SIX, 6)).isFalse();
    assertThat(brake.held()).isEqualTo(SIX);

    brake.retainPending(Set.of()); // the desired state asks for every sale again
    assertThat(brake.held()).isEmpty();
    assertThat(brake.confirm()).isEmpty();

    // A later wave of the same deletions is judged afresh, not waved through.
    assertThat(brake.mayDelete("a", SIX, 6)).isFalse();
  }
}
