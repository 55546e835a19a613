package com.arcal.api.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs each image's HEALTHCHECK command exactly as its Dockerfile writes it (only the class
 * folder is swapped for a local one): deploy/HealthCheck.java compiled like the build stage does,
 * against a loopback server that is healthy, unhealthy, or gone.
 */
class HealthCheckIT {
  private static final String IMAGE_CLASSES = "/opt/arcal/healthcheck";

  private final Repo repo = Repo.locate();
  @TempDir Path classes;
  private HttpServer server;

  @BeforeEach
  void compileAndServe() throws IOException {
    int status =
        ToolProvider.getSystemJavaCompiler()
            .run(null, null, null, "--release", "17", "-d", classes.toString(),
                repo.path("deploy/HealthCheck.java").toString());
    assertThat(status).as("javac deploy/HealthCheck.java").isZero();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/healthz", exchange -> {
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.createContext("/sick/healthz", exchange -> {
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void orchestratorCheckPassesOnHealthyAndFailsOtherwise() throws Exception {
    List<String> check = healthcheck("deploy/orchestrator.Dockerfile");
    int port = server.getAddress().getPort();

    assertThat(run(check, Map.of("ARCAL_HTTP_PORT", Integer.toString(port)))).isZero();
    assertThat(run(replace(check, "/healthz", "/sick/healthz"), Map.of("ARCAL_HTTP_PORT", Integer.toString(port))))
        .isEqualTo(1);
    assertThat(run(check, Map.of("ARCAL_HTTP_PORT", Integer.toString(closedPort())))).isEqualTo(1);
  }

  @Test
  void engineCheckPassesWhileTheGrpcPortAccepts() throws Exception {
    List<String> check = healthcheck("deploy/engine.Dockerfile");
    try (ServerSocket grpc = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThat(run(check, Map.of("GRPC_PORT", Integer.toString(grpc.getLocalPort())))).isZero();
    }
    assertThat(run(check, Map.of("GRPC_PORT", Integer.toString(closedPort())))).isEqualTo(1);
  }

  private List<String> healthcheck(String dockerfile) {
    List<String> command = Dockerfile.parse(repo.read(dockerfile)).execForm("HEALTHCHECK");
    assertThat(command).first().isEqualTo("java");
    assertThat(command).contains(IMAGE_CLASSES);
    List<String> local = new ArrayList<>(replace(command, IMAGE_CLASSES, classes.toString()));
    local.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return local;
  }

  private static List<String> replace(List<String> command, String from, String to) {
    return command.stream().map(a -> a.replace(from, to)).toList();
  }

  private static int run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getInputStream().readAllBytes();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("health check finished").isTrue();
    return process.exitValue();
  }

  /** A loopback port nobody listens on (bound, then released). */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
