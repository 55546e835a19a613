package com.arcal.bench.rig;

import com.arcal.controller.azure.ArmConnection;
import com.arcal.controller.azure.AzureTarget;
import com.arcal.emulator.names.AppHosts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulator as a separate process (its {@code Main}, from this JVM's class path), so that this
 * JVM's memory is the orchestrator's alone. It prints one line naming its URL and certificate.
 */
public final class ChildEmulator implements ArmSite {
  private static final Path NICE = Path.of("/usr/bin/nice");
  private static final Pattern READY = Pattern.compile("ARM at (https://\\S+?),? .*certificate (\\S+?),");

  private final Process process;
  private final URI url;
  private final Path certificate;
  private final Path hostsFile;
  private final AzureTarget target = ArmSite.benchTarget();

  private ChildEmulator(Process process, URI url, Path certificate, Path hostsFile) {
    this.process = process;
    this.url = url;
    this.certificate = certificate;
    this.hostsFile = hostsFile;
  }

  /** An emulator running its engines in process ({@code EMULATOR_RUNTIME=inprocess}). */
  public static ChildEmulator start(Path dataDir, Duration latency) {
    return start(dataDir, latency, "inprocess");
  }

  /** An emulator whose engines run in {@code runtime} ({@code EMULATOR_RUNTIME}'s values). */
  public static ChildEmulator start(Path dataDir, Duration latency, String runtime) {
    return start(dataDir, latency, runtime, List.of(GROUP), EmulatedArm.ENVIRONMENT_CORES);
  }

  /**
   * An emulator with its engines in process, run at the machine's lowest CPU priority ({@code nice
   * -n 19}, where the machine has {@code nice}): Azure's control plane and its engines run on
   * Azure's machines, not on the orchestrator's; on a shared 2-core machine, this gives the
   * orchestrator the cores whenever it wants them, as if the emulator ran elsewhere.
   */
  public static ChildEmulator startBelowOthers(Path dataDir, Duration latency) {
    List<String> nice = Files.isExecutable(NICE) ? List.of(NICE.toString(), "-n", "19") : List.of();
    return start(nice, dataDir, latency, "inprocess", List.of(GROUP), EmulatedArm.ENVIRONMENT_CORES);
  }

  /**
   * The same, with these resource groups (each holding the environment, in every subscription) and
   * each environment's core quota ({@code EMULATOR_ENVIRONMENT_CORES}).
   */
  public static ChildEmulator start(
      Path dataDir, Duration latency, String runtime, List<String> groups, int environmentCores) {
    return start(List.of(), dataDir, latency, runtime, groups, environmentCores);
  }

  private static ChildEmulator start(
      List<String> prefix, Path dataDir, Duration latency, String runtime, List<String> groups,
      int environmentCores) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(prefix);
    command.addAll(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"), "com.arcal.emulator.Main"));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.put("EMULATOR_HTTPS_PORT", "0");
    env.put("EMULATOR_HTTP_PORT", "-1");
    env.put("EMULATOR_DATA_DIR", dataDir.toString());
    env.put("EMULATOR_RESOURCE_GROUPS", String.join(",", groups));
    env.put("EMULATOR_RUNTIME", runtime);
    env.put("EMULATOR_PROVISIONING_DELAY_MS", Long.toString(latency.toMillis()));
    env.put("EMULATOR_DELETION_DELAY_MS", Long.toString(latency.toMillis()));
    env.put("EMULATOR_PAGE_SIZE", Integer.toString(EmulatedArm.PAGE_SIZE));
    env.put("EMULATOR_ENVIRONMENT_CORES", Integer.toString(environmentCores));
    builder.redirectErrorStream(true);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the emulator process", e);
    }
    CompletableFuture<Matcher> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> drain(process, ready), "child-emulator-output");
    reader.setDaemon(true);
    reader.start();
    try {
      Matcher m = ready.get(60, TimeUnit.SECONDS);
      return new ChildEmulator(
          process, URI.create(m.group(1)), Path.of(m.group(2)), dataDir.resolve(AppHosts.FILE_NAME));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while the emulator started", e);
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new IllegalStateException("the emulator process did not start", e);
    }
  }

  /** Reads the child's output to the end, so that it never blocks on a full pipe. */
  private static void drain(Process process, CompletableFuture<Matcher> ready) {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        Matcher m = READY.matcher(line);
        if (!ready.isDone() && m.find()) {
          ready.complete(m);
        }
      }
    } catch (IOException e) {
      // the process ended
    }
    ready.completeExceptionally(new IllegalStateException("emulator exited before it was ready"));
  }

  @Override
  public ArmConnection connection() {
    return new ArmConnection(
        Optional.of(url), Optional.of(certificate), Optional.of(TOKEN), Optional.empty(), Duration.ofSeconds(30));
  }

  @Override
  public Path hostsFile() {
    return hostsFile;
  }

  @Override
  public AzureTarget target() {
    return target;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
