package com.arcal.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.controller.engine.EngineAddress;
import com.arcal.controller.status.HistoryAction;
import com.arcal.engine.v1.GetSaleRequest;
import com.arcal.engine.v1.SaleEngineGrpc;
import com.arcal.engine.v1.SaleState;
import com.arcal.engine.v1.SaleStatus;
import com.arcal.engine.v1.StartSaleRequest;
import com.arcal.engine.v1.StopSaleRequest;
import com.arcal.reliability.harness.Api;
import com.arcal.reliability.harness.Api.Response;
import com.arcal.reliability.harness.EmbeddedArm;
import com.arcal.reliability.harness.FakeFleet;
import com.arcal.reliability.harness.Figures;
import com.arcal.reliability.harness.JavaProcess;
import com.arcal.reliability.harness.LocalFleet;
import com.arcal.reliability.harness.OrchestratorProcess;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/**
 * Scenario 9: authentication of writes, secrets kept out of logs and answers, gRPC kept internal,
 * and only the orchestrator able to drive an engine.
 */
class SecurityIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> MUTATING = List.of("POST", "PUT", "PATCH", "DELETE");

  @TempDir Path dir;

  @Test
  void everyRouteOfTheOpenApi_refusesWritesWithoutTheToken_andChangesNothing() throws Exception {
    try (FakeFleet fleet = FakeFleet.withToken(dir)) {
      Api owner = fleet.authorised();
      assertThat(owner.post("/sales/spawn", "{\"saleId\":\"kept\"}").status()).isEqualTo(202);
      Response before = fleet.api.get("/desired-state");
      JsonNode paths = fleet.api.get("/openapi.json").json().get("paths");
      List<String> walked = new ArrayList<>();
      List<String> failures = new ArrayList<>();
      List<Optional<String>> badAuth = List.of(
          Optional.empty(), Optional.of("Bearer wrong-token"), Optional.of("Bearer "),
          Optional.of("Basic " + LocalFleet.TOKEN), Optional.of("Bearer " + LocalFleet.TOKEN + "x"),
          Optional.of(LocalFleet.TOKEN), Optional.of("Bearer " + LocalFleet.TOKEN.substring(1)));
      for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
        String template = it.next();
        String path = template.replace("{id}", "kept");
        // Every mutating method on every route, declared or not: the check is in front of routing.
        for (String method : MUTATING) {
          for (Optional<String> auth : badAuth) {
            HttpRequest.Builder b = fleet.api.request(path).header("Content-Type", "application/json")
                .header("If-Match", before.header("ETag"))
                .method(method, HttpRequest.BodyPublishers.ofString(validBody(template)));
            auth.ifPresent(a -> b.header("Authorization", a));
            Response r = fleet.api.send(b);
            walked.add(method + " " + path);
            if (r.status() != 401 || r.header("WWW-Authenticate") == null) {
              failures.add(method + " " + path + " with " + auth.orElse("no token") + " -> " + r.status());
            }
          }
        }
      }
      assertThat(failures).isEmpty();
      Response after = fleet.api.get("/desired-state");
      assertThat(after.body()).isEqualTo(before.body());
      assertThat(after.header("ETag")).isEqualTo(before.header("ETag"));
      assertThat(fleet.apps.app("sale-intruder")).as("no app for the intruder's spawn").isEmpty();
      assertThat(fleet.apps.calls()).as("platform calls").noneMatch(c -> c.toLowerCase().contains("delete"));
      assertThat(owner.post("/deletions/confirm", "").status()).as("the token works").isEqualTo(200);

      new Figures("9a-auth-walk")
          .put("routes in openapi.json", paths.size())
          .put("unauthorised writes tried", walked.size())
          .put("answered 401", walked.size() - failures.size())
          .put("state changes", 0)
          .publish();
    }
  }

  private static String validBody(String template) {
    return switch (template) {
      case "/sales/spawn" -> "{\"saleId\":\"intruder\"}";
      case "/desired-state" -> "{\"sales\":{}}";
      default -> "{\"config\":{\"evil\":\"1\"}}";
    };
  }

  @Test
  void secretsNeverAppearInLogsOrAnswers() throws Exception {
    String apiToken = "api-token-SECRET-5f1e0c2b9a7d4e3f";
    String armToken = "arm-token-SECRET-9c8b7a6f5e4d3c2b";
    String clientSecret = "client-secret-SECRET-0a1b2c3d4e5f";
    List<String> secrets = new ArrayList<>(List.of(apiToken, armToken, clientSecret));
    String engineToken;
    try (EmbeddedArm arm = new EmbeddedArm(dir.resolve("emulator"))) {
      int port = OrchestratorProcess.freePort();
      Map<String, String> env = arm.orchestratorEnv(port, dir.resolve("desired-state.json"), armToken);
      env.put("ARCAL_API_TOKEN", apiToken);
      env.put("AZURE_TENANT_ID", "00000000-0000-0000-0000-0000000000aa");
      env.put("AZURE_CLIENT_ID", "00000000-0000-0000-0000-0000000000bb");
      env.put("AZURE_CLIENT_SECRET", clientSecret);
      Path log = dir.resolve("orchestrator.log");
      List<String> answers = new ArrayList<>();
      try (JavaProcess orchestrator = OrchestratorProcess.start(List.of(),
          // Debug level everywhere, the SDK's HTTP logging included: the strictest test.
          List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=debug",
              "-Dorg.slf4j.simpleLogger.log.com.azure=debug", "-DAZURE_HTTP_LOG_DETAIL_LEVEL=body_and_headers",
              "-Xmx256m", "-XX:TieredStopAtLevel=1"),
          env, dir, log)) {
        Api anonymous = new Api("http://127.0.0.1:" + port);
        Api owner = new Api("http://127.0.0.1:" + port, Optional.of(apiToken));
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
            .until(() -> anonymous.get("/readyz").status() == 200);
        answers.add(owner.post("/sales/spawn", "{\"saleId\":\"secret-a\"}").body());
        await().atMost(Duration.ofSeconds(60)).until(() -> anonymous.phase("secret-a").equals("Running"));
        // The engine's own token, generated by the orchestrator, read here as the cloud's owner.
        engineToken = arm.sdk().serviceClient().getContainerApps()
            .listSecrets(OrchestratorProcess.GROUP, "sale-secret-a").value().get(0).value();
        answers.add(eventsSnapshot(anonymous, "secret-a"));
        answers.add(anonymous.post("/sales/spawn", "{\"saleId\":\"x\"}").body());
        answers.add(new Api(anonymous.base(), Optional.of(apiToken + "x")).delete("/sales/secret-a").body());
        answers.add(owner.put("/sales/secret-a", "{\"config\":[1]}", null).body());
        answers.add(owner.put("/desired-state", "{\"sales\":", "\"nope\"").body());
        for (String path : List.of("/sales", "/sales/secret-a", "/desired-state", "/plan",
            "/deletions", "/readyz", "/healthz", "/metrics", "/openapi.json", "/nope")) {
          Response r = anonymous.get(path);
          answers.add(r.raw().headers().map() + "\n" + r.body());
        }
        orchestrator.process().destroy(); // SIGTERM: the shutdown logs too
        orchestrator.process().waitFor();
      }
      assertThat(engineToken).hasSizeGreaterThanOrEqualTo(43);
      secrets.add(engineToken);
      String logText = java.nio.file.Files.readString(log);
      assertThat(logText).as("the log is not empty").contains("listening on");
      String emulatorFiles = java.nio.file.Files.readString(dir.resolve("emulator").resolve("arm-journal.jsonl"));
      for (String secret : secrets) {
        assertThat(logText).as("log").doesNotContain(secret);
        assertThat(answers).as("API answers").noneMatch(a -> a.contains(secret));
        assertThat(emulatorFiles).as("emulator journal").doesNotContain(secret);
      }
      new Figures("9b-secrets")
          .put("secrets planted", "API token, ARM static token, AZURE_CLIENT_SECRET, the engine's token")
          .put("log lines inspected (debug level)", logText.lines().count())
          .put("API answers inspected", answers.size())
          .put("occurrences found", 0)
          .publish();
    }
  }

  /** The first lines of {@code /events} (its snapshot), up to the one naming {@code sale}. */
  private static String eventsSnapshot(Api api, String sale) throws Exception {
    HttpRequest request = api.request("/events").header("Accept", "text/event-stream").build();
    var response = java.net.http.HttpClient.newHttpClient()
        .send(request, java.net.http.HttpResponse.BodyHandlers.ofInputStream());
    List<String> lines = new CopyOnWriteArrayList<>();
    java.io.InputStream body = response.body();
    Thread reader = new Thread(() -> {
      try (var in = new java.io.BufferedReader(
          new java.io.InputStreamReader(body, java.nio.charset.StandardCharsets.UTF_8))) {
        in.lines().forEach(lines::add);
      } catch (java.io.IOException | java.io.UncheckedIOException closed) {
        // The stream was closed below, once the snapshot was read.
      }
    }, "events-reader");
    reader.setDaemon(true);
    reader.start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.contains(sale)));
    } finally {
      // The response's own stream, closed, ends the blocked read at once. Closing the reader
      // instead waits for its lock, which the reading thread takes back after every keep-alive
      // (15 s apart): that close took minutes in some runs.
      body.close();
    }
    return String.join("\n", lines);
  }

  @Test
  void aNeighbourEngine_cannotDriveAnotherSale_andChangesNothing() throws Exception {
    try (LocalFleet fleet = LocalFleet.in(dir).start()) {
      for (String sale : List.of("nb-a", "nb-b")) {
        assertThat(fleet.api.post("/sales/spawn", "{\"saleId\":\"" + sale + "\"}").status()).isEqualTo(202);
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> fleet.running("nb-a") && fleet.running("nb-b"));
      EngineAddress victim = fleet.engineAddress("sale-nb-b");
      String ownToken = fleet.engineToken("sale-nb-a"); // all a compromised engine A holds
      String victimsToken = fleet.engineToken("sale-nb-b");
      assertThat(ownToken).isNotEqualTo(victimsToken);
      ManagedChannel channel = NettyChannelBuilder.forAddress(victim.host(), victim.port()).usePlaintext().build();
      List<String> refusals = new ArrayList<>();
      try {
        List<Optional<String>> attempts = List.of(Optional.empty(), Optional.of("Bearer " + ownToken),
            Optional.of(ownToken), Optional.of("Basic " + victimsToken),
            Optional.of("Bearer " + victimsToken.substring(1)), Optional.of("Bearer "));
        for (Optional<String> authorization : attempts) {
          var neighbour = stub(channel, authorization);
          refusals.add(refusal(() -> neighbour.stopSale(StopSaleRequest.newBuilder().setSaleId("nb-b").build())));
          refusals.add(refusal(() -> neighbour.stopSale(StopSaleRequest.getDefaultInstance())));
          refusals.add(refusal(() -> neighbour.startSale(
              StartSaleRequest.newBuilder().setSaleId("nb-b").setGeneration(99).putConfig("evil", "1").build())));
          refusals.add(refusal(() -> neighbour.getSale(GetSaleRequest.getDefaultInstance())));
        }
        assertThat(refusals).as("every call of the neighbour").containsOnly("UNAUTHENTICATED");

        SaleStatus untouched = stub(channel, Optional.of("Bearer " + victimsToken))
            .getSale(GetSaleRequest.getDefaultInstance());
        assertThat(untouched.getState()).isEqualTo(SaleState.SALE_STATE_RUNNING);
        assertThat(untouched.getSaleId()).isEqualTo("nb-b");
        assertThat(untouched.getGeneration()).as("the neighbour's StartSale did not land").isEqualTo(1);
        assertThat(HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
            .check(HealthCheckRequest.getDefaultInstance()).getStatus())
            .as("health stays open to probes").isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
      assertThat(fleet.running("nb-b")).isTrue();
      assertThat(fleet.status("nb-b").orElseThrow().history())
          .noneMatch(h -> h.action() == HistoryAction.HEALED);

      new Figures("9d-neighbour")
          .put("calls by a neighbour engine (4 methods x 6 credentials)", refusals.size())
          .put("answered UNAUTHENTICATED", refusals.stream().filter("UNAUTHENTICATED"::equals).count())
          .put("victim after the attempts", "RUNNING, generation 1, never healed")
          .publish();
    }
  }

  private static SaleEngineGrpc.SaleEngineBlockingStub stub(ManagedChannel channel, Optional<String> authorization) {
    Metadata headers = new Metadata();
    authorization.ifPresent(a -> headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), a));
    return SaleEngineGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .withDeadlineAfter(5, TimeUnit.SECONDS);
  }

  /** The status code a call ended with ("OK" when it went through). */
  private static String refusal(Runnable call) {
    try {
      call.run();
      return "OK";
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode().name();
    }
  }

  @Test
  void theContainerAppSpecSent_keepsGrpcInternal_andExposesOnly3000() {
    List<String> putBodies = new CopyOnWriteArrayList<>();
    try (LocalFleet fleet = LocalFleet.in(dir).policy(new RecordPuts(putBodies)).start()) {
      assertThat(fleet.api.post("/sales/spawn", "{\"saleId\":\"sec-1\",\"config\":{\"k\":\"v\"}}").status()).isEqualTo(202);
      await().atMost(Duration.ofSeconds(60)).until(() -> fleet.running("sec-1"));
      assertThat(fleet.api.put("/sales/sec-1", "{\"config\":{\"k\":\"w\"}}", null).status()).isEqualTo(202);
      await().atMost(Duration.ofSeconds(60)).until(() -> putBodies.size() >= 2 && fleet.running("sec-1"));

      for (String body : putBodies) {
        assertSafe(readTree(body));
      }
      // What the cloud stored (and would run) says the same.
      var ingress = fleet.sdk().serviceClient().getContainerApps()
          .getByResourceGroup(LocalFleet.GROUP, "sale-sec-1").configuration().ingress();
      assertThat(ingress.targetPort()).isEqualTo(3000);
      assertThat(ingress.additionalPortMappings()).isNotEmpty()
          .allSatisfy(m -> assertThat(m.external()).as("stored mapping " + m.targetPort()).isFalse());
      new Figures("9c-spec-sent")
          .put("PUT bodies inspected", putBodies.size())
          .put("ingress targetPort", 3000)
          .put("additionalPortMappings external", false)
          .publish();
    }
  }

  private static void assertSafe(JsonNode app) {
    JsonNode ingress = app.path("properties").path("configuration").path("ingress");
    assertThat(ingress.isMissingNode()).as("ingress present in " + app).isFalse();
    assertThat(ingress.path("targetPort").asInt()).as("ingress targetPort").isEqualTo(3000);
    if (ingress.has("exposedPort")) {
      assertThat(ingress.get("exposedPort").asInt(0)).isIn(0, 3000);
    }
    JsonNode mappings = ingress.path("additionalPortMappings");
    assertThat(mappings.isArray()).as("gRPC port mapping present").isTrue();
    for (JsonNode mapping : mappings) {
      assertThat(mapping.path("external").asBoolean(true)).as("external of " + mapping).isFalse();
      assertThat(mapping.path("targetPort").asInt()).isNotEqualTo(3000);
    }
    List<Integer> ports = new ArrayList<>();
    app.path("properties").path("template").path("containers")
        .forEach(c -> c.path("ports").forEach(p -> ports.add(p.asInt())));
    assertThat(ports).as("no other declared container port").allMatch(p -> p == 3000 || p == 50051);
  }

  private static JsonNode readTree(String body) {
    try {
      return JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new AssertionError("PUT body is not JSON: " + body, e);
    }
  }

  /** Records the body of every PUT of a container app the orchestrator sends. */
  private record RecordPuts(List<String> bodies) implements HttpPipelinePolicy {
    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
      record(context);
      return next.process();
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
      record(context);
      return next.processSync();
    }

    private void record(HttpPipelineCallContext context) {
      var request = context.getHttpRequest();
      if (request.getHttpMethod() == HttpMethod.PUT && request.getBodyAsBinaryData() != null
          && request.getUrl().getPath().toLowerCase().contains("/containerapps/")) {
        bodies.add(request.getBodyAsBinaryData().toString());
      }
    }
  }
}
