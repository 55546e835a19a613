package com.arcal.controller.blob;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Azurite's blob service for tests: one already running ({@code ARCAL_AZURITE_BLOB_ENDPOINT},
 * e.g. {@code http://127.0.0.1:10000/devstoreaccount1}), or one started here from the
 * {@code azurite-blob} binary ({@code .ci/node_modules/.bin}, installed by .ci/run, or on the
 * PATH) on a free loopback port with a temporary folder, stopped by {@link #close()}.
 */
public final class Azurite implements AutoCloseable {
  public static final String ENDPOINT_VARIABLE = "ARCAL_AZURITE_BLOB_ENDPOINT";
  /** Azurite's well-known development account (public, documented by Microsoft). */
  static final String ACCOUNT = "devstoreaccount1";
  static final String KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final String endpoint;
  private final Process process; // null when the instance was already running
  private final Path dir;
  private final AtomicInteger containers = new AtomicInteger();

  private Azurite(String endpoint, Process process, Path dir) {
    this.endpoint = endpoint;
    this.process = process;
    this.dir = dir;
  }

  /** The running instance to use, or empty when Azurite is neither running nor installed. */
  static Optional<Azurite> startOrFind() throws IOException {
    String running = System.getenv(ENDPOINT_VARIABLE);
    if (running != null && !running.isBlank()) {
      return Optional.of(new Azurite(running.replaceAll("/+$", ""), null, null));
    }
    Optional<Path> binary = binary();
    if (binary.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(start(binary.get()));
  }

  /** Where the tests look for the binary (for the skip message). */
  static String searched() {
    return "<repo>/.ci/node_modules/.bin/azurite-blob and the PATH";
  }

  private static Azurite start(Path binary) throws IOException {
    int port = freePort();
    Path dir = Files.createTempDirectory("azurite-");
    Path log = dir.resolve("azurite.log");
    Process process =
        new ProcessBuilder(
                binary.toString(),
                "--blobHost", "127.0.0.1",
                "--blobPort", Integer.toString(port),
                "--location", dir.resolve("data").toString(),
                "--skipApiVersionCheck",
                "--disableTelemetry")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    Azurite azurite = new Azurite("http://127.0.0.1:" + port + "/" + ACCOUNT, process, dir);
    try {
      await("Azurite listening on 127.0.0.1:" + port)
          .atMost(START_TIMEOUT)
          .pollInterval(Duration.ofMillis(100))
          .until(() -> {
            if (!process.isAlive()) {
              throw new IllegalStateException(
                  "azurite-blob exited: " + Files.readString(log).strip());
            }
            return listening(port);
          });
    } catch (RuntimeException e) {
      azurite.close();
      throw e;
    }
    return azurite;
  }

  /** The account's blob endpoint, without a trailing slash. */
  public String endpoint() {
    return endpoint;
  }

  public String connectionString() {
    return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY
        + ";BlobEndpoint=" + endpoint + ";";
  }

  public BlobConnection connection() {
    return BlobConnection.connectionString(connectionString());
  }

  /** A blob URL in a container no other test uses (the container does not exist yet). */
  public String newBlobUrl(String name) {
    String container =
        "t" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 1_000_000_000L + "-"
            + containers.incrementAndGet();
    return endpoint + "/" + container + "/" + name;
  }

  @Override
  public void close() {
    if (process == null) {
      return;
    }
    // The binary is a node script; stop whatever it started too.
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deleteQuietly(dir);
  }

  private static Optional<Path> binary() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve(".ci/node_modules/.bin/azurite-blob");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Stream.of(path.split(File.pathSeparator))
        .filter(p -> !p.isBlank())
        .map(p -> Path.of(p, "azurite-blob"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteQuietly(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A temp folder left behind is harmless.
    }
  }
}
