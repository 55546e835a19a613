package com.arcal.api.deploy;

import com.arcal.api.config.Settings;
import com.arcal.api.config.SettingsException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The variables a deployment must set for the orchestrator to start on the azure platform,
 * discovered from the code itself: start from what the Bicep's orchestrator app sets, let
 * {@link Settings} name the first variable it misses, supply a valid sample, and repeat.
 */
final class RequiredSettings {
  /**
   * Valid samples for variables the settings may ask for, keyed by the variable the settings
   * name. A bind to 0.0.0.0 is refused naming ARCAL_HTTP_HOST; the remedy is a token.
   */
  private static final Map<String, Map.Entry<String, String>> REMEDIES =
      Map.of(
          "ARCAL_CONTAINERAPPS_ENVIRONMENT_ID",
          Map.entry(
              "ARCAL_CONTAINERAPPS_ENVIRONMENT_ID",
              "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/arcal"
                  + "/providers/Microsoft.App/managedEnvironments/arcal-env"),
          "ARCAL_ENGINE_IMAGE", Map.entry("ARCAL_ENGINE_IMAGE", "arcalacr.azurecr.io/arcal-engine:1.0.0"),
          "ARCAL_HTTP_HOST", Map.entry("ARCAL_API_TOKEN", "0123456789abcdef0123456789abcdef"));

  private RequiredSettings() {}

  /** Variables without which {@code ARCAL_PLATFORM=azure} with a public bind does not start. */
  static Set<String> forAzure() {
    Map<String, String> env = new HashMap<>();
    env.put("ARCAL_PLATFORM", "azure");
    env.put("ARCAL_HTTP_HOST", "0.0.0.0");
    Set<String> required = new TreeSet<>(env.keySet());
    for (int attempt = 0; attempt < 32; attempt++) {
      try {
        Settings.of(env);
        return required;
      } catch (SettingsException e) {
        Map.Entry<String, String> remedy = REMEDIES.get(e.variable());
        if (remedy == null || env.containsKey(remedy.getKey())) {
          throw new AssertionError(
              "the azure platform now also needs " + e.variable() + " (" + e.getMessage()
                  + "): add a valid sample to RequiredSettings.REMEDIES and set it in deploy/",
              e);
        }
        env.put(remedy.getKey(), remedy.getValue());
        required.add(remedy.getKey());
      }
    }
    throw new AssertionError("settings keep asking for more variables: " + env.keySet());
  }
}
