package com.arcal.emulator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcessMarkerTest {

  private final ProcessMarker marker = new ProcessMarker(Path.of("/srv/emu/./data"));

  @Test
  void mark_putsTheFlagsRightAfterTheJavaLauncher() {
    assertThat(marker.mark(List.of("/usr/bin/java", "-jar", "/x/arcal-engine.jar"), "sale-7"))
        .containsExactly("/usr/bin/java", "-Darcal.emulator.app=sale-7", "-Darcal.emulator.data=/srv/emu/data",
            "-jar", "/x/arcal-engine.jar");
  }

  @Test
  void mark_refusesACommandThatIsNotJava() {
    assertThatThrownBy(() -> marker.mark(List.of("/usr/bin/python3", "app.py"), "sale-7"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void appOf_readsTheAppFromArguments_onlyForThisDataFolder() {
    assertThat(marker.appOf(info("-Darcal.emulator.app=sale-7", "-Darcal.emulator.data=/srv/emu/data", "-jar", "e.jar")))
        .contains("sale-7");
    assertThat(marker.appOf(info("-Darcal.emulator.app=sale-7", "-Darcal.emulator.data=/srv/other", "-jar", "e.jar")))
        .isEmpty();
    assertThat(marker.appOf(info("-jar", "e.jar"))).isEmpty();
  }

  @Test
  void appOf_fallsBackToTheCommandLine_whenArgumentsAreUnknown() {
    ProcessHandle.Info joined = new FakeInfo(Optional.empty(),
        Optional.of("java -Darcal.emulator.app=sale-7 -Darcal.emulator.data=/srv/emu/data -jar e.jar"));

    assertThat(marker.appOf(joined)).contains("sale-7");
  }

  @Test
  void scan_findsNothingForAFreshDataFolder() {
    assertThat(new ProcessMarker(Path.of("/nonexistent/" + System.nanoTime())).scan()).isEmpty();
  }

  private static ProcessHandle.Info info(String... arguments) {
    return new FakeInfo(Optional.of(arguments), Optional.of("java " + String.join(" ", arguments)));
  }

  private record FakeInfo(Optional<String[]> arguments, Optional<String> commandLine) implements ProcessHandle.Info {

    @Override
    public Optional<String> command() {
      return Optional.of("java");
    }

    @Override
    public Optional<String> user() {
      return Optional.empty();
    }

    @Override
    public Optional<Instant> startInstant() {
      return Optional.empty();
    }

    @Override
    public Optional<Duration> totalCpuDuration() {
      return Optional.empty();
    }
  }
}
