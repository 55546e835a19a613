package com.arcal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.engine.grpc.Bearer;
import com.arcal.engine.v1.GetSaleRequest;
import com.arcal.engine.v1.SaleEngineGrpc;
import com.arcal.engine.v1.SaleState;
import com.arcal.engine.v1.SaleStatus;
import com.arcal.engine.v1.StartSaleRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shaded jar as a process, the way the local platform runs it. */
class EngineProcessIT {

  private final List<Launched> launched = new ArrayList<>();

  @AfterEach
  void killLeftovers() throws InterruptedException {
    for (Launched engine : launched) {
      engine.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      System.out.println("--- engine output ---\n" + engine.output());
    }
  }

  @Test
  void jar_servesGrpcAndBuyers_thenStopsGracefullyOnSigterm() throws Exception {
    int wsPort = freePort();
    int grpcPort = freePort();
    Launched engine = launch(Map.of("PORT", "" + wsPort, "GRPC_PORT", "" + grpcPort, "BIND_HOST", "127.0.0.1",
        EngineSettings.TOKEN, Bearer.TOKEN));
    await().atMost(Duration.ofSeconds(30)).until(() -> engine.output().contains("arcal-engine up"));
    assertThat(engine.output()).contains("127.0.0.1:" + grpcPort, "ws://127.0.0.1:" + wsPort + "/");

    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
    try (BuyerClient buyer = startSaleAndJoin(channel, wsPort)) {
      // Through the handle: Process.destroy() would also close our end of the output pipe.
      assertThat(engine.process().toHandle().destroy()).isTrue();

      assertThat(buyer.awaitClose()).isEqualTo(1001);
      assertThat(engine.process().waitFor(15, TimeUnit.SECONDS)).isTrue();
      // 128 + SIGTERM: the JVM's normal exit after running its shutdown hooks.
      assertThat(engine.process().exitValue()).isEqualTo(143);
      await().atMost(Duration.ofSeconds(5)).until(() -> engine.output().contains("arcal-engine stopped"));
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void jar_withBadPort_printsOneLineNamingTheVariableAndExits2() throws Exception {
    Launched engine = launch(Map.of("GRPC_PORT", "seventy"));

    assertThat(engine.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(engine.process().exitValue()).isEqualTo(2);
    await().atMost(Duration.ofSeconds(5)).until(() -> !engine.lines().isEmpty());
    assertThat(engine.lines()).singleElement().asString().contains("GRPC_PORT", "seventy");
  }

  private static BuyerClient startSaleAndJoin(ManagedChannel channel, int wsPort) throws Exception {
    SaleEngineGrpc.SaleEngineBlockingStub sales = Bearer.presenting(SaleEngineGrpc.newBlockingStub(channel));
    SaleStatus started = sales.withDeadlineAfter(5, TimeUnit.SECONDS)
        .startSale(StartSaleRequest.newBuilder().setSaleId("sale-it").setGeneration(1).build());
    assertThat(started.getState()).isEqualTo(SaleState.SALE_STATE_RUNNING);

    BuyerClient buyer = BuyerClient.connect(HttpClient.newHttpClient(), wsPort, "/");
    assertThat(buyer.next().get("state").asText()).isEqualTo("RUNNING");
    await().atMost(Duration.ofSeconds(5)).until(() -> sales.withDeadlineAfter(5, TimeUnit.SECONDS)
        .getSale(GetSaleRequest.getDefaultInstance()).getConnectedBuyers() == 1);
    return buyer;
  }

  private Launched launch(Map<String, String> env) throws IOException {
    Path jar = Path.of(System.getProperty("arcal.engine.jar", "target/arcal-engine.jar"));
    assertThat(jar).as("run after package, e.g. mvn verify").exists();
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
        .redirectErrorStream(true);
    builder.environment().keySet().removeAll(List.of("PORT", "GRPC_PORT", "BIND_HOST", EngineSettings.TOKEN));
    builder.environment().putAll(env);
    Process process = builder.start();
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread pump = new Thread(() -> pump(process, lines), "engine-output");
    pump.setDaemon(true);
    pump.start();
    Launched engine = new Launched(process, lines);
    launched.add(engine);
    return engine;
  }

  private static void pump(Process process, List<String> lines) {
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      reader.lines().forEach(lines::add);
    } catch (IOException | UncheckedIOException e) {
      lines.add("(output lost: " + e + ")");
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private record Launched(Process process, List<String> lines) {
    String output() {
      return String.join("\n", lines);
    }
  }

}
