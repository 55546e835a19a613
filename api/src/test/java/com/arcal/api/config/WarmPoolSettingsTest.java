package com.arcal.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ARCAL_WARM_POOL_SIZE}: 0 by default, a bounded number, and only with a distinct prefix. */
class WarmPoolSettingsTest {
  @Test
  void noPoolByDefault() {
    assertThat(Settings.of(Map.of()).reconcile().warmPoolSize()).isZero();
  }

  @Test
  void aSizeIsRead() {
    assertThat(Settings.of(Map.of("ARCAL_WARM_POOL_SIZE", "10")).reconcile().warmPoolSize()).isEqualTo(10);
  }

  @Test
  void aBadSize_namesTheVariable() {
    assertThatThrownBy(() -> Settings.of(Map.of("ARCAL_WARM_POOL_SIZE", "many")))
        .isInstanceOf(SettingsException.class)
        .satisfies(e -> assertThat(((SettingsException) e).variable()).isEqualTo("ARCAL_WARM_POOL_SIZE"));
    assertThatThrownBy(() -> Settings.of(Map.of("ARCAL_WARM_POOL_SIZE", "1001")))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("0-1000");
  }

  @Test
  void aPrefixThatCouldNameAPoolApp_isRefused_onlyWithAPool() {
    assertThat(Settings.of(Map.of("ARCAL_APP_PREFIX", "p")).reconcile().warmPoolSize()).isZero();
    assertThatThrownBy(() -> Settings.of(Map.of("ARCAL_APP_PREFIX", "p", "ARCAL_WARM_POOL_SIZE", "2")))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("ARCAL_WARM_POOL_SIZE")
        .hasMessageContaining("ARCAL_APP_PREFIX");
  }
}
