package com.arcal.bench.rig;

import com.arcal.controller.azure.ArmConnection;
import com.arcal.controller.azure.AzureTarget;
import com.arcal.emulator.names.EnvironmentHosts;
import java.nio.file.Path;

/** An ARM endpoint the controller reaches through the real Azure SDK, and where its apps go. */
public interface ArmSite extends AutoCloseable {
  String SUBSCRIPTION = "00000000-0000-0000-0000-00000000be4c";
  String GROUP = "arcal-bench";
  String TOKEN = "bench-token";

  ArmConnection connection();

  AzureTarget target();

  /** The hosts file where the emulator resolves every app's name (this machine's view). */
  Path hostsFile();

  /**
   * The hosts file naming the apps of the environment whose default domain is {@code domain}, as
   * a container running in it resolves them (the emulator keeps both in its data folder).
   */
  default Path hostsFile(String domain) {
    return EnvironmentHosts.file(hostsFile().getParent(), domain);
  }

  @Override
  void close();

  /** The target every bench site uses. */
  static AzureTarget benchTarget() {
    return new AzureTarget(
        SUBSCRIPTION, GROUP, "westeurope", AzureTarget.environmentId(SUBSCRIPTION, GROUP, "arcal-env"));
  }
}
