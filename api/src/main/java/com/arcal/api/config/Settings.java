package com.arcal.api.config;

import com.arcal.controller.azure.AzureTarget;
import com.arcal.controller.heal.Quota;
import com.arcal.controller.leader.LeaseSettings;
import com.arcal.controller.rollout.RolloutSettings;
import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.SaleDefaults;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the orchestrator is configured with, read from environment variables and a
 * {@code .env} file (see {@code .env.example} for each variable). {@link #toString()} never shows
 * a secret, so settings may be logged.
 */
public record Settings(
    PlatformKind platform, Http http, Reconcile reconcile, Local local, Azure azure, Ha ha,
    Heal heal) {

  public Settings {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(reconcile, "reconcile");
    Objects.requireNonNull(local, "local");
    Objects.requireNonNull(azure, "azure");
    Objects.requireNonNull(ha, "ha");
    Objects.requireNonNull(heal, "heal");
  }

  /**
   * How the controller heals an engine it cannot reach, and how much at once.
   *
   * @param budget destructive heals per window: a count or a share of the owned apps (>= 1)
   * @param window the budget's sliding window
   * @param restartAfter unreachable this long (and ARM agrees it is broken): restart its revision
   * @param recreateAfter still unreachable this long after the restart: recreate the app
   */
  public record Heal(Quota budget, Duration window, Duration restartAfter, Duration recreateAfter) {
    public Heal {
      Objects.requireNonNull(budget, "budget");
      Objects.requireNonNull(window, "window");
      Objects.requireNonNull(restartAfter, "restartAfter");
      Objects.requireNonNull(recreateAfter, "recreateAfter");
    }
  }

  /**
   * Several replicas: the desired state in a blob and leader election by a lease on a lock blob.
   * Off (one replica, file store) unless {@code stateBlobUrl} is set.
   *
   * @param stateBlobUrl the desired-state blob; replaces the state file when set
   * @param lockBlobUrl the lock blob whose lease makes the leader
   * @param storageConnectionString account-key access (Azurite); empty to use Entra ID
   * @param lease lease duration, renew deadline, retry period
   * @param blobPoll how often the blob is checked for hand edits
   */
  public record Ha(
      Optional<String> stateBlobUrl,
      String lockBlobUrl,
      Optional<String> storageConnectionString,
      LeaseSettings lease,
      Duration blobPoll) {
    public Ha {
      Objects.requireNonNull(stateBlobUrl, "stateBlobUrl");
      Objects.requireNonNull(lockBlobUrl, "lockBlobUrl");
      Objects.requireNonNull(storageConnectionString, "storageConnectionString");
      Objects.requireNonNull(lease, "lease");
      Objects.requireNonNull(blobPoll, "blobPoll");
    }

    public boolean enabled() {
      return stateBlobUrl.isPresent();
    }

    /** Never print the connection string: it holds an account key. */
    @Override
    public String toString() {
      return "Ha[stateBlobUrl=" + stateBlobUrl + ", lockBlobUrl=" + lockBlobUrl
          + ", storageConnectionString=" + (storageConnectionString.isPresent() ? "***" : "none")
          + ", lease=" + lease + ", blobPoll=" + blobPoll + "]";
    }
  }

  /** Where the fleet runs. */
  public enum PlatformKind {
    /** The in-process Container Apps emulator; engines are local processes. */
    LOCAL,
    /** Azure (or a standalone emulator reached like Azure). */
    AZURE
  }

  /**
   * The REST server.
   *
   * @param apiToken bearer token required by mutating requests; empty for none
   * @param corsOrigins browser origins allowed to call the API; empty for none
   * @param protectReads reads need the token too, but for the probes' {@code /healthz} and
   *     {@code /readyz} (and the static page and API description); only with a token
   */
  public record Http(
      String host,
      int port,
      Optional<String> apiToken,
      List<String> corsOrigins,
      boolean allowInsecureBind,
      boolean protectReads) {
    public Http {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(apiToken, "apiToken");
      corsOrigins = List.copyOf(corsOrigins);
    }

    @Override
    public String toString() {
      return "Http[host=" + host + ", port=" + port + ", apiToken="
          + (apiToken.isPresent() ? "***" : "none") + ", corsOrigins=" + corsOrigins
          + ", allowInsecureBind=" + allowInsecureBind + ", protectReads=" + protectReads + "]";
    }
  }

  /**
   * The desired state and how the controller reconciles it.
   *
   * @param naming sale id to app name (validated {@code ARCAL_APP_PREFIX})
   * @param managedBy the managed-by tag value of the apps this orchestrator owns
   * @param defaults what a sale's spec leaves out (validated {@code ARCAL_ENGINE_*})
   * @param engineHostsFile where app names resolve instead of DNS (a standalone emulator's
   *     hosts file); empty for DNS, or for the embedded emulator's own file
   * @param warmPoolSize idle engine apps kept ready for new sales ({@code ARCAL_WARM_POOL_SIZE})
   * @param healthWatchLimit how many Running engines at most have a health watch, and so a live
   *     gRPC connection ({@code ARCAL_HEALTH_WATCH_LIMIT})
   */
  public record Reconcile(
      Path stateFile,
      Duration resync,
      Duration pollInterval,
      AppNaming naming,
      String managedBy,
      int workers,
      SaleDefaults defaults,
      Optional<Path> engineHostsFile,
      RolloutSettings rollout,
      int warmPoolSize,
      int healthWatchLimit) {
    public Reconcile {
      Objects.requireNonNull(stateFile, "stateFile");
      Objects.requireNonNull(resync, "resync");
      Objects.requireNonNull(pollInterval, "pollInterval");
      Objects.requireNonNull(naming, "naming");
      Objects.requireNonNull(managedBy, "managedBy");
      Objects.requireNonNull(defaults, "defaults");
      Objects.requireNonNull(engineHostsFile, "engineHostsFile");
      Objects.requireNonNull(rollout, "rollout");
    }
  }

  /** The embedded emulator of the local platform. */
  /**
   * The embedded emulator: where it keeps its state, how long its creates and deletes take, and
   * its environment's core quota (Azure's default 100 holds about 200 engines of 0.5 vCPU).
   */
  public record Local(Path emulatorDataDir, Duration emulatorDelay, int emulatorCores) {
    public Local {
      Objects.requireNonNull(emulatorDataDir, "emulatorDataDir");
      Objects.requireNonNull(emulatorDelay, "emulatorDelay");
    }
  }

  /**
   * The Azure platform: {@code environmentId} is present whenever the platform is Azure; the
   * subscription and resource group, when set, agree with it (else they are derived from it), and
   * the location, when set, is checked against the environment's at start.
   *
   * @param environmentIds every environment engine apps are placed on, {@code environmentId}
   *     first; empty when the platform is not Azure
   * @param armEndpoint ARM base URL instead of public Azure (a standalone emulator)
   * @param armCaFile PEM certificate(s) to trust for {@code armEndpoint}
   * @param armStaticToken fixed bearer token instead of Entra ID
   * @param identity the azure-identity variables ({@code AZURE_CLIENT_ID}...) that were set
   * @param runningInDomain {@code CONTAINER_APP_ENV_DNS_SUFFIX}: the default domain of the
   *     Container Apps environment this process runs in; empty outside Container Apps
   */
  public record Azure(
      Optional<String> subscriptionId,
      Optional<String> resourceGroup,
      Optional<String> location,
      Optional<String> environmentId,
      List<String> environmentIds,
      Optional<URI> armEndpoint,
      Optional<Path> armCaFile,
      Optional<String> armStaticToken,
      Map<String, String> identity,
      Optional<AzureTarget.EngineRegistry> engineRegistry,
      Optional<String> runningInDomain) {
    public Azure {
      Objects.requireNonNull(subscriptionId, "subscriptionId");
      Objects.requireNonNull(resourceGroup, "resourceGroup");
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(environmentId, "environmentId");
      environmentIds = List.copyOf(environmentIds);
      Objects.requireNonNull(armEndpoint, "armEndpoint");
      Objects.requireNonNull(armCaFile, "armCaFile");
      Objects.requireNonNull(armStaticToken, "armStaticToken");
      identity = Map.copyOf(identity);
      Objects.requireNonNull(engineRegistry, "engineRegistry");
      Objects.requireNonNull(runningInDomain, "runningInDomain");
    }

    public Optional<String> tenantId() {
      return Optional.ofNullable(identity.get("AZURE_TENANT_ID"));
    }

    @Override
    public String toString() {
      return "Azure[subscriptionId=" + subscriptionId + ", resourceGroup=" + resourceGroup
          + ", location=" + location + ", environmentIds=" + environmentIds + ", armEndpoint="
          + armEndpoint + ", armCaFile=" + armCaFile + ", armStaticToken="
          + (armStaticToken.isPresent() ? "***" : "none") + ", identity variables="
          + identity.keySet().stream().sorted().toList() + ", engineRegistry=" + engineRegistry
          + ", runningInDomain=" + runningInDomain + "]";
    }
  }

  /**
   * Settings from the process environment and the {@code .env} file beside it; the environment
   * wins over the file.
   *
   * @throws SettingsException naming the first variable that is missing or invalid
   */
  public static Settings load(Map<String, String> environment, Path dotEnv) {
    Map<String, String> merged = new HashMap<>(EnvFile.read(dotEnv));
    merged.putAll(environment);
    return new SettingsReader(merged).read();
  }

  /** Settings from these variables alone (tests). */
  public static Settings of(Map<String, String> variables) {
    return new SettingsReader(variables).read();
  }
}
