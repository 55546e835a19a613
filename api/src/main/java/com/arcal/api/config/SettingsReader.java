package com.arcal.api.config;

import com.arcal.api.config.Settings.PlatformKind;
import com.arcal.controller.azure.AzureTarget;
import com.arcal.controller.azure.EnvironmentId;
import com.arcal.controller.heal.Quota;
import com.arcal.controller.leader.BlobLeaseElector;
import com.arcal.controller.leader.LeaseSettings;
import com.arcal.controller.reconcile.ControllerSettings;
import com.arcal.controller.reconcile.HealthWatches;
import com.arcal.controller.rollout.MaxUnavailable;
import com.arcal.controller.rollout.RolloutSettings;
import com.arcal.controller.pool.PoolNaming;
import com.arcal.controller.pool.WarmPool;
import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.InvalidSpecException;
import com.arcal.controller.sale.SaleDefaults;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** Turns variables into {@link Settings}, stopping at the first one that is wrong. */
final class SettingsReader {
  /** Variables read by azure-identity's DefaultAzureCredential. */
  static final List<String> IDENTITY_VARIABLES =
      List.of(
          "AZURE_TENANT_ID",
          "AZURE_CLIENT_ID",
          "AZURE_CLIENT_SECRET",
          "AZURE_CLIENT_CERTIFICATE_PATH",
          "AZURE_CLIENT_CERTIFICATE_PASSWORD",
          "AZURE_FEDERATED_TOKEN_FILE",
          "AZURE_AUTHORITY_HOST");
  private static final String LOCAL_ENGINE_IMAGE = "arcal/engine:local";
  private static final int MIN_TOKEN_LENGTH = 16;
  /** Set by Azure in every container app: the DNS suffix of the environment it runs in. */
  static final String ENVIRONMENT_DNS_SUFFIX = "CONTAINER_APP_ENV_DNS_SUFFIX";
  static final String ENVIRONMENT_IDS = "ARCAL_CONTAINERAPPS_ENVIRONMENT_IDS";

  private final Variables env;

  SettingsReader(Map<String, String> variables) {
    this.env = new Variables(variables);
  }

  Settings read() {
    PlatformKind platform =
        env.choice("ARCAL_PLATFORM", "local", "local", "azure").equals("local")
            ? PlatformKind.LOCAL
            : PlatformKind.AZURE;
    Settings.Azure azure = azure(platform);
    return new Settings(platform, http(), reconcile(platform, azure), local(), azure, ha(), heal());
  }

  private Settings.Heal heal() {
    Quota budget;
    try {
      budget = Quota.parse(env.text("ARCAL_HEAL_BUDGET", "10%"));
    } catch (IllegalArgumentException e) {
      throw new SettingsException("ARCAL_HEAL_BUDGET",
          "expected heals per window as a count (e.g. 3) or a share of the owned apps (e.g. 10%): "
              + e.getMessage());
    }
    return new Settings.Heal(
        budget,
        env.duration("ARCAL_HEAL_BUDGET_WINDOW", Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofHours(24)),
        env.duration("ARCAL_HEAL_RESTART_AFTER", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1)),
        env.duration("ARCAL_HEAL_RECREATE_AFTER", Duration.ofSeconds(120), Duration.ofSeconds(1), Duration.ofHours(24)));
  }

  private Settings.Ha ha() {
    Optional<String> stateUrl = env.optional("ARCAL_STATE_BLOB_URL");
    stateUrl.ifPresent(url -> blobUrl("ARCAL_STATE_BLOB_URL", url));
    String lockUrl =
        env.optional("ARCAL_LEADER_LOCK_BLOB_URL")
            .map(url -> blobUrl("ARCAL_LEADER_LOCK_BLOB_URL", url))
            .orElse(stateUrl.map(BlobLeaseElector::lockUrlBeside).orElse(""));
    LeaseSettings lease;
    try {
      lease =
          new LeaseSettings(
              Duration.ofSeconds(env.integer("ARCAL_LEASE_DURATION_SECONDS", 15, 15, 60,
                  "the leader lease in seconds, 15-60 (Azure's range)")),
              Duration.ofSeconds(env.integer("ARCAL_LEASE_RENEW_DEADLINE_SECONDS", 10, 1, 59,
                  "seconds a leader may go without renewing before it steps down, 1-59")),
              Duration.ofSeconds(env.integer("ARCAL_LEASE_RETRY_PERIOD_SECONDS", 2, 1, 30,
                  "seconds between lease attempts, 1-30")));
    } catch (IllegalArgumentException e) {
      throw new SettingsException("ARCAL_LEASE_RENEW_DEADLINE_SECONDS", e.getMessage());
    }
    return new Settings.Ha(
        stateUrl,
        lockUrl,
        env.optional("AZURE_STORAGE_CONNECTION_STRING"),
        lease,
        Duration.ofMillis(env.integer("ARCAL_STATE_BLOB_POLL_MILLIS", 2000, 100, 600_000,
            "milliseconds between checks of the desired-state blob, 100-600000")));
  }

  private static final String BLOB_URL =
      "expected a blob URL https://<account>.blob.core.windows.net/<container>/<blob>";

  private static String blobUrl(String variable, String url) {
    try {
      URI uri = new URI(url);
      String path = uri.getPath() == null ? "" : uri.getPath();
      if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null
          || path.chars().filter(c -> c == '/').count() < 2) {
        throw new SettingsException(variable, BLOB_URL);
      }
      return url;
    } catch (URISyntaxException e) {
      throw new SettingsException(variable, BLOB_URL);
    }
  }

  private Settings.Http http() {
    String host = env.text("ARCAL_HTTP_HOST", "127.0.0.1");
    int port =
        env.integer("ARCAL_HTTP_PORT", 8080, 0, 65535, "a TCP port 0-65535 (0 picks a free one)");
    Optional<String> token = env.optional("ARCAL_API_TOKEN");
    if (token.isPresent()
        && (token.get().length() < MIN_TOKEN_LENGTH || token.get().contains(" "))) {
      throw new SettingsException(
          "ARCAL_API_TOKEN",
          "expected at least " + MIN_TOKEN_LENGTH
              + " characters without spaces (e.g. openssl rand -hex 32)");
    }
    boolean insecure = env.bool("ARCAL_ALLOW_INSECURE_BIND", false);
    if (!isLoopback(host) && token.isEmpty() && !insecure) {
      throw new SettingsException(
          "ARCAL_HTTP_HOST",
          host + " is not a loopback address: set ARCAL_API_TOKEN so that writes need a token,"
              + " or ARCAL_ALLOW_INSECURE_BIND=true to accept anyone's writes");
    }
    boolean protectReads = env.bool("ARCAL_PROTECT_READS", false);
    if (protectReads && token.isEmpty()) {
      throw new SettingsException(
          "ARCAL_PROTECT_READS",
          "true needs ARCAL_API_TOKEN, the token reads would need: set it, or leave reads open");
    }
    return new Settings.Http(host, port, token, corsOrigins(), insecure, protectReads);
  }

  private Settings.Reconcile reconcile(PlatformKind platform, Settings.Azure azure) {
    AppNaming naming;
    try {
      naming = new AppNaming(env.text("ARCAL_APP_PREFIX", "sale-"));
    } catch (InvalidSpecException e) {
      throw new SettingsException(
          "ARCAL_APP_PREFIX", "expected lowercase letters, digits and '-', starting with a letter");
    }
    String managedBy = env.text("ARCAL_FLEET", "arcal");
    if (!managedBy.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
      throw new SettingsException(
          "ARCAL_FLEET", "expected 1-63 letters, digits, '.', '_' or '-' (an Azure tag value)");
    }
    Optional<String> image = env.optional("ARCAL_ENGINE_IMAGE");
    if (platform == PlatformKind.AZURE) {
      requireAzureImage(image);
    }
    SaleDefaults defaults;
    try {
      defaults =
          new SaleDefaults(
              image.orElse(LOCAL_ENGINE_IMAGE),
              env.text("ARCAL_ENGINE_CPU", "0.5"),
              env.text("ARCAL_ENGINE_MEMORY", "1Gi"));
    } catch (InvalidSpecException e) {
      throw new SettingsException(
          "ARCAL_ENGINE_" + e.field().toUpperCase(Locale.ROOT),
          "expected a valid value: " + e.getMessage());
    }
    return new Settings.Reconcile(
        env.path("ARCAL_STATE_FILE", "./desired-state.json"),
        Duration.ofSeconds(
            env.integer("ARCAL_RESYNC_SECONDS", 30, 1, 86_400, "seconds between full resyncs, 1-86400")),
        Duration.ofMillis(
            env.integer("ARCAL_POLL_MILLIS", 250, 10, 600_000,
                "milliseconds between looks at an operation in flight, 10-600000")),
        naming,
        managedBy,
        env.integer("ARCAL_WORKERS", ControllerSettings.DEFAULT_WORKERS, 1, 256,
            "a number of reconcile workers, 1-256"),
        defaults,
        engineHostsFile(platform, azure),
        rollout(),
        warmPoolSize(naming),
        env.integer("ARCAL_HEALTH_WATCH_LIMIT", HealthWatches.DEFAULT_LIMIT, 0, 1_000_000,
            "a number of engines whose health is watched over a live connection, 0-1000000"));
  }

  /** Rollouts of spec changes to Running engines (docs/operations.md, "Rolling out a change"). */
  private RolloutSettings rollout() {
    MaxUnavailable max;
    try {
      max = MaxUnavailable.parse(env.text("ARCAL_ROLLOUT_MAX_UNAVAILABLE", "10%"));
    } catch (IllegalArgumentException e) {
      throw new SettingsException("ARCAL_ROLLOUT_MAX_UNAVAILABLE",
          "expected a count of sales >= 1 (e.g. 5) or a percentage 1-100% of the desired sales (e.g. 10%)");
    }
    Duration deadline = Duration.ofSeconds(env.integer("ARCAL_ROLLOUT_DEADLINE_SECONDS", 600, 1, 86_400,
        "seconds an updated sale may take to be Running before the rollout pauses, 1-86400"));
    Duration buyerWait = Duration.ofSeconds(env.integer("ARCAL_ROLLOUT_BUYER_WAIT_SECONDS", 600, 0, 86_400,
        "seconds a sale with buyers connected waits before its update, 0-86400"));
    boolean needsForce = env.bool("ARCAL_ROLLOUT_BUYERS_NEED_FORCE", false);
    int restarts = env.integer("ARCAL_RESTART_BRAKE_COUNT", 5, 0, 1_000_000,
        "a number of Running engines one change may restart without confirmation, 0-1000000");
    int share = env.integer("ARCAL_RESTART_BRAKE_PERCENT", 50, 0, 100,
        "a percentage of the Running engines one change may restart without confirmation, 0-100");
    return new RolloutSettings(
        max, deadline, needsForce ? Optional.empty() : Optional.of(buyerWait), restarts, share / 100.0);
  }

  private int warmPoolSize(AppNaming naming) {
    int size = env.integer("ARCAL_WARM_POOL_SIZE", 0, 0, WarmPool.MAX_SIZE,
        "a number of idle engine apps to keep ready, 0-" + WarmPool.MAX_SIZE);
    if (size > 0) {
      try {
        new PoolNaming(naming, new SplittableRandom()).requireDistinct();
      } catch (InvalidSpecException e) {
        throw new SettingsException("ARCAL_WARM_POOL_SIZE", e.getMessage());
      }
    }
    return size;
  }

  /**
   * Azure needs an image it can pull: the local reference engine ({@code .env.example}'s value)
   * exists only on this machine, for the emulator. A standalone emulator reached like Azure
   * ({@code ARCAL_ARM_ENDPOINT}) runs it.
   */
  private void requireAzureImage(Optional<String> image) {
    String example = "myregistry.azurecr.io/arcal-engine:1.0";
    if (image.isEmpty()) {
      throw new SettingsException(
          "ARCAL_ENGINE_IMAGE", "required on the azure platform (e.g. " + example + ")");
    }
    if (image.get().equals(LOCAL_ENGINE_IMAGE) && env.optional("ARCAL_ARM_ENDPOINT").isEmpty()) {
      throw new SettingsException(
          "ARCAL_ENGINE_IMAGE",
          LOCAL_ENGINE_IMAGE + " is the local reference engine, which Azure cannot pull: set"
              + " the engine image pushed to your registry (e.g. " + example + ")");
    }
  }

  private Settings.Local local() {
    return new Settings.Local(
        env.path("ARCAL_EMULATOR_DATA_DIR", "./.arcal/emulator"),
        Duration.ofMillis(
            env.integer("ARCAL_EMULATOR_DELAY_MS", 1000, 0, 600_000,
                "milliseconds an emulated create or delete takes, 0-600000")),
        env.integer("ARCAL_EMULATOR_CORES", 100, 1, 1_000_000,
            "the embedded emulator's core quota (Azure's default is 100, 5000 at most on request), 1-1000000"));
  }

  /**
   * One variable is enough on the azure platform: the environment id names the subscription and
   * resource group (the location comes from the environment itself, read at start). Set anyway,
   * they must agree with it.
   */
  private Settings.Azure azure(PlatformKind platform) {
    boolean required = platform == PlatformKind.AZURE;
    List<String> environmentIds = environmentIds(required);
    Optional<String> environmentId = environmentIds.stream().findFirst();
    Optional<EnvironmentId> id = environmentId.map(SettingsReader::environmentId);
    Optional<String> subscription = env.optional("AZURE_SUBSCRIPTION_ID");
    Optional<String> group = env.optional("AZURE_RESOURCE_GROUP");
    id.ifPresent(
        e -> {
          agree("AZURE_SUBSCRIPTION_ID", subscription, e.subscriptionId(), "subscription");
          agree("AZURE_RESOURCE_GROUP", group, e.resourceGroup(), "resource group");
        });
    Map<String, String> identity = new TreeMap<>();
    IDENTITY_VARIABLES.forEach(name -> env.optional(name).ifPresent(v -> identity.put(name, v)));
    return new Settings.Azure(
        subscription,
        group,
        env.optional("AZURE_LOCATION"),
        environmentId,
        environmentIds,
        armEndpoint(),
        caFile(),
        env.optional("ARCAL_ARM_STATIC_TOKEN"),
        identity,
        engineRegistry(),
        env.optional(ENVIRONMENT_DNS_SUFFIX));
  }

  /**
   * The environments engine apps are placed on: {@code ARCAL_CONTAINERAPPS_ENVIRONMENT_IDS}
   * (comma-separated, the first is where apps from before placement are looked for first), or the
   * one {@code ARCAL_CONTAINERAPPS_ENVIRONMENT_ID}; set together, the list must hold the one.
   */
  private List<String> environmentIds(boolean required) {
    Optional<String> list = env.optional(ENVIRONMENT_IDS);
    Optional<String> one = env.optional("ARCAL_CONTAINERAPPS_ENVIRONMENT_ID");
    if (list.isEmpty()) {
      return required(required, "ARCAL_CONTAINERAPPS_ENVIRONMENT_ID",
              "the managed environment's resource id (/subscriptions/.../managedEnvironments/<name>),"
                  + " or " + ENVIRONMENT_IDS + " for several")
          .map(List::of)
          .orElse(List.of());
    }
    List<String> ids = new ArrayList<>();
    for (String raw : list.get().split(",")) {
      String id = raw.strip();
      if (id.isEmpty()) {
        continue;
      }
      EnvironmentId parsed = environmentId(ENVIRONMENT_IDS, id);
      if (ids.stream().anyMatch(other -> EnvironmentId.parse(other).orElseThrow().sameAs(parsed))) {
        throw new SettingsException(ENVIRONMENT_IDS, "names " + id + " twice: list each environment once");
      }
      ids.add(id);
    }
    if (ids.isEmpty()) {
      throw new SettingsException(ENVIRONMENT_IDS, "is empty: give at least one environment id");
    }
    one.ifPresent(single -> {
      EnvironmentId parsed = environmentId(single);
      if (ids.stream().noneMatch(id -> EnvironmentId.parse(id).orElseThrow().sameAs(parsed))) {
        throw new SettingsException(
            "ARCAL_CONTAINERAPPS_ENVIRONMENT_ID",
            "'" + single + "' is not in " + ENVIRONMENT_IDS + ": unset it (the list is enough)"
                + " or add it to the list");
      }
    });
    return List.copyOf(ids);
  }

  private static EnvironmentId environmentId(String raw) {
    return environmentId("ARCAL_CONTAINERAPPS_ENVIRONMENT_ID", raw);
  }

  private static EnvironmentId environmentId(String variable, String raw) {
    return EnvironmentId.parse(raw)
        .orElseThrow(
            () ->
                new SettingsException(
                    variable,
                    "expected /subscriptions/{id}/resourceGroups/{rg}/providers/Microsoft.App"
                        + "/managedEnvironments/{name}, got '" + raw + "'"));
  }

  /**
   * An optional variable that the environment id already decides: unset, it is derived; set, it
   * must say the same (engine apps are created beside their environment, where the deployment's
   * role lets the orchestrator create them).
   */
  private static void agree(String variable, Optional<String> value, String fromId, String what) {
    if (value.isPresent() && !value.get().equalsIgnoreCase(fromId)) {
      throw new SettingsException(
          variable,
          "'" + value.get() + "' contradicts ARCAL_CONTAINERAPPS_ENVIRONMENT_ID, whose " + what
              + " is '" + fromId + "': unset " + variable + " (it is derived from the"
              + " environment id) or fix one of the two");
    }
  }

  /** Both or neither: a private registry needs the identity that may pull from it. */
  private Optional<AzureTarget.EngineRegistry> engineRegistry() {
    Optional<String> server = env.optional("ARCAL_ENGINE_REGISTRY");
    Optional<String> identity = env.optional("ARCAL_ENGINE_PULL_IDENTITY_ID");
    if (server.isPresent() != identity.isPresent()) {
      throw new SettingsException(
          server.isPresent() ? "ARCAL_ENGINE_PULL_IDENTITY_ID" : "ARCAL_ENGINE_REGISTRY",
          "set ARCAL_ENGINE_REGISTRY (e.g. myacr.azurecr.io) and ARCAL_ENGINE_PULL_IDENTITY_ID"
              + " (the resource id of a user-assigned identity with AcrPull) together");
    }
    return server.map(s -> new AzureTarget.EngineRegistry(s, identity.get()));
  }

  /**
   * Where app names resolve when DNS does not: a standalone emulator's hosts file. Engines are
   * reached by app name on every platform; the local platform uses its embedded emulator's file.
   */
  private Optional<Path> engineHostsFile(PlatformKind platform, Settings.Azure azure) {
    Optional<String> raw = env.optional("ARCAL_ENGINE_HOSTS_FILE");
    if (platform == PlatformKind.LOCAL) {
      return Optional.empty();
    }
    if (raw.isEmpty()) {
      if (azure.armEndpoint().map(u -> isLoopback(u.getHost())).orElse(false)) {
        throw new SettingsException(
            "ARCAL_ENGINE_HOSTS_FILE",
            "expected the standalone emulator's hosts file (it prints its path) with a loopback"
                + " ARCAL_ARM_ENDPOINT: app names resolve through it");
      }
      return Optional.empty();
    }
    Path file = Path.of(raw.get());
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new SettingsException(
          "ARCAL_ENGINE_HOSTS_FILE", "expected a readable hosts file; " + file + " is not one");
    }
    return Optional.of(file);
  }

  private Optional<URI> armEndpoint() {
    Optional<String> raw = env.optional("ARCAL_ARM_ENDPOINT");
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(raw.get());
      if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
        throw new SettingsException(
            "ARCAL_ARM_ENDPOINT", "expected an https:// URL (ARM requires TLS)");
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      throw new SettingsException("ARCAL_ARM_ENDPOINT", "expected an https:// URL");
    }
  }

  private Optional<Path> caFile() {
    Optional<String> raw = env.optional("ARCAL_ARM_CA_FILE");
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    Path file = Path.of(raw.get());
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new SettingsException(
          "ARCAL_ARM_CA_FILE", "expected a readable PEM file; " + file + " is not one");
    }
    return Optional.of(file);
  }

  private List<String> corsOrigins() {
    List<String> origins = new ArrayList<>();
    for (String origin : env.text("ARCAL_CORS_ORIGINS", "").split(",")) {
      String o = origin.strip();
      if (o.isEmpty()) {
        continue;
      }
      if (!o.matches("https?://[A-Za-z0-9.-]+(:\\d{1,5})?")) {
        throw new SettingsException(
            "ARCAL_CORS_ORIGINS",
            "expected comma-separated origins such as https://dash.example.com:8443");
      }
      origins.add(o);
    }
    return origins;
  }

  private Optional<String> required(boolean required, String name, String what) {
    Optional<String> value = env.optional(name);
    if (required && value.isEmpty()) {
      throw new SettingsException(name, "required on the azure platform: " + what);
    }
    return value;
  }

  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
