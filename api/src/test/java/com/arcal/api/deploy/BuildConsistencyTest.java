package com.arcal.api.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.api.config.Settings;
import com.arcal.controller.azure.AppRequest;
import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.appcontainers.ContainerAppsApiManager;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The images and the Bicep agree with the build (shaded jar names), the code (ports, health
 * routes) and the Azure SDK (the Microsoft.App api-version the controller speaks).
 */
class BuildConsistencyTest {
  private static final Pattern FINAL_NAME = Pattern.compile("<finalName>([^<]+)</finalName>");
  private static final Pattern API_VERSION =
      Pattern.compile("'(Microsoft\\.[A-Za-z]+/[A-Za-z/]+)@([0-9]{4}-[0-9]{2}-[0-9]{2}[^']*)'");

  private final Repo repo = Repo.locate();

  @Test
  void orchestratorImageRunsTheShadedJarOnTheApiPort() {
    String jar = finalName("api/pom.xml") + ".jar";
    String text = repo.read("deploy/orchestrator.Dockerfile");
    Dockerfile dockerfile = Dockerfile.parse(text);
    int defaultPort = Settings.of(Map.of()).http().port();

    assertThat(text).contains("api/target/" + jar);
    assertThat(dockerfile.entrypointJar()).endsWith("/" + jar);
    assertThat(copyDestinations(dockerfile)).contains(dockerfile.entrypointJar());
    assertThat(dockerfile.exposedPorts()).containsExactly(defaultPort);
    assertThat(dockerfile.env()).containsEntry("ARCAL_HTTP_PORT", Integer.toString(defaultPort));
    assertThat(String.join(" ", dockerfile.execForm("HEALTHCHECK")))
        .contains("http://127.0.0.1:${ARCAL_HTTP_PORT:-" + defaultPort + "}/healthz");
    assertThat(dockerfile.withKeyword("USER")).containsExactly("USER 10001:10001");
  }

  @Test
  void engineImageRunsTheShadedJarOnThePortsTheAppSpecUses() {
    String jar = finalName("engine/pom.xml") + ".jar";
    String text = repo.read("deploy/engine.Dockerfile");
    Dockerfile dockerfile = Dockerfile.parse(text);

    assertThat(text).contains("engine/target/" + jar);
    assertThat(dockerfile.entrypointJar()).endsWith("/" + jar);
    assertThat(copyDestinations(dockerfile)).contains(dockerfile.entrypointJar());
    assertThat(dockerfile.exposedPorts())
        .containsExactlyInAnyOrder(AppRequest.WEBSOCKET_PORT, AppRequest.GRPC_PORT);
    assertThat(dockerfile.env())
        .containsEntry("PORT", Integer.toString(AppRequest.WEBSOCKET_PORT))
        .containsEntry("GRPC_PORT", Integer.toString(AppRequest.GRPC_PORT));
    assertThat(String.join(" ", dockerfile.execForm("HEALTHCHECK")))
        .contains("tcp://127.0.0.1:${GRPC_PORT:-" + AppRequest.GRPC_PORT + "}");
    assertThat(dockerfile.withKeyword("USER")).containsExactly("USER 10001:10001");
  }

  @Test
  void orchestratorAppServesTheImagesPortWithItsHealthRoutes() {
    String app = repo.read("deploy/modules/orchestrator.bicep");
    int port = Settings.of(Map.of()).http().port();
    assertThat(app).contains("var apiPort = " + port + "\n");
    assertThat(app).contains("targetPort: apiPort", "path: '/healthz'", "path: '/readyz'");
  }

  @Test
  void bicepUsesTheApiVersionOfTheSdkForContainerAppsAndNoPreviews() {
    String sdkVersion = sdkApiVersion();
    Set<String> appVersions = new TreeSet<>();
    int resources = 0;
    for (var file : repo.files("deploy", ".bicep")) {
      Matcher m = API_VERSION.matcher(EnvNames.read(file));
      while (m.find()) {
        resources++;
        assertThat(m.group(2)).as("%s in %s", m.group(1), repo.relative(file)).doesNotContain("preview");
        if (m.group(1).startsWith("Microsoft.App/")) {
          appVersions.add(m.group(2));
        }
      }
    }
    assertThat(resources).as("resource declarations found").isGreaterThanOrEqualTo(10);
    assertThat(appVersions).containsExactly(sdkVersion);
    assertThat(repo.read("docs/deploy.md")).contains("Microsoft.App` " + sdkVersion);
  }

  private String finalName(String pom) {
    Matcher m = FINAL_NAME.matcher(repo.read(pom));
    assertThat(m.find()).as("shade finalName in %s", pom).isTrue();
    return m.group(1).strip();
  }

  private static Set<String> copyDestinations(Dockerfile dockerfile) {
    Set<String> destinations = new TreeSet<>();
    for (String copy : dockerfile.withKeyword("COPY")) {
      String[] words = copy.split("\\s+");
      destinations.add(words[words.length - 1]);
    }
    return destinations;
  }

  /** The api-version the controller's Azure SDK sends; building the client calls nothing. */
  private static String sdkApiVersion() {
    TokenCredential credential =
        request -> Mono.just(new AccessToken("unused", OffsetDateTime.now().plusHours(1)));
    ContainerAppsApiManager manager =
        ContainerAppsApiManager.authenticate(
            credential, new AzureProfile("tenant", "subscription", AzureEnvironment.AZURE));
    return manager.serviceClient().getApiVersion();
  }
}
