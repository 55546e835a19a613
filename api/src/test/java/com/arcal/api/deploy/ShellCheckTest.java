package com.arcal.api.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every shell script of the repository passes shellcheck: each {@code *.sh} and the CI entry
 * point. {@code .ci/run} installs shellcheck from Debian's packages; elsewhere, without it, the
 * test is skipped.
 */
class ShellCheckTest {
  private final Repo repo = Repo.locate();

  @Test
  void everyShellScriptPassesShellcheck() throws Exception {
    assumeTrue(shellcheckInstalled(),
        "shellcheck is not installed; get it with: apt-get install shellcheck"
            + " (as root; bash .ci/run does it)");
    List<String> command = new ArrayList<>(List.of("shellcheck", "--external-sources", "--format=gcc"));
    List<Path> scripts = new ArrayList<>(repo.files(".", ".sh"));
    scripts.add(repo.path(".ci/run"));
    scripts.forEach(s -> command.add(repo.relative(s)));

    Process process =
        new ProcessBuilder(command).directory(repo.root().toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("shellcheck finished").isTrue();
    assertThat(output).as("shellcheck findings in %s", command.subList(3, command.size())).isEmpty();
    assertThat(process.exitValue()).isZero();
  }

  private static boolean shellcheckInstalled() throws InterruptedException {
    try {
      Process probe = new ProcessBuilder("shellcheck", "--version").redirectErrorStream(true).start();
      probe.getInputStream().readAllBytes();
      return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
