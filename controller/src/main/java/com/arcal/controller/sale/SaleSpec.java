package com.arcal.controller.sale;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What one sale should look like. Optional fields are null when the document leaves them out;
 * {@link SaleDefaults} fills them in before the spec is applied, so that a change of default
 * settings is seen as a change of spec.
 *
 * @param image container image of the engine, null for the default
 * @param config opaque key/value configuration passed to {@code StartSale}
 * @param cpu vCPU per replica as Azure writes it (e.g. "0.5"), null for the default
 * @param memory memory per replica as Azure writes it (e.g. "1Gi"), null for the default
 */
public record SaleSpec(String image, Map<String, String> config, String cpu, String memory) {
  private static final Pattern CPU = Pattern.compile("\\d{1,2}(\\.\\d{1,2})?");
  private static final Pattern MEMORY = Pattern.compile("\\d{1,3}(\\.\\d{1,2})?Gi");
  private static final int MAX_CONFIG_ENTRIES = 256;
  private static final int MAX_VALUE_LENGTH = 4096;

  public SaleSpec {
    if (config != null) {
      // Checked before copying: Map.copyOf would throw a bare NullPointerException (and
      // containsKey(null) throws on some maps), so walk the entries.
      config.forEach(
          (k, v) -> {
            if (k == null || v == null) {
              throw new InvalidSpecException("config", "config keys and values must not be null");
            }
          });
    }
    config = config == null ? Map.of() : Map.copyOf(new TreeMap<>(config));
    if (image != null && (image.isBlank() || image.length() > 512 || image.contains(" "))) {
      throw new InvalidSpecException("image", "image must be a non-empty image reference without spaces");
    }
    if (cpu != null && !CPU.matcher(cpu).matches()) {
      throw new InvalidSpecException("cpu", "cpu '" + cpu + "' must be a number of vCPUs such as 0.5");
    }
    if (memory != null && !MEMORY.matcher(memory).matches()) {
      throw new InvalidSpecException(
          "memory", "memory '" + memory + "' must be a size in Gi such as 1Gi or 0.5Gi");
    }
    if (config.size() > MAX_CONFIG_ENTRIES) {
      throw new InvalidSpecException(
          "config", "config has " + config.size() + " entries; at most " + MAX_CONFIG_ENTRIES);
    }
    config.forEach(
        (k, v) -> {
          if (k.isEmpty() || v == null || v.length() > MAX_VALUE_LENGTH) {
            throw new InvalidSpecException(
                "config." + k,
                "config keys must be non-empty and values strings of at most "
                    + MAX_VALUE_LENGTH
                    + " characters");
          }
        });
  }

  /** A spec with only configuration; everything else defaults. */
  public static SaleSpec ofConfig(Map<String, String> config) {
    return new SaleSpec(null, config, null, null);
  }
}
