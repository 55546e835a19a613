package com.arcal.emulator.runtime;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** The real engine jar for process-mode tests, and helpers to look at the OS's processes. */
final class TestEngine {

  private TestEngine() {}

  /** {@code java -jar .../arcal-engine.jar}; skips the test when the jar was not built. */
  static List<String> command() {
    Optional<Path> jar = ContainerRuntimes.findEngineJar(System.getenv(), List.of(testClasses()));
    assumeTrue(jar.isPresent(),
        "engine/target/arcal-engine.jar is not built; build it with: ./mvnw -q -B -ntp -pl engine -am"
            + " package -DskipTests (a whole verify builds it first)");
    return List.of(ContainerRuntimes.javaCommand(), "-jar", jar.get().toString());
  }

  static Path testClasses() {
    try {
      return Path.of(TestEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A name no other test (or earlier run) uses, so that process searches by name are exact. */
  static String uniqueApp(String prefix) {
    return prefix + "-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
  }

  /** Live processes whose command line contains {@code text} (what {@code pgrep -f} finds). */
  static List<ProcessHandle> carrying(String text) {
    long self = ProcessHandle.current().pid();
    return ProcessHandle.allProcesses()
        .filter(process -> process.pid() != self && process.isAlive())
        .filter(process -> process.info().commandLine().map(line -> line.contains(text)).orElse(false))
        .toList();
  }

  static List<Long> pidsCarrying(String text) {
    return carrying(text).stream().map(ProcessHandle::pid).toList();
  }

  /** Sends a POSIX signal (STOP, CONT) with kill(1); Java has no API for these. */
  static void signal(long pid, String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
    }
  }
}
