package com.arcal.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
  private final DurationConverter converter = new DurationConverter();

  @Test
  void acceptsSecondsMinutesHours_andBareSeconds() {
    assertThat(converter.convert("90")).isEqualTo(Duration.ofSeconds(90));
    assertThat(converter.convert("60s")).isEqualTo(Duration.ofSeconds(60));
    assertThat(converter.convert("2M")).isEqualTo(Duration.ofMinutes(2));
    assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void rejectsOtherForms() {
    assertThatThrownBy(() -> converter.convert("1.5m")).isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("'1.5m' is not a duration");
    assertThatThrownBy(() -> converter.convert("-3s")).isInstanceOf(TypeConversionException.class);
  }
}
