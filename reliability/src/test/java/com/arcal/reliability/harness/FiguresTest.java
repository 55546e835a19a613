package com.arcal.reliability.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class FiguresTest {
  @Test
  void nearestRankPercentiles() {
    List<Long> hundred = LongStream.rangeClosed(1, 100).boxed().toList();
    assertThat(Figures.at(hundred, 0.50)).isEqualTo(50);
    assertThat(Figures.at(hundred, 0.99)).isEqualTo(99);
    assertThat(Figures.at(List.of(7L), 0.99)).isEqualTo(7);
    assertThat(Figures.at(List.of(1L, 2L, 3L), 0.50)).isEqualTo(2);
  }
}
