package com.arcal.api;

import com.arcal.api.config.Settings;
import com.arcal.api.config.SettingsException;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar api/target/arcal-orchestrator.jar}: reads the settings (environment, then
 * {@code ./.env}), starts the {@link Orchestrator}, and stops it gracefully on SIGTERM.
 * A wrong setting stops start-up with one line naming it and exit code 2, whether the settings
 * alone show it or the Azure environment they name does.
 */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);
  static final int BAD_SETTINGS = 2;
  static final int START_FAILED = 1;

  private Main() {}

  public static void main(String[] args) {
    Settings settings;
    try {
      settings = Settings.load(System.getenv(), Path.of(".env"));
    } catch (SettingsException e) {
      System.err.println("arcal-orchestrator: " + e.getMessage());
      System.exit(BAD_SETTINGS);
      return;
    }
    exposeIdentityVariables(settings.azure().identity());
    Orchestrator orchestrator;
    try {
      orchestrator = Orchestrator.start(settings);
    } catch (SettingsException e) {
      // A setting only the platform could judge (it contradicts the Azure environment).
      System.err.println("arcal-orchestrator: " + e.getMessage());
      System.exit(BAD_SETTINGS);
      return;
    } catch (RuntimeException e) {
      log.error("start-up failed", e);
      System.err.println("arcal-orchestrator: start-up failed: " + e.getMessage());
      System.exit(START_FAILED);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(orchestrator::close, "orchestrator-shutdown"));
    log.info("arcal-orchestrator listening on {} ({}; desired state {})",
        orchestrator.url(), orchestrator.platformDescription(), settings.reconcile().stateFile());
  }

  /**
   * azure-identity reads its variables from the environment or system properties; those that
   * came from {@code .env} only reach it as system properties.
   */
  private static void exposeIdentityVariables(Map<String, String> identity) {
    identity.forEach((name, value) -> {
      if (System.getenv(name) == null) {
        System.setProperty(name, value);
      }
    });
  }
}
