package com.arcal.bench.rig;

import com.arcal.controller.azure.ArmConnection;
import com.arcal.controller.azure.AzureTarget;
import java.nio.file.Path;

/** An ARM endpoint the controller reaches through the real Azure SDK, and where its apps go. */
public interface ArmSite extends AutoCloseable {
  String SUBSCRIPTION = "00000000-0000-0000-0000-00000000be4c";
  String GROUP = "arcal-bench";
  String TOKEN = "bench-token";

  ArmConnection connection();

  AzureTarget target();

  /** The hosts file where the emulator resolves its apps' names. */
  Path hostsFile();

  @Override
  void close();

  /** The target every bench site uses. */
  static AzureTarget benchTarget() {
    return new AzureTarget(
        SUBSCRIPTION, GROUP, "westeurope", AzureTarget.environmentId(SUBSCRIPTION, GROUP, "arcal-env"));
  }
}
