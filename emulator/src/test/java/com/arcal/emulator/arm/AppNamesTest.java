package com.arcal.emulator.arm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppNamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"ab", "a1", "sale-42", "x-y-z", "abcdefghijklmnopqrstuvwxyz012345"})
  void valid(String name) {
    assertThat(AppNames.isValid(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "a",
        "1a",
        "-a",
        "a-",
        "a--b",
        "A1",
        "a_b",
        "a.b",
        "abcdefghijklmnopqrstuvwxyz0123456"
      })
  void invalid(String name) {
    assertThat(AppNames.isValid(name)).isFalse();
  }
}
