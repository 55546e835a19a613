package com.arcal.api.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.api.config.Settings;
import com.arcal.controller.azure.AppRequest;
import com.arcal.controller.reconcile.AppSpecs;
import com.arcal.controller.reconcile.Ownership;
import com.arcal.controller.secret.EngineSecrets;
import com.arcal.engine.EngineSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Keeps the deployment honest about configuration: every variable the images, the Bicep and the
 * operations guide set or describe is one the code reads, and every variable the code reads is
 * in {@code .env.example} and in the guide's configuration reference.
 */
class DeployConsistencyTest {
  /**
   * Set by the Bicep and described in docs/operations.md before the code reads them. The test
   * fails as soon as the code reads one, so that its entry is deleted here: this list only
   * shrinks.
   */
  /** Variables the deployment sets before the code reads them (none left). */
  static final Map<String, String> PENDING = Map.of();

  private final Repo repo = Repo.locate();

  @Test
  void everyVariableTheDeploymentSetsIsReadByTheOrchestrator() {
    Map<String, Set<String>> offenders = new TreeMap<>();
    setByDeployment().forEach((file, names) -> {
      Set<String> unread = new TreeSet<>(names);
      unread.removeAll(codeReads());
      unread.removeAll(PENDING.keySet());
      if (!unread.isEmpty()) {
        offenders.put(file, unread);
      }
    });
    assertThat(offenders).as("variables set by the deployment that no code reads, by file").isEmpty();
  }

  @Test
  void everyDocumentedVariableIsReadByTheOrchestrator() {
    Set<String> unread = new TreeSet<>(configTable().rows().keySet());
    unread.removeAll(codeReads());
    unread.removeAll(PENDING.keySet());
    assertThat(unread).as("rows of the docs/operations.md configuration reference no code reads").isEmpty();
  }

  @Test
  void everyVariableTheOrchestratorReadsIsDocumented() {
    Set<String> code = codeReads();
    assertThat(code).as("variables read by api and controller").contains("ARCAL_PLATFORM", "AZURE_CLIENT_ID");
    assertThat(configTable().rows().keySet())
        .as("docs/operations.md configuration reference")
        .containsAll(code);
    assertThat(EnvNames.dotEnv(repo.read(".env.example"))).as(".env.example").containsAll(code);
  }

  @Test
  void pendingVariablesAreNotReadYetAndAreStillUsed() {
    Set<String> usedByDeployOrDocs = new TreeSet<>(configTable().rows().keySet());
    setByDeployment().values().forEach(usedByDeployOrDocs::addAll);
    for (Map.Entry<String, String> pending : PENDING.entrySet()) {
      assertThat(codeReads())
          .as("%s (%s) is read by the code now: delete it from PENDING", pending.getKey(), pending.getValue())
          .doesNotContain(pending.getKey());
      assertThat(usedByDeployOrDocs)
          .as("%s is in PENDING but neither deployed nor documented: delete it", pending.getKey())
          .contains(pending.getKey());
    }
  }

  @Test
  void bicepSetsEverySettingTheAzurePlatformRequires() {
    Set<String> bicep = bicepEnv();
    assertThat(bicep).containsAll(RequiredSettings.forAzure());
    assertThat(bicep).contains("ARCAL_API_TOKEN", "AZURE_CLIENT_ID");
  }

  @Test
  void documentedDefaultsAreTheCodesDefaults() {
    Settings defaults = Settings.of(Map.of());
    Map<String, ConfigTable.Row> rows = configTable().rows();
    Map<String, Object> expected = new TreeMap<>();
    expected.put("ARCAL_PLATFORM", defaults.platform().name().toLowerCase(Locale.ROOT));
    expected.put("ARCAL_HTTP_HOST", defaults.http().host());
    expected.put("ARCAL_HTTP_PORT", defaults.http().port());
    expected.put("ARCAL_ALLOW_INSECURE_BIND", defaults.http().allowInsecureBind());
    expected.put("ARCAL_RESYNC_SECONDS", defaults.reconcile().resync().toSeconds());
    expected.put("ARCAL_POLL_MILLIS", defaults.reconcile().pollInterval().toMillis());
    expected.put("ARCAL_APP_PREFIX", defaults.reconcile().naming().prefix());
    expected.put("ARCAL_FLEET", defaults.reconcile().managedBy());
    expected.put("ARCAL_WORKERS", defaults.reconcile().workers());
    expected.put("ARCAL_ENGINE_IMAGE", defaults.reconcile().defaults().image());
    expected.put("ARCAL_ENGINE_CPU", defaults.reconcile().defaults().cpu());
    expected.put("ARCAL_ENGINE_MEMORY", defaults.reconcile().defaults().memory());
    expected.put("ARCAL_EMULATOR_DELAY_MS", defaults.local().emulatorDelay().toMillis());
    expected.forEach((name, value) ->
        assertThat(rows.get(name)).as("row of %s", name).isNotNull()
            .extracting(ConfigTable.Row::defaultValue).as("documented default of %s", name)
            .isEqualTo(String.valueOf(value)));
  }

  @Test
  void engineImageSetsOnlyWhatTheEngineReads() {
    Map<String, String> env = EnvNames.dockerfileEnv(repo.read("deploy/engine.Dockerfile"));
    assertThat(env.keySet())
        .containsExactlyInAnyOrder(EngineSettings.BIND_HOST, EngineSettings.PORT, EngineSettings.GRPC_PORT);
    assertThat(EngineSettings.fromEnv(env)).isEqualTo(EngineSettings.fromEnv(Map.of()));
  }

  @Test
  void theEngineReadsItsTokenFromTheVariableTheControllerFillsFromTheSecret() {
    assertThat(EngineSecrets.ENV).isEqualTo(EngineSettings.TOKEN);
    assertThat(AppRequest.secretName(EngineSecrets.ENV)).isEqualTo(EngineSecrets.SECRET_NAME);
  }

  @Test
  void theOrchestratorsRoleMayReadBackEngineTokens() {
    assertThat(repo.read("deploy/modules/identity.bicep"))
        .contains("'Microsoft.App/containerApps/listSecrets/action'");
  }

  @Test
  void theEnvironmentEncryptsPeerTraffic() {
    String environment = repo.read("deploy/modules/environment.bicep").replaceAll("\\s+", " ");
    assertThat(environment)
        .contains("resource managedEnvironment 'Microsoft.App/managedEnvironments@2025-01-01'")
        .contains("peerTrafficConfiguration: { encryption: { enabled: true } }");
  }

  @Test
  void theOrchestratorAppNeverCarriesTheOwnershipTag() {
    // An app with our managed-by tag is one the controller may delete: never the orchestrator.
    Pattern tagKey = Pattern.compile("'?" + Pattern.quote(Ownership.MANAGED_BY) + "'?\\s*:");
    for (Path bicep : repo.files("deploy", ".bicep")) {
      assertThat(tagKey.matcher(EnvNames.read(bicep)).find()).as(repo.relative(bicep)).isFalse();
    }
  }

  /** Variables the orchestrator reads: whole string literals of the api and controller sources. */
  private Set<String> codeReads() {
    List<Path> sources = new ArrayList<>(repo.files("api/src/main/java", ".java"));
    sources.addAll(repo.files("controller/src/main/java", ".java"));
    Set<String> names =
        EnvNames.javaLiterals(sources).stream()
            .filter(n -> n.startsWith("ARCAL_") || n.startsWith("AZURE_"))
            .collect(Collectors.toCollection(TreeSet::new));
    // Written into engine containers, not read by the orchestrator.
    names.removeAll(Set.of(AppSpecs.ENV_SALE_ID, AppSpecs.ENV_SALE_CONFIG, EngineSecrets.ENV));
    return names;
  }

  /** Variables set by the orchestrator image and by every Bicep file, by file. */
  private Map<String, Set<String>> setByDeployment() {
    Map<String, Set<String>> byFile = new TreeMap<>();
    byFile.put("deploy/orchestrator.Dockerfile",
        EnvNames.dockerfileEnv(repo.read("deploy/orchestrator.Dockerfile")).keySet());
    for (Path bicep : repo.files("deploy", ".bicep")) {
      byFile.put(repo.relative(bicep), EnvNames.bicepEnv(EnvNames.read(bicep)));
    }
    return byFile;
  }

  private Set<String> bicepEnv() {
    return repo.files("deploy", ".bicep").stream()
        .flatMap(f -> EnvNames.bicepEnv(EnvNames.read(f)).stream())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private ConfigTable configTable() {
    return ConfigTable.parse(repo.read("docs/operations.md"));
  }
}
