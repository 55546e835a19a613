package com.arcal.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arcal.bench.report.Figure;
import com.arcal.bench.report.Report;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the harness from rotting: one small cold convergence, end to end. */
class BenchSmokeTest {

  @Test
  void coldConvergence_ofFiveSales_reportsItsFigures(@TempDir Path out) throws Exception {
    BenchOptions options =
        new BenchOptions(List.of("cold"), List.of(5), Duration.ofMillis(500), 1000, Duration.ofSeconds(5), 1, 1,
            List.of(0), 1, 300, out, 1, 0, 5000);
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    Report report = Bench.run(options, new PrintStream(log, true, StandardCharsets.UTF_8));

    assertThat(report.notes()).isEmpty();
    assertThat(report.figures()).extracting(Figure::name)
        .contains("N=5 L=1s: time to all Running", "N=5 L=1s: ratio to bound", "N=5 L=1s: 429s received",
            "N=5 L=1s: provisioning done -> Running, p50", "N=5 L=1s: last provisioning done -> all Running");
    Figure time = report.figures().stream().filter(f -> f.name().endsWith("time to all Running")).findFirst()
        .orElseThrow();
    assertThat(time.value()).isPositive().isLessThan(20);
    assertThat(report.figures()).filteredOn(f -> f.name().endsWith("429s received"))
        .singleElement().extracting(Figure::value).isEqualTo(0.0);
  }

  @Test
  void multiSubscription_spreadsSalesOverTheSubscriptions_andReportsItsBound(@TempDir Path out) throws Exception {
    BenchOptions options =
        new BenchOptions(List.of("multisub"), List.of(6), Duration.ofMillis(500), 1000, Duration.ofSeconds(5), 1, 1,
            List.of(0), 1, 300, out, 2, 0, 5000);
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    Report report = Bench.run(options, new PrintStream(log, true, StandardCharsets.UTF_8));

    assertThat(report.notes()).isEmpty();
    assertThat(report.figures()).extracting(Figure::name)
        .contains("N=6 K=2 L=1s: time to all Running", "N=6 K=2 L=1s: ratio to bound");
    assertThat(report.figures()).filteredOn(f -> f.name().contains("sales placed on"))
        .extracting(Figure::value).containsExactly(3.0, 3.0);
    assertThat(BenchOptions.parse(new String[] {"--scenario", "multisub", "--subscriptions", "5"}).subscriptions())
        .isEqualTo(5);
  }

  @Test
  void options_parseTheDocumentedFlags() {
    BenchOptions o = BenchOptions.parse(new String[] {"--scenario", "cold", "--sizes", "100,1000,5000",
        "--latency", "13"});

    assertThat(o.scenarios()).containsExactly("cold");
    assertThat(o.sizes()).containsExactly(100, 1000, 5000);
    assertThat(o.latency()).isEqualTo(Duration.ofSeconds(13));
  }

  @Test
  void scale_runsOnlyWhenNamed() {
    BenchOptions named = BenchOptions.parse(new String[] {"--scenario", "scale", "--fleet", "2000"});

    assertThat(BenchOptions.defaults().runs("scale")).isFalse();
    assertThat(named.runs("scale")).isTrue();
    assertThat(named.fleetSize()).isEqualTo(2000);
  }

  @Test
  void scale_takesSubscriptionsEnvironmentsAndCores() {
    BenchOptions o = BenchOptions.parse(new String[] {"--scenario", "scale", "--fleet", "10000",
        "--subscriptions", "5", "--environments", "5", "--environment-cores", "2000"});

    assertThat(o.subscriptions()).isEqualTo(5);
    assertThat(o.scaleEnvironments()).isEqualTo(5);
    assertThat(o.environmentCores()).isEqualTo(2000);
    assertThat(BenchOptions.parse(new String[] {"--subscriptions", "3"}).scaleEnvironments()).isEqualTo(3);
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--subscriptions", "3", "--environments", "2"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--environments (2) must be at least --subscriptions (3)");
  }
}
