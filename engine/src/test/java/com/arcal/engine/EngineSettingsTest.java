package com.arcal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EngineSettingsTest {

  @Test
  void fromEnv_withNothingSet_usesDefaults() {
    assertThat(EngineSettings.fromEnv(Map.of())).isEqualTo(new EngineSettings("0.0.0.0", 50051, 3000));
  }

  @Test
  void fromEnv_readsAllThreeVariables() {
    EngineSettings settings = EngineSettings.fromEnv(Map.of("BIND_HOST", "127.0.0.1", "GRPC_PORT", "9001", "PORT", "9000"));

    assertThat(settings).isEqualTo(new EngineSettings("127.0.0.1", 9001, 9000));
  }

  @Test
  void fromEnv_treatsEmptyValuesAsUnset() {
    assertThat(EngineSettings.fromEnv(Map.of("PORT", " ", "BIND_HOST", "")))
        .isEqualTo(new EngineSettings("0.0.0.0", 50051, 3000));
  }

  @ParameterizedTest
  @CsvSource({"PORT, abc", "PORT, -1", "GRPC_PORT, 65536", "GRPC_PORT, 1.5"})
  void fromEnv_withBadPort_namesTheVariable(String variable, String value) {
    assertThatThrownBy(() -> EngineSettings.fromEnv(Map.of(variable, value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(variable + " ")
        .hasMessageContaining(value);
  }

  @Test
  void sameNonZeroPortForBoth_isRefused() {
    assertThatThrownBy(() -> EngineSettings.fromEnv(Map.of("PORT", "7000", "GRPC_PORT", "7000")))
        .hasMessageContaining("GRPC_PORT and PORT must differ");
  }

  @Test
  void ephemeralLoopback_bindsLoopbackOnPortZero() {
    assertThat(EngineSettings.ephemeralLoopback()).isEqualTo(new EngineSettings("127.0.0.1", 0, 0));
  }

  @Test
  void fromEnv_readsTheToken_andToStringNeverShowsIt() {
    EngineSettings settings = EngineSettings.fromEnv(Map.of("ARCAL_ENGINE_TOKEN", "a-secret-token-0123456789"));

    assertThat(settings.hasToken()).isTrue();
    assertThat(settings.token()).isEqualTo("a-secret-token-0123456789");
    assertThat(settings.toString()).doesNotContain("a-secret-token-0123456789").contains("token=(set)");
    assertThat(EngineSettings.fromEnv(Map.of()).hasToken()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"short-token", "'a token with spaces 0123456789'", "'tab\ttoken-0123456789abc'"})
  void fromEnv_withABadToken_namesTheVariableButNotTheValue(String token) {
    assertThatThrownBy(() -> EngineSettings.fromEnv(Map.of("ARCAL_ENGINE_TOKEN", token)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("ARCAL_ENGINE_TOKEN ")
        .hasMessageNotContaining(token);
  }
}
