package com.arcal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.api.ApiClient.Response;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's promise, end to end: the orchestrator jar as a process on the embedded emulator,
 * two sales spawned through the API, a buyer's WebSocket, an engine killed with SIGKILL and healed,
 * a sale deleted, and a SIGTERM that leaves no engine behind.
 */
class OrchestratorIT {
  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final Duration CONVERGE = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;
  private Process orchestrator;
  private Path emulatorData;

  @Test
  void spawnsHealsDeletesAndStopsCleanly() throws Exception {
    int port = freePort();
    emulatorData = dir.resolve("emulator").toAbsolutePath();
    orchestrator = start(port);
    ApiClient api = new ApiClient("http://127.0.0.1:" + port);
    awaitOrExplain("ready", STARTUP, api, () -> api.get("/readyz").status() == 200);

    assertThat(api.post("/sales/spawn", "{\"saleId\":\"it-a\"}").status()).isEqualTo(202);
    assertThat(api.post("/sales/spawn", "{\"saleId\":\"it-b\"}").status()).isEqualTo(202);
    awaitOrExplain("both Running", CONVERGE, api,
        () -> phase(api, "it-a").equals("Running") && phase(api, "it-b").equals("Running"));

    String wsUrl = sale(api, "it-a").get("wsUrl").asText();
    assertThat(hello(wsUrl).get("saleId").asText()).isEqualTo("it-a");

    ProcessHandle engine = engineOf("sale-it-a").orElseThrow();
    assertThat(engine.destroyForcibly()).isTrue();
    awaitOrExplain("it-a healed", CONVERGE, api, () -> {
      Optional<ProcessHandle> next = engineOf("sale-it-a");
      JsonNode status = api.get("/sales/it-a").json().get("status");
      return next.isPresent() && next.get().pid() != engine.pid()
          && status.get("phase").asText().equals("Running")
          && actions(status).contains("healed");
    });
    JsonNode again = hello(sale(api, "it-a").get("wsUrl").asText());
    assertThat(again.get("saleId").asText()).isEqualTo("it-a");

    ProcessHandle engineB = engineOf("sale-it-b").orElseThrow();
    Response deleted = api.send(api.request("/sales/it-b?wait=90").timeout(CONVERGE).DELETE());
    assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> !engineB.isAlive());
    assertThat(engineOf("sale-it-b")).isEmpty();
    assertThat(api.get("/sales").json()).extracting(s -> s.get("saleId").asText())
        .containsExactly("it-a");

    orchestrator.destroy(); // SIGTERM
    assertThat(orchestrator.waitFor(60, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
    await().atMost(Duration.ofSeconds(30)).until(() -> ourEngines().isEmpty());
    assertThat(Files.readString(dir.resolve("orchestrator.log")))
        .contains("listening on http://127.0.0.1:" + port)
        .contains("stopping");
  }

  /** Awaits the condition; on time-out, fails with what the API and the log say. */
  private void awaitOrExplain(String what, Duration timeout, ApiClient api, Callable<Boolean> condition) {
    try {
      await().atMost(timeout).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(condition);
    } catch (ConditionTimeoutException e) {
      StringBuilder why = new StringBuilder(what + " not reached within " + timeout);
      for (String path : List.of("/readyz", "/sales/it-a", "/sales/it-b")) {
        try {
          why.append("\n").append(path).append(": ").append(api.get(path).body());
        } catch (RuntimeException unreachable) {
          why.append("\n").append(path).append(": ").append(unreachable);
        }
      }
      try {
        why.append("\nlog:\n").append(Files.readString(dir.resolve("orchestrator.log")));
      } catch (IOException unreadable) {
        why.append("\nlog unreadable: ").append(unreadable);
      }
      throw new AssertionError(why.toString(), e);
    }
  }

  private Process start(int port) throws IOException {
    Path jar = Path.of(System.getProperty("orchestrator.jar", "target/arcal-orchestrator.jar"));
    assertThat(jar).exists();
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toAbsolutePath().toString())
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("orchestrator.log").toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("ARCAL_") || k.startsWith("AZURE_"));
    builder.environment().put("ARCAL_HTTP_PORT", Integer.toString(port));
    builder.environment().put("ARCAL_STATE_FILE", dir.resolve("desired-state.json").toString());
    builder.environment().put("ARCAL_EMULATOR_DATA_DIR", emulatorData.toString());
    builder.environment().put("ARCAL_EMULATOR_DELAY_MS", "100");
    builder.environment().put("ARCAL_POLL_MILLIS", "200");
    return builder.start();
  }

  private static JsonNode sale(ApiClient api, String id) {
    for (JsonNode sale : api.get("/sales").json()) {
      if (sale.get("saleId").asText().equals(id)) {
        return sale;
      }
    }
    throw new AssertionError("no sale " + id);
  }

  private static String phase(ApiClient api, String id) {
    try {
      return sale(api, id).get("phase").asText();
    } catch (AssertionError e) {
      return "absent";
    }
  }

  private static List<String> actions(JsonNode status) {
    return status.get("history").findValuesAsText("action");
  }

  /** The first message a buyer gets: {"type":"hello","saleId":...}. */
  private static JsonNode hello(String wsUrl) throws Exception {
    CompletableFuture<String> first = new CompletableFuture<>();
    WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .buildAsync(URI.create(wsUrl), new WebSocket.Listener() {
          private final StringBuilder text = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
              first.complete(text.toString());
            }
            socket.request(1);
            return null;
          }
        })
        .get(15, TimeUnit.SECONDS);
    try {
      JsonNode hello = JSON.readTree(first.get(15, TimeUnit.SECONDS));
      assertThat(hello.get("type").asText()).isEqualTo("hello");
      return hello;
    } finally {
      ws.abort();
    }
  }

  /** The engine process of an app, recognised by the marker the emulator puts on its command line. */
  private Optional<ProcessHandle> engineOf(String app) {
    return ourEngines().stream()
        .filter(p -> p.info().commandLine().orElse("").contains("-Darcal.emulator.app=" + app + " "))
        .findFirst();
  }

  private List<ProcessHandle> ourEngines() {
    String marker = "-Darcal.emulator.data=" + emulatorData;
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().orElse("").contains(marker))
        .toList();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @AfterEach
  void cleanUp() throws InterruptedException {
    if (orchestrator != null && orchestrator.isAlive()) {
      orchestrator.destroyForcibly();
      orchestrator.waitFor(30, TimeUnit.SECONDS);
    }
    if (emulatorData != null) {
      ourEngines().forEach(ProcessHandle::destroyForcibly);
    }
  }
}
