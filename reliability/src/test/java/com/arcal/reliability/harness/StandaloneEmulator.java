package com.arcal.reliability.harness;

import static org.awaitility.Awaitility.await;

import com.arcal.emulator.arm.Environments;
import com.arcal.emulator.lro.Operation;
import com.arcal.emulator.names.EnvironmentHosts;
import com.arcal.emulator.state.StateSnapshot;
import com.arcal.emulator.state.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar emulator/target/arcal-emulator.jar} as its own process, so that the "cloud"
 * survives whatever happens to the orchestrator. Its URL and certificate are read from the line
 * it prints at start; its operations from its state file.
 */
public final class StandaloneEmulator implements AutoCloseable {
  private static final Pattern STARTED =
      Pattern.compile("ARM at (https://\\S+?),? .*certificate (\\S+?),");

  private final JavaProcess process;
  private final Path dataDir;
  public final String url;
  public final Path certificate;
  /**
   * Where the apps of {@link OrchestratorProcess#GROUP}'s environment are resolved by name from
   * inside it, as Azure scopes app names (the emulator keeps the file in its data folder).
   */
  public final Path hostsFile;

  public StandaloneEmulator(Path dataDir, Path log, Duration delay) {
    this.dataDir = dataDir.toAbsolutePath();
    this.hostsFile =
        EnvironmentHosts.file(this.dataDir, Environments.defaultDomain(OrchestratorProcess.GROUP));
    Map<String, String> env = new HashMap<>();
    env.put("EMULATOR_HTTPS_PORT", "0");
    env.put("EMULATOR_HTTP_PORT", "-1");
    env.put("EMULATOR_DATA_DIR", this.dataDir.toString());
    env.put("EMULATOR_RESOURCE_GROUPS", OrchestratorProcess.GROUP);
    env.put("EMULATOR_RUNTIME", "inprocess");
    env.put("EMULATOR_PROVISIONING_DELAY_MS", Long.toString(delay.toMillis()));
    env.put("EMULATOR_DELETION_DELAY_MS", Long.toString(delay.toMillis()));
    env.put("EMULATOR_ENGINE_JAR", Repo.jar("engine/target/arcal-engine.jar").toString());
    this.process = JavaProcess.start(List.of(), List.of("-Xmx512m"),
        Repo.jar("emulator/target/arcal-emulator.jar"), env, this.dataDir.getParent(), log);
    String[] found = new String[2];
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      Matcher m = STARTED.matcher(process.log());
      if (m.find()) {
        found[0] = m.group(1);
        found[1] = m.group(2);
        return true;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("emulator exited: " + process.log());
      }
      return false;
    });
    this.url = found[0];
    this.certificate = Path.of(found[1]);
  }

  /** The operations the emulator recorded (completed ones stay an hour), read from its files. */
  public List<Operation> operations() {
    return new StateStore(dataDir).load().map(StateSnapshot::operations).orElse(List.of());
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM, so that its shutdown hook stops the engines it runs; SIGKILL if that hangs. */
  @Override
  public void close() {
    process.process().destroy();
    try {
      if (!process.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.kill();
    }
  }
}
