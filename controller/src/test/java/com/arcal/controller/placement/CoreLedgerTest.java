package com.arcal.controller.placement;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.controller.azure.ArmException;
import com.arcal.controller.azure.EnvironmentId;
import com.arcal.controller.fake.FakeContainerApps;
import com.arcal.controller.fake.FakeEnvironmentUsages;
import com.arcal.controller.sale.SaleId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoreLedgerTest {
  private static final EnvironmentId A = new EnvironmentId("sub-1", "rg-a", "env-a");
  private static final EnvironmentId B = new EnvironmentId("sub-2", "rg-b", "env-b");

  private final FakeEnvironmentUsages usages = new FakeEnvironmentUsages(new FakeContainerApps());
  private final List<SaleId> woken = new ArrayList<>();
  private final CoreLedger ledger = new CoreLedger(List.of(A, B), usages, woken::add);

  private static SaleId sale(String id) {
    return new SaleId(id);
  }

  @Test
  void place_choosesTheEnvironmentWithTheMostFreeCores_andChargesIt() {
    usages.limit(A, 10).takenByOthers(A, 4).limit(B, 10).takenByOthers(B, 5);
    ledger.refresh();

    assertThat(ledger.place(sale("s1"), 1)).contains(A); // 6 free against 5
    assertThat(ledger.place(sale("s2"), 1)).contains(A); // 5 against 5: the first listed
    assertThat(ledger.place(sale("s3"), 1)).contains(B); // 4 against 5
    assertThat(ledger.capacity()).extracting(EnvironmentCapacity::used).containsExactly(6.0, 6.0);
  }

  @Test
  void aClosedEnvironment_takesNoNewSale_butKeepsItsOwnAndSaysWhy() {
    CoreLedger ledger =
        new CoreLedger(List.of(A, B), Map.of(B, "engines not reachable"), usages, woken::add);
    usages.limit(A, 1).limit(B, 10);
    ledger.refresh();
    ledger.placedAt(sale("old"), B, 0.5);

    assertThat(ledger.place(sale("s1"), 1)).contains(A); // 1 free against 10, but B is closed
    assertThat(ledger.place(sale("s2"), 1)).as("waits, though B has room").isEmpty();
    assertThat(ledger.place(sale("old"), 0.5)).as("an existing sale never moves").contains(B);
    assertThat(ledger.capacity()).extracting(EnvironmentCapacity::open).containsExactly(true, false);
    assertThat(ledger.capacity().get(1).closed()).isEqualTo("engines not reachable");
    assertThat(ledger.shortage(1))
        .contains("env-a 1/1 cores used")
        .contains("env-b 0/10 cores used, closed to new sales (engines not reachable)");

    ledger.released(sale("s1"));
    assertThat(woken).containsExactly(sale("s2"));
  }

  @Test
  void place_isStable_aSaleKeepsItsEnvironment() {
    usages.limit(A, 10).limit(B, 10);
    ledger.refresh();
    EnvironmentId first = ledger.place(sale("s1"), 1).orElseThrow();

    assertThat(ledger.place(sale("s1"), 1)).contains(first);
    assertThat(ledger.capacity().stream().mapToDouble(EnvironmentCapacity::used).sum()).isEqualTo(1);
  }

  @Test
  void nothingIsPlaced_beforeUsageIsKnown_norOnAnEnvironmentWhoseReadFailed() {
    assertThat(ledger.place(sale("s1"), 0.5)).isEmpty();

    usages.limit(A, 10).limit(B, 10);
    usages.failing(A, ArmException.fromResponse("denied", 403, "AuthorizationFailed", null, null));
    ledger.refresh();

    assertThat(woken).containsExactly(sale("s1"));
    assertThat(ledger.place(sale("s1"), 0.5)).contains(B);
    assertThat(ledger.shortage(0.5)).contains("env-a usage unknown").contains("denied");
  }

  @Test
  void noRoom_salesWaitInLine_andAreWokenOldestFirstWhenCoresAreReleased() {
    usages.limit(A, 1).limit(B, 1);
    ledger.refresh();
    ledger.place(sale("s1"), 1);
    ledger.place(sale("s2"), 1);

    assertThat(ledger.place(sale("old"), 1)).isEmpty();
    assertThat(ledger.place(sale("young"), 1)).isEmpty();
    assertThat(ledger.place(sale("old"), 1)).isEmpty(); // asking again keeps its place
    assertThat(ledger.waiting()).containsExactly(sale("old"), sale("young"));
    assertThat(ledger.shortage(1))
        .isEqualTo("no environment has 1 cores free: env-a 1/1 cores used; env-b 1/1 cores used");

    ledger.released(sale("s2"));

    assertThat(woken).containsExactly(sale("old"));
    assertThat(ledger.place(sale("old"), 1)).contains(B);
    assertThat(ledger.waiting()).containsExactly(sale("young"));
  }

  @Test
  void aSmallerYoungerSale_fillsRoomTheOldestDoesNotFitIn() {
    usages.limit(A, 1).limit(B, 0);
    ledger.refresh();
    ledger.place(sale("s1"), 0.5);

    assertThat(ledger.place(sale("big"), 1)).isEmpty();
    assertThat(ledger.place(sale("small"), 0.5)).contains(A);
    assertThat(ledger.waiting()).containsExactly(sale("big"));
  }

  @Test
  void refusal_rereadsThatEnvironment_andKeepsItClosedToThatSizeThoughItsReportShowsRoom() {
    usages.limit(A, 2).limit(B, 1).takenByOthers(B, 1);
    ledger.refresh();
    assertThat(ledger.place(sale("s1"), 1)).contains(A);
    long reads = usages.reads(A);

    // Someone else took A's cores; its usage report does not show it yet.
    ledger.refused(sale("s1"), A, 1);

    assertThat(usages.reads(A)).isEqualTo(reads + 1);
    assertThat(ledger.place(sale("s1"), 1)).isEmpty();
    assertThat(ledger.place(sale("tiny"), 0.25)).contains(A);

    ledger.refresh(); // a resync believes the report again
    assertThat(ledger.place(sale("s1"), 1)).contains(A);
  }

  @Test
  void released_returnsTheCoresOfAnAppPlacedBeforeThisLedger_withoutChargingItTwice() {
    usages.limit(A, 1).takenByOthers(A, 1).limit(B, 0);
    ledger.refresh();
    ledger.placedAt(sale("old-app"), new EnvironmentId("SUB-1", "RG-A", "ENV-A"), 1);
    assertThat(ledger.place(sale("s1"), 1)).isEmpty();

    ledger.released(sale("old-app"));

    assertThat(woken).containsExactly(sale("s1"));
    assertThat(ledger.capacity().get(0).used()).isEqualTo(1);
    assertThat(ledger.capacity().get(0).sales()).isEqualTo(1);
  }

  @Test
  void aSaleNoLongerDesired_leavesTheLine() {
    usages.limit(A, 0).limit(B, 0);
    ledger.refresh();
    ledger.place(sale("s1"), 1);

    ledger.released(sale("s1"));

    assertThat(ledger.waiting()).isEmpty();
  }
}
