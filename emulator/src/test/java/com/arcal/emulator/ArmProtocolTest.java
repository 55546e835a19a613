package com.arcal.emulator;

import static com.arcal.emulator.RawArm.API;
import static com.arcal.emulator.RawArm.RG;
import static com.arcal.emulator.RawArm.SUB;
import static com.arcal.emulator.RawArm.appBody;
import static com.arcal.emulator.RawArm.appPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.emulator.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Status codes, headers and body shapes of the ARM surface, over raw HTTPS. */
class ArmProtocolTest {
  @TempDir Path dataDir;
  private FakeContainerRuntime runtime;
  private Emulator emulator;
  private RawArm arm;

  @BeforeEach
  void start() {
    runtime = new FakeContainerRuntime();
    emulator =
        Emulator.start(
            EmulatorSettings.builder(dataDir)
                .delays(Duration.ofMillis(50), Duration.ofMillis(50))
                .build(),
            runtime);
    arm = new RawArm(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void put_answers201InProgressWithAsyncOperationHeaders_thenSucceeds() {
    RawArm.Reply put = arm.put(appPath("shop-1"), appBody("arcal/engine:local"));

    assertThat(put.status()).isEqualTo(201);
    assertThat(put.body().path("properties").path("provisioningState").asText())
        .isEqualTo("InProgress");
    assertThat(put.body().path("properties").path("latestRevisionName").asText()).isEmpty();
    assertThat(put.body().path("id").asText())
        .isEqualTo(
            "/subscriptions/"
                + SUB
                + "/resourceGroups/"
                + RG
                + "/providers/Microsoft.App/containerapps/shop-1");
    assertThat(put.header("Retry-After")).contains("1");
    String statusUrl = put.header("Azure-AsyncOperation").orElseThrow();
    assertThat(statusUrl)
        .startsWith(
            emulator.httpsBaseUrl()
                + "/subscriptions/"
                + SUB
                + "/providers/Microsoft.App/locations/westeurope/containerappOperationStatuses/")
        .contains("api-version=2025-01-01");

    JsonNode status =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> arm.getUrl(statusUrl).body(),
                b -> !b.path("status").asText().equals("InProgress"));
    assertThat(status.path("status").asText()).isEqualTo("Succeeded");
    assertThat(status.path("name").asText()).isEqualTo(statusUrl.replaceAll(".*/|\\?.*", ""));

    JsonNode app = arm.get(appPath("shop-1")).body();
    JsonNode props = app.path("properties");
    assertThat(props.path("provisioningState").asText()).isEqualTo("Succeeded");
    assertThat(props.path("latestRevisionName").asText()).matches("shop-1--[a-z0-9]{7}");
    String domain = RG + ".arcal.localhost";
    assertThat(props.path("latestRevisionFqdn").asText())
        .isEqualTo(props.path("latestRevisionName").asText() + "." + domain);
    assertThat(props.path("configuration").path("ingress").path("fqdn").asText())
        .isEqualTo("shop-1." + domain);
    assertThat(props.path("configuration").path("ingress").path("transport").asText())
        .isEqualTo("Auto");
    assertThat(props.path("configuration").path("activeRevisionsMode").asText())
        .isEqualTo("Single");
    assertThat(props.path("outboundIpAddresses").toString())
        .as("the environment's outbound address, as in Azure, not the app's")
        .isEqualTo("[\"127.0.0.1\"]");
    assertThat(arm.addressOf("shop-1")).matches("127\\.1\\.\\d+\\.\\d+");
    assertThat(runtime.ensured("shop-1"))
        .singleElement()
        .satisfies(
            spec -> {
              assertThat(spec.image()).isEqualTo("arcal/engine:local");
              assertThat(spec.ports()).containsExactly(3000, 50051);
              assertThat(spec.env()).containsEntry("SALE_ID", "s1");
              assertThat(spec.bindHost()).isEqualTo(arm.addressOf("shop-1"));
              assertThat(spec.revisionName()).isEqualTo(props.path("latestRevisionName").asText());
            });
  }

  @Test
  void put_sameSpecAgain_answers200WithoutNewOperation() {
    JsonNode created = arm.createAndWait("shop-2", "arcal/engine:local");

    RawArm.Reply again = arm.put(appPath("shop-2"), appBody("arcal/engine:local"));

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.header("Azure-AsyncOperation")).isEmpty();
    assertThat(again.body().path("properties").path("latestRevisionName"))
        .isEqualTo(created.path("properties").path("latestRevisionName"));
  }

  @Test
  void put_ofTheBodyReadBack_isUnchanged() {
    JsonNode created = arm.createAndWait("shop-3", "arcal/engine:local");

    RawArm.Reply again = arm.put(appPath("shop-3"), created);

    assertThat(again.status()).isEqualTo(200);
  }

  @Test
  void put_changedTemplate_makesNewRevision_butTagChangeDoesNot() {
    String first =
        arm.createAndWait("shop-4", "arcal/engine:local")
            .path("properties")
            .path("latestRevisionName")
            .asText();

    ObjectNode retagged = appBody("arcal/engine:local");
    retagged.putObject("tags").put("arcal-sale", "other");
    assertThat(arm.put(appPath("shop-4"), retagged).status()).isEqualTo(201);
    JsonNode afterTags = arm.awaitState("shop-4", "Succeeded");
    assertThat(afterTags.path("properties").path("latestRevisionName").asText()).isEqualTo(first);
    assertThat(afterTags.path("tags").path("arcal-sale").asText()).isEqualTo("other");

    assertThat(arm.put(appPath("shop-4"), appBody("arcal/engine:v2")).status()).isEqualTo(201);
    String second =
        arm.awaitState("shop-4", "Succeeded")
            .path("properties")
            .path("latestRevisionName")
            .asText();
    assertThat(second).matches("shop-4--[a-z0-9]{7}").isNotEqualTo(first);
    assertThat(runtime.ensured("shop-4"))
        .last()
        .satisfies(s -> assertThat(s.image()).isEqualTo("arcal/engine:v2"));
  }

  @Test
  void patch_isMergePatch_answering202WithLocation() {
    arm.createAndWait("shop-5", "arcal/engine:local");
    ObjectNode patch = Json.object();
    patch
        .putObject("properties")
        .putObject("template")
        .putArray("containers")
        .addObject()
        .put("name", "engine")
        .put("image", "arcal/engine:v3");

    RawArm.Reply reply = arm.patch(appPath("shop-5"), patch);

    assertThat(reply.status()).isEqualTo(202);
    assertThat(reply.header("Location").orElseThrow()).contains("/containerappOperationResults/");
    assertThat(reply.header("Azure-AsyncOperation").orElseThrow())
        .contains("/containerappOperationStatuses/");
    JsonNode app = arm.awaitState("shop-5", "Succeeded");
    assertThat(
            app.path("properties")
                .path("template")
                .path("containers")
                .get(0)
                .path("image")
                .asText())
        .isEqualTo("arcal/engine:v3");
    assertThat(app.path("tags").path("arcal-sale").asText()).isEqualTo("s1");
    assertThat(
            app.path("properties").path("configuration").path("ingress").path("targetPort").asInt())
        .isEqualTo(3000);
  }

  @Test
  void get_missingApp_isResourceNotFoundInArmShape() {
    RawArm.Reply reply = arm.get(appPath("nope"));

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.errorCode()).isEqualTo("ResourceNotFound");
    assertThat(reply.body().path("error").path("message").asText())
        .startsWith(
            "The Resource 'Microsoft.App/containerApps/nope' under resource group 'arcal-local' was"
                + " not found.");
  }

  @Test
  void unknownResourceGroup_isResourceGroupNotFound() {
    RawArm.Reply reply =
        arm.put(
            "/subscriptions/"
                + SUB
                + "/resourceGroups/elsewhere/providers/Microsoft.App/containerApps/a1?"
                + API,
            appBody("x"));

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.errorCode()).isEqualTo("ResourceGroupNotFound");
    assertThat(reply.body().path("error").path("message").asText())
        .isEqualTo("Resource group 'elsewhere' could not be found.");
  }

  @Test
  void secondWriteDuringOperation_isLockConflict() {
    emulator.close();
    emulator =
        Emulator.start(
            EmulatorSettings.builder(dataDir)
                .delays(Duration.ofHours(1), Duration.ofHours(1))
                .build(),
            runtime);
    arm = new RawArm(emulator);
    assertThat(arm.put(appPath("shop-6"), appBody("a")).status()).isEqualTo(201);

    RawArm.Reply second = arm.put(appPath("shop-6"), appBody("b"));
    RawArm.Reply delete = arm.delete(appPath("shop-6"));

    assertThat(second.status()).isEqualTo(409);
    assertThat(second.errorCode()).isEqualTo("ContainerAppLockConflict");
    assertThat(second.body().path("error").path("message").asText())
        .isEqualTo(
            "Cannot modify container App 'shop-6' because another modification is in progress."
                + " Please retry the operation.");
    assertThat(delete.status()).isEqualTo(409);
  }

  @Test
  void invalidNames_areContainerAppInvalidName() {
    for (String name : List.of("a", "Upper", "1abc", "ab-", "a--b", "a_b", "a".repeat(33))) {
      RawArm.Reply reply = arm.put(appPath(name), appBody("x"));
      assertThat(reply.status()).as(name).isEqualTo(400);
      assertThat(reply.errorCode()).as(name).isEqualTo("ContainerAppInvalidName");
    }
    assertThat(arm.put(appPath("a".repeat(32)), appBody("x")).status()).isEqualTo(201);
  }

  @Test
  void malformedJson_isInvalidRequestContent() {
    RawArm.Reply reply = arm.put(appPath("shop-7"), "{\"location\": ");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorCode()).isEqualTo("InvalidRequestContent");
    assertThat(reply.body().path("error").path("message").asText()).isNotBlank();
  }

  @Test
  void badInputs_neverAnswer500() {
    List<String> bodies =
        List.of(
            "",
            "null",
            "[]",
            "42",
            "\"text\"",
            "{}",
            "{\"location\":7}",
            "{\"location\":\"x\",\"properties\":[]}",
            "{\"location\":\"x\",\"properties\":{\"managedEnvironmentId\":\"/bogus\"}}",
            "{\"location\":\"x\",\"properties\":{\"managedEnvironmentId\":\""
                + RawArm.ENV_ID
                + "\",\"template\":{\"containers\":[{}]}}}",
            "{\"location\":\"x\",\"properties\":{\"managedEnvironmentId\":\""
                + RawArm.ENV_ID
                + "\",\"configuration\":{\"ingress\":{\"targetPort\":\"x\"}},\"template\":{\"containers\":[{\"name\":\"a\",\"image\":\"b\"}]}}}",
            "{\"location\":\"x\",\"properties\":{\"managedEnvironmentId\":\""
                + RawArm.ENV_ID
                + "\",\"configuration\":{\"ingress\":{\"transport\":\"quic\"}},\"template\":{\"containers\":[{\"name\":\"a\",\"image\":\"b\",\"env\":5}]}}}",
            "{\"location\":\"x\"} trailing",
            "\u0000\u0001");
    for (String body : bodies) {
      RawArm.Reply put = arm.put(appPath("shop-8"), body);
      RawArm.Reply patch = arm.patch(appPath("shop-8"), body);
      assertThat(put.status()).as("PUT %s", body).isBetween(400, 499);
      assertThat(put.errorCode()).as("PUT %s", body).isNotBlank();
      assertThat(patch.status()).as("PATCH %s", body).isBetween(400, 499);
    }
    for (String path :
        List.of(
            "/",
            "/subscriptions",
            "/subscriptions/x/resourceGroups/%25zz/providers/Microsoft.App/containerApps/a?" + API,
            "/subscriptions/"
                + SUB
                + "/providers/Microsoft.App/locations/westeurope/containerappOperationStatuses/none?"
                + API,
            appPath("shop-8") + "&$skiptoken=%25%25")) {
      assertThat(arm.get(path).status()).as(path).isBetween(400, 499);
    }
    assertThat(
            arm.get(
                    "/subscriptions/"
                        + SUB
                        + "/resourceGroups/"
                        + RG
                        + "/providers/Microsoft.App/containerApps?"
                        + API
                        + "&$skiptoken=***")
                .status())
        .isEqualTo(400);
    assertThat(emulator.stats().count(k -> k.status() >= 500)).isZero();
  }

  @Test
  void missingBearer_is401AuthenticationFailed() {
    RawArm.Reply reply = arm.send("GET", arm.url(appPath("shop-9")), null, false);

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.errorCode()).isEqualTo("AuthenticationFailed");
    assertThat(reply.header("WWW-Authenticate")).isPresent();
  }

  @Test
  void missingApiVersion_is400MissingApiVersionParameter() {
    RawArm.Reply reply = arm.get(appPath("shop-10").replace("?" + API, ""));
    RawArm.Reply bad = arm.get(appPath("shop-10").replace(API, "api-version=latest"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorCode()).isEqualTo("MissingApiVersionParameter");
    assertThat(bad.errorCode()).isEqualTo("InvalidApiVersionParameter");
    assertThat(arm.get(appPath("shop-10").replace(API, "api-version=2024-08-02-preview")).status())
        .isEqualTo(404);
  }

  @Test
  void delete_answers202WithLocation_thenPolls202Then204_andMissingAppIs204() {
    emulator.close();
    TestClock clock = TestClock.atEpochDay();
    emulator =
        Emulator.start(
            EmulatorSettings.builder(dataDir).delays(Duration.ZERO, Duration.ofSeconds(30)).build(),
            runtime,
            clock);
    arm = new RawArm(emulator);
    arm.createAndWait("shop-11", "arcal/engine:local");

    RawArm.Reply delete = arm.delete(appPath("shop-11"));

    assertThat(delete.status()).isEqualTo(202);
    assertThat(delete.body()).isNull();
    assertThat(delete.header("Retry-After")).contains("15");
    String location = delete.header("Location").orElseThrow();
    assertThat(location)
        .contains("/providers/Microsoft.App/locations/westeurope/containerappOperationResults/")
        .contains(API);
    RawArm.Reply polling = arm.getUrl(location);
    assertThat(polling.status()).isEqualTo(202);
    assertThat(polling.header("Location")).isPresent();
    assertThat(
            arm.get(appPath("shop-11"))
                .body()
                .path("properties")
                .path("provisioningState")
                .asText())
        .isEqualTo("Deleting");
    assertThat(arm.delete(appPath("shop-11")).status())
        .as("a repeated DELETE joins the deletion")
        .isEqualTo(202);

    clock.advance(Duration.ofSeconds(31));
    await().atMost(Duration.ofSeconds(10)).until(() -> arm.getUrl(location).status() == 204);
    assertThat(arm.get(appPath("shop-11")).status()).isEqualTo(404);
    assertThat(runtime.removed()).containsExactly("shop-11");
    assertThat(arm.delete(appPath("shop-11")).status()).isEqualTo(204);
  }

  @Test
  void environmentThatDoesNotExist_isManagedEnvironmentNotFound() {
    ObjectNode body = appBody("x");
    ((ObjectNode) body.path("properties"))
        .put("managedEnvironmentId", RawArm.ENV_ID.replace("arcal-env", "other-env"));

    RawArm.Reply reply = arm.put(appPath("shop-12"), body);

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.errorCode()).isEqualTo("ManagedEnvironmentNotFound");
  }

  @Test
  void managedEnvironment_isReadable() {
    RawArm.Reply env =
        arm.get(
            "/subscriptions/"
                + SUB
                + "/resourceGroups/"
                + RG
                + "/providers/Microsoft.App/managedEnvironments/arcal-env?"
                + API);
    RawArm.Reply other =
        arm.get(
            "/subscriptions/"
                + SUB
                + "/resourceGroups/"
                + RG
                + "/providers/Microsoft.App/managedEnvironments/x?"
                + API);

    assertThat(env.status()).isEqualTo(200);
    assertThat(env.body().path("properties").path("defaultDomain").asText())
        .isEqualTo("arcal-local.arcal.localhost");
    assertThat(env.body().path("properties").path("provisioningState").asText())
        .isEqualTo("Succeeded");
    assertThat(env.body().path("properties").path("staticIp").asText()).isEqualTo("127.0.0.1");
    assertThat(other.status()).isEqualTo(404);
  }

  @Test
  void internalIngress_getsInternalFqdn() {
    ObjectNode body = appBody("x");
    ((ObjectNode) body.path("properties").path("configuration").path("ingress"))
        .put("external", false);
    arm.put(appPath("shop-13"), body);

    JsonNode app = arm.awaitState("shop-13", "Succeeded");

    assertThat(app.path("properties").path("configuration").path("ingress").path("fqdn").asText())
        .isEqualTo("shop-13.internal.arcal-local.arcal.localhost");
  }

  @Test
  void fixedSegments_matchCaseInsensitively_andEveryResponseCarriesRateLimitHeader() {
    RawArm.Reply reply =
        arm.get(
            "/SUBSCRIPTIONS/"
                + SUB
                + "/resourcegroups/"
                + RG
                + "/providers/microsoft.app/containerapps?"
                + API);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().path("value").isArray()).isTrue();
    assertThat(reply.body().has("nextLink")).isFalse();
    assertThat(reply.header("x-ms-ratelimit-remaining-subscription-reads")).isPresent();
    assertThat(arm.delete(appPath("none")).header("x-ms-ratelimit-remaining-subscription-deletes"))
        .isPresent();
  }

  @Test
  void eachApp_getsItsOwnLoopbackAddress() {
    arm.createAndWait("shop-14", "x");
    arm.createAndWait("shop-15", "x");

    assertThat(arm.addressOf("shop-14")).isNotNull().isNotEqualTo(arm.addressOf("shop-15"));

    arm.delete(appPath("shop-14"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> arm.addressOf("shop-14") == null);
    assertThat(arm.addressOf("shop-15")).as("a deletion leaves the others' names").isNotNull();
  }

  @Test
  void plainHttp_servesTheSameApi_withUrlsOnItsOwnScheme() throws Exception {
    emulator.close();
    emulator = Emulator.start(EmulatorSettings.builder(dataDir).ports(0, 0).build(), runtime);
    String http = emulator.httpBaseUrl().orElseThrow();
    java.net.http.HttpClient plain = java.net.http.HttpClient.newHttpClient();

    java.net.http.HttpResponse<String> put =
        plain.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(http + appPath("plain-1")))
                .header("Authorization", "Bearer t")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(appBody("x").toString()))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(http).startsWith("http://127.0.0.1:");
    assertThat(put.statusCode()).isEqualTo(201);
    assertThat(put.headers().firstValue("Azure-AsyncOperation").orElseThrow())
        .startsWith(http + "/subscriptions/");
  }
}
