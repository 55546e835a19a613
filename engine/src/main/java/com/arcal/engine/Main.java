package com.arcal.engine;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference engine as a process: {@code java -jar arcal-engine.jar}, configured by
 * {@code PORT}, {@code GRPC_PORT}, {@code BIND_HOST} and {@code ARCAL_ENGINE_TOKEN} (the secret
 * its callers must present); SIGTERM stops it gracefully.
 *
 * <p>Exit codes: 2 for bad configuration, 1 when a port cannot be bound; after SIGTERM the JVM
 * reports 143 as usual, once the shutdown hook has stopped the engine gracefully.
 */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) throws InterruptedException {
    quietLibraries();
    EngineSettings settings;
    try {
      settings = EngineSettings.fromEnv(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("arcal-engine: invalid configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    Logger log = LoggerFactory.getLogger(Main.class);
    EngineServer engine;
    try {
      engine = EngineServer.start(settings);
    } catch (IOException e) {
      log.error("arcal-engine: cannot start: {}", e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      engine.close();
      log.info("arcal-engine stopped");
    }, "engine-shutdown"));
    log.info("arcal-engine up: gRPC on {}:{}, buyers' WebSocket on ws://{}:{}/",
        settings.bindHost(), engine.grpcPort(), settings.bindHost(), engine.wsPort());
    if (!settings.hasToken()) {
      log.warn("arcal-engine: {} is not set: every SaleEngine call is refused (UNAUTHENTICATED);"
          + " health stays open", EngineSettings.TOKEN);
    }
    engine.awaitTermination();
  }

  // Javalin and Jetty log several lines per start; the process promises one. Must run before
  // the first logger is created, and only affects slf4j-simple, the binding this jar ships.
  private static void quietLibraries() {
    System.setProperty("org.slf4j.simpleLogger.log.io.javalin", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
  }
}
