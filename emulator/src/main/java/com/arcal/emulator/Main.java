package com.arcal.emulator;

import com.arcal.emulator.runtime.ContainerRuntime;
import com.arcal.emulator.runtime.ContainerRuntimes;
import java.util.concurrent.CountDownLatch;

/**
 * Standalone emulator: {@code java -jar emulator/target/arcal-emulator.jar}, configured by {@code
 * EMULATOR_*} environment variables (see docs/emulator.md). Runs until killed; the shutdown hook
 * stops every container it started.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    EmulatorSettings settings;
    try {
      settings = EmulatorSettings.fromEnv(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("arcal-emulator: " + e.getMessage());
      System.exit(2);
      return;
    }
    Emulator emulator = Emulator.start(settings, runtimeFor(settings));
    Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "emulator-shutdown"));
    System.out.println(
        "arcal-emulator: ARM at "
            + emulator.httpsBaseUrl()
            + emulator.httpBaseUrl().map(u -> " and " + u).orElse("")
            + ", certificate "
            + emulator.certificatePemPath()
            + ", resource groups "
            + String.join(",", settings.resourceGroups())
            + ", environments "
            + String.join(",", settings.environments())
            + " of "
            + settings.environmentCores()
            + " cores each, data "
            + settings.dataDir()
            + ", app names in "
            + emulator.hostsFile()
            + " (all) and "
            + emulator.hostsFile("<environment default domain>")
            + " (as seen inside each environment)");
    new CountDownLatch(1).await();
  }

  /**
   * The one place where the container runtime is chosen. The lead wires the real runtime here
   * ({@code ContainerRuntimes.create(settings.runtime())}) once the runtime package delivers it.
   */
  static ContainerRuntime runtimeFor(EmulatorSettings settings) {
    return ContainerRuntimes.create(settings.runtime());
  }
}
