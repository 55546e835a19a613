package com.arcal.controller.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppNamingTest {
  private final AppNaming naming = new AppNaming("sale-");

  @ParameterizedTest
  @ValueSource(strings = {"vente-01", "a", "x1", "abcdefghijklmnopqrstuvwxyz0"})
  void validIdsGiveAzureNames(String id) {
    assertThat(naming.appName(naming.parse(id))).isEqualTo("sale-" + id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Vente", "vente_01", "-a", "a-", "a--b", "vente 01", "é", "../x"})
  void invalidIdsAreRefusedWithTheRule(String id) {
    assertThatThrownBy(() -> naming.parse(id))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("lowercase");
  }

  @Test
  void tooLongForAzureStatesTheLengthRule() {
    assertThatThrownBy(() -> naming.parse("a".repeat(28)))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("2-32 characters")
        .satisfies(e -> assertThat(((InvalidSpecException) e).field()).isEqualTo("saleId"));
  }

  @Test
  void saleIdIsRecoveredFromOurNamesOnly() {
    assertThat(naming.saleIdOf("sale-vente-01")).contains(new SaleId("vente-01"));
    assertThat(naming.saleIdOf("other-app")).isEmpty();
    assertThat(naming.saleIdOf("sale-")).isEmpty();
  }

  @Test
  void specFieldsAreValidatedWithTheirName() {
    assertThatThrownBy(() -> new SaleSpec(null, null, "lots", null))
        .isInstanceOf(InvalidSpecException.class)
        .satisfies(e -> assertThat(((InvalidSpecException) e).field()).isEqualTo("cpu"));
    assertThatThrownBy(() -> new SaleSpec(null, null, null, "1GB"))
        .satisfies(e -> assertThat(((InvalidSpecException) e).field()).isEqualTo("memory"));
    assertThatThrownBy(() -> new SaleSpec(" ", null, null, null))
        .satisfies(e -> assertThat(((InvalidSpecException) e).field()).isEqualTo("image"));
  }
}
