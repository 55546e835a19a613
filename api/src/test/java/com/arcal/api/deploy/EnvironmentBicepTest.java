package com.arcal.api.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.api.config.Settings;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The deployment places the orchestrator as Azure requires and as the orchestrator places its
 * engines: in its environment's region, on a workload profile only where the environment has
 * profiles (a Consumption-only one refuses any), and with the rights to read that environment.
 */
class EnvironmentBicepTest {
  private final Repo repo = Repo.locate();

  @Test
  void theOrchestratorAppNamesAWorkloadProfileOnlyWhereTheEnvironmentHasOne() {
    String app = repo.read("deploy/modules/orchestrator.bicep");
    String main = repo.read("deploy/main.bicep");

    assertThat(app)
        .as("never a fixed profile name: a Consumption-only environment refuses it")
        .doesNotContainPattern("workloadProfileName:\\s*'")
        .contains("workloadProfileName: empty(workloadProfileName) ? null : workloadProfileName");
    assertThat(main)
        .contains("var workloadProfileName = createEnvironment ? 'Consumption'"
            + " : existingEnvironment.outputs.workloadProfileName")
        .contains("workloadProfileName: workloadProfileName");
    assertThat(repo.read("deploy/modules/environment.bicep"))
        .as("the environment this template creates has the Consumption profile it names")
        .containsPattern("name: 'Consumption'\\s+workloadProfileType: 'Consumption'");
  }

  @Test
  void anExistingEnvironment_isReadForItsRegionAndType() {
    String main = repo.read("deploy/main.bicep");
    String existing = repo.read("deploy/modules/existing-environment.bicep");

    assertThat(existing)
        .contains("'Microsoft.App/managedEnvironments@2025-01-01' existing")
        .contains("environment.properties.?workloadProfiles ?? []")
        .contains("toLower(profile.workloadProfileType) == 'consumption'")
        .contains("output location string = environment.location");
    assertThat(main)
        .contains("var environmentLocation = createEnvironment ? location"
            + " : existingEnvironment.outputs.location")
        .containsPattern("location: environmentLocation\\s+appName:");
  }

  @Test
  void theRegionIsNeverGivenToTheOrchestrator_itReadsItFromTheEnvironment() {
    // A region of its own could contradict an existing environment's and stop the start.
    assertThat(EnvNames.bicepEnv(repo.read("deploy/main.bicep")))
        .contains("ARCAL_CONTAINERAPPS_ENVIRONMENT_ID", "AZURE_RESOURCE_GROUP")
        .doesNotContain("AZURE_LOCATION", "AZURE_SUBSCRIPTION_ID");
  }

  @Test
  void theOrchestratorsRoleMayReadTheEnvironment_itReadsItAtStart() {
    assertThat(repo.read("deploy/modules/identity.bicep"))
        .contains("'Microsoft.App/managedEnvironments/read'")
        .contains("'Microsoft.App/managedEnvironments/join/action'");
    assertThat(repo.read("docs/deploy.md")).contains("`Microsoft.App/managedEnvironments/read`");
  }

  @Test
  void readsAreProtectedByDefault_theIngressIsPublic() {
    String main = repo.read("deploy/main.bicep");
    Matcher param = Pattern.compile("(?m)^param protectReads bool = (\\w+)$").matcher(main);

    assertThat(param.find()).isTrue();
    assertThat(param.group(1)).isEqualTo("true");
    assertThat(main).containsPattern(
        "name: 'ARCAL_PROTECT_READS'\\s+value: protectReads \\? 'true' : 'false'");
    assertThat(Settings.of(Map.of(
            "ARCAL_PROTECT_READS", "true", "ARCAL_API_TOKEN", "0123456789abcdef0123"))
        .http().protectReads()).isTrue();
    assertThat(repo.read("deploy/modules/orchestrator.bicep"))
        .as("the probes' routes, which stay open")
        .contains("path: '/healthz'", "path: '/readyz'");
  }
}
