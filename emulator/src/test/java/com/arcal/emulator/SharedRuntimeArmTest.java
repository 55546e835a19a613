package com.arcal.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.emulator.runtime.ContainerRuntimes;
import com.arcal.emulator.runtime.RuntimeSettings;
import com.arcal.engine.v1.GetSaleRequest;
import com.arcal.engine.v1.SaleEngineGrpc;
import com.arcal.engine.v1.SaleState;
import com.arcal.engine.v1.StartSaleRequest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared runtime behind the ARM surface: apps created with PUT get their own addresses in the
 * hosts file (without a free-port check: the shared listeners hold the ports for every address)
 * and each answers there as its own engine.
 */
class SharedRuntimeArmTest {
  @TempDir Path dataDir;
  private Emulator emulator;
  private RawArm arm;
  private int wsPort;
  private int grpcPort;
  private final List<ManagedChannel> channels = new ArrayList<>();

  @BeforeEach
  void start() {
    wsPort = freePort();
    grpcPort = freePort();
    RuntimeSettings runtime =
        new RuntimeSettings(RuntimeSettings.Mode.SHARED, dataDir, Map.of(), Duration.ofSeconds(2),
            Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofMillis(50), Duration.ofSeconds(60));
    emulator =
        Emulator.start(
            EmulatorSettings.builder(dataDir)
                .delays(Duration.ofMillis(50), Duration.ofMillis(50))
                .runtime(runtime)
                .build(),
            ContainerRuntimes.create(runtime));
    arm = new RawArm(emulator);
  }

  @AfterEach
  void stop() {
    channels.forEach(ManagedChannel::shutdownNow);
    emulator.close();
  }

  @Test
  void appsCreatedThroughArm_answerOnTheirOwnAddresses_asDistinctEngines() {
    arm.put(RawArm.appPath("shop-a"), app("token-a"));
    arm.put(RawArm.appPath("shop-b"), app("token-b"));
    arm.awaitState("shop-a", "Succeeded");
    arm.awaitState("shop-b", "Succeeded");
    String hostA = arm.addressOf("shop-a");
    String hostB = arm.addressOf("shop-b");

    engine(hostA, "token-a")
        .startSale(StartSaleRequest.newBuilder().setSaleId("sale-a").setGeneration(1).build());

    assertThat(hostA).isNotEqualTo(hostB).startsWith("127.");
    assertThat(engine(hostA, "token-a").getSale(GetSaleRequest.getDefaultInstance()).getState())
        .isEqualTo(SaleState.SALE_STATE_RUNNING);
    assertThat(engine(hostB, "token-b").getSale(GetSaleRequest.getDefaultInstance()).getState())
        .isEqualTo(SaleState.SALE_STATE_IDLE);
  }

  /** An engine app on this test's ports, its token given as a plain environment variable. */
  private ObjectNode app(String token) {
    ObjectNode body = RawArm.appBody(ContainerRuntimes.ENGINE_IMAGE);
    ObjectNode ingress =
        (ObjectNode) body.path("properties").path("configuration").path("ingress");
    ingress.put("targetPort", wsPort);
    ((ObjectNode) ingress.path("additionalPortMappings").get(0))
        .put("targetPort", grpcPort)
        .put("exposedPort", grpcPort);
    ((com.fasterxml.jackson.databind.node.ArrayNode)
            body.path("properties").path("template").path("containers").get(0).path("env"))
        .addObject()
        .put("name", "ARCAL_ENGINE_TOKEN")
        .put("value", token);
    return body;
  }

  private SaleEngineGrpc.SaleEngineBlockingStub engine(String host, String token) {
    ManagedChannel channel = NettyChannelBuilder.forAddress(host, grpcPort).usePlaintext().build();
    channels.add(channel);
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return SaleEngineGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        // Provisioning may report Succeeded while the replica still starts, as in Azure.
        .withWaitForReady()
        .withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("0.0.0.0", 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
