package com.arcal.controller.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.controller.fake.FakeContainerApps;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutedContainerAppsTest {
  private static final EnvironmentId A1 = new EnvironmentId("sub-1", "rg-a", "env-a1");
  private static final EnvironmentId A2 = new EnvironmentId("sub-1", "rg-a", "env-a2");
  private static final EnvironmentId B = new EnvironmentId("sub-2", "rg-b", "env-b");

  private final FakeContainerApps groupA = new FakeContainerApps();
  private final FakeContainerApps groupB = new FakeContainerApps();
  private final RoutedContainerApps routed =
      new RoutedContainerApps(
          List.of(
              new RoutedContainerApps.Route(A1, groupA),
              new RoutedContainerApps.Route(A2, groupA),
              new RoutedContainerApps.Route(B, groupB)));

  private static AppRequest app(String name) {
    return new AppRequest(name, "engine:1", "0.5", "1Gi", Map.of(), Map.of());
  }

  @Test
  void put_goesToTheGroupOfTheEnvironmentItsTagNames_elseToTheFirst() {
    routed.beginCreateOrUpdate(app("x").placedIn(new EnvironmentId("SUB-2", "RG-B", "ENV-B")));
    routed.beginCreateOrUpdate(app("y"));

    assertThat(groupB.app("x")).isPresent();
    assertThat(groupA.app("y")).isPresent();
  }

  @Test
  void list_coversEachResourceGroupOnce() {
    routed.beginCreateOrUpdate(app("x").placedIn(B));
    routed.beginCreateOrUpdate(app("y").placedIn(A2));

    assertThat(routed.list()).extracting(AppObservation::name).containsExactlyInAnyOrder("x", "y");
    assertThat(groupA.count("list")).isEqualTo(1);
    assertThat(groupB.count("list")).isEqualTo(1);
  }

  @Test
  void callsOnAnApp_goToTheGroupItWasSeenIn_lookingForItOnlyWhenUnknown() {
    groupB.beginCreateOrUpdate(app("x").placedIn(B)); // created by an earlier orchestrator

    assertThat(routed.get("x")).isPresent();
    routed.beginDelete("x");
    routed.get("x");

    assertThat(groupA.count("get")).isEqualTo(1); // looked for once, where it is not
    assertThat(groupB.count("delete x")).isEqualTo(1);
    assertThat(groupA.count("delete")).isZero();
  }

  @Test
  void aTagsPatch_goesToTheGroupTheAppLivesIn() {
    groupB.beginCreateOrUpdate(app("pool-1").placedIn(B));
    groupB.completeAll();
    routed.list();

    routed.beginUpdateTags("pool-1", Map.of("arcal-sale", "vente-01"));

    assertThat(groupB.count("tags pool-1")).isEqualTo(1);
    assertThat(groupB.app("pool-1").orElseThrow().tags()).containsEntry("arcal-sale", "vente-01");
    assertThat(groupA.count("tags")).isZero();
  }

  @Test
  void anUpdateWithoutTag_staysInTheGroupTheAppLivesIn() {
    groupB.beginCreateOrUpdate(app("old"));
    groupB.completeAll();
    routed.list();

    routed.beginCreateOrUpdate(app("old"));

    assertThat(groupB.count("put old")).isEqualTo(2);
    assertThat(groupA.app("old")).isEmpty();
  }
}
