package com.arcal.reliability.harness;

import com.arcal.emulator.arm.Environments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The orchestrator jar as a real process, on the azure platform, driving an emulator exactly as
 * it would drive Azure: {@code ARCAL_ARM_ENDPOINT}, {@code ARCAL_ARM_CA_FILE},
 * {@code ARCAL_ARM_STATIC_TOKEN}, engines reached by app name through the emulator's hosts file.
 */
public final class OrchestratorProcess {
  public static final String SUBSCRIPTION = "00000000-0000-0000-0000-00000000cafe";
  public static final String GROUP = "arcal-local";

  private OrchestratorProcess() {}

  /**
   * The environment of an orchestrator on {@code port} against the emulator at {@code armUrl},
   * whose app names resolve through {@code hostsFile}.
   */
  public static Map<String, String> azureEnv(
      String armUrl, Path certificate, Path hostsFile, int port, Path stateFile, String armToken) {
    Map<String, String> env = new HashMap<>();
    env.put("ARCAL_PLATFORM", "azure");
    env.put("AZURE_SUBSCRIPTION_ID", SUBSCRIPTION);
    env.put("AZURE_RESOURCE_GROUP", GROUP);
    env.put("AZURE_LOCATION", "westeurope");
    env.put("ARCAL_CONTAINERAPPS_ENVIRONMENT_ID", "/subscriptions/" + SUBSCRIPTION
        + "/resourceGroups/" + GROUP + "/providers/Microsoft.App/managedEnvironments/arcal-env");
    env.put("ARCAL_ARM_ENDPOINT", armUrl);
    env.put("ARCAL_ARM_CA_FILE", certificate.toString());
    env.put("ARCAL_ARM_STATIC_TOKEN", armToken);
    env.put("ARCAL_ENGINE_HOSTS_FILE", hostsFile.toString());
    // As Azure tells every app: the orchestrator runs inside the environment of its engines.
    env.put("CONTAINER_APP_ENV_DNS_SUFFIX", Environments.defaultDomain(GROUP));
    env.put("ARCAL_ENGINE_IMAGE", "arcal/engine:local");
    env.put("ARCAL_HTTP_PORT", Integer.toString(port));
    env.put("ARCAL_STATE_FILE", stateFile.toString());
    env.put("ARCAL_POLL_MILLIS", "200");
    env.put("ARCAL_RESYNC_SECONDS", "5");
    return env;
  }

  /** Starts the jar with {@code env}; {@code prefix} wraps the java command (e.g. prlimit). */
  public static JavaProcess start(
      List<String> prefix, List<String> jvmOptions, Map<String, String> env, Path workDir, Path log) {
    return JavaProcess.start(
        prefix, jvmOptions, Repo.jar("api/target/arcal-orchestrator.jar"), env, workDir, log);
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
