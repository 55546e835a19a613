package com.arcal.controller.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arcal.controller.ArcalException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EngineSecretsTest {
  private final Map<String, Secret> inAzure = new HashMap<>();
  private final List<String> reads = new ArrayList<>();
  private final EngineSecrets secrets = new EngineSecrets((app, name) -> {
    reads.add(app + "/" + name);
    return Optional.ofNullable(inAzure.get(app));
  });

  @Test
  void aFreshValue_isRemembered_neverReadBack() {
    Secret fresh = secrets.fresh("sale-a");

    assertThat(secrets.current("sale-a")).isEqualTo(fresh);
    assertThat(secrets.forUpdate("sale-a", true)).isEqualTo(fresh);
    assertThat(reads).isEmpty();
  }

  @Test
  void anUnknownValue_isReadOnce_thenRemembered() {
    inAzure.put("sale-a", Secret.of("kept-in-azure-0123456789"));

    secrets.current("sale-a");
    secrets.forEngine("sale-a", true);
    secrets.forUpdate("sale-a", true);

    assertThat(secrets.current("sale-a")).isEqualTo(inAzure.get("sale-a"));
    assertThat(reads).containsExactly("sale-a/" + EngineSecrets.SECRET_NAME);
  }

  @Test
  void aRefusedValue_isReadAgain() {
    inAzure.put("sale-a", Secret.of("first-value-0123456789"));
    secrets.current("sale-a");
    inAzure.put("sale-a", Secret.of("changed-value-0123456789"));

    secrets.refused("sale-a");

    assertThat(secrets.current("sale-a")).isEqualTo(inAzure.get("sale-a"));
    assertThat(reads).hasSize(2);
  }

  @Test
  void anAppWithoutAToken_isCalledWithNone_andGetsAFreshOneWithItsUpdate() {
    assertThat(secrets.forEngine("sale-old", false)).isEmpty();
    Secret given = secrets.forUpdate("sale-old", false);

    assertThat(secrets.current("sale-old")).isEqualTo(given);
    assertThat(reads).isEmpty();
  }

  @Test
  void aTokenAzureDoesNotHave_isATransientFailure() {
    assertThatThrownBy(() -> secrets.current("sale-gone"))
        .isInstanceOfSatisfying(ArcalException.class, e -> assertThat(e.retryable()).isTrue());
  }

  @Test
  void generatedSecrets_are256RandomBits_andNeverPrinted() {
    SecureRandom random = new SecureRandom();
    Secret one = Secret.generate(random);
    Secret two = Secret.generate(random);

    assertThat(one.reveal()).hasSize(43).matches("[A-Za-z0-9_-]+");
    assertThat(one).isNotEqualTo(two);
    assertThat(one.toString()).isEqualTo("<secret>");
    assertThat(List.of(one).toString()).doesNotContain(one.reveal());
  }
}
