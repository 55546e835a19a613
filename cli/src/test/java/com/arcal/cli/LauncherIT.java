package com.arcal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The launcher script finds the shaded jar (built in package, before this runs) and passes exit codes on. */
class LauncherIT {
  private static final Path SCRIPT = Path.of("arcalctl").toAbsolutePath();

  @Test
  void launcher_runsTheJar_andKeepsItsExitCodes() throws Exception {
    assertThat(Files.isRegularFile(Path.of("target", "arcalctl.jar"))).as("target/arcalctl.jar").isTrue();
    Result version = run("bash", SCRIPT.toString(), "--version");
    assertThat(version.exit()).as(version.output()).isZero();
    assertThat(version.output()).contains("arcalctl 0.1.0");

    Result unreachable = run("bash", SCRIPT.toString(), "get", "sales", "--server", "http://127.0.0.1:1");
    assertThat(unreachable.exit()).isEqualTo(1);
    assertThat(unreachable.output()).contains("error: cannot reach the orchestrator at http://127.0.0.1:1");

    assertThat(run("bash", SCRIPT.toString(), "no-such-command").exit()).isEqualTo(2);
  }

  @Test
  void launcher_passesShellcheck() throws Exception {
    assumeTrue(installed("shellcheck"),
        "shellcheck is not installed; get it with: apt-get install shellcheck"
            + " (as root; bash .ci/run does it)");
    Result lint = run("shellcheck", "--format=gcc", SCRIPT.toString());
    assertThat(lint.output()).isEmpty();
    assertThat(lint.exit()).isZero();
  }

  private record Result(int exit, String output) {}

  private static Result run(String... command) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of(command));
    Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), output);
  }

  private static boolean installed(String tool) throws InterruptedException {
    try {
      return run(tool, "--version").exit() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
