package com.arcal.controller.reconcile;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.AppRequest;
import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.sale.ResourceAmounts;
import com.arcal.controller.sale.SaleDefaults;
import com.arcal.controller.sale.SaleSpec;
import com.arcal.controller.secret.EngineSecrets;
import com.arcal.controller.secret.Secret;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * Turns a desired sale into the Container App we PUT, and fingerprints it. The fingerprint (spec
 * hash) is written as a tag, so "does Azure already have this spec?" is a tag comparison: never
 * PUT what already matches.
 *
 * <p>Defaults are pinned at creation: what a spec leaves out is taken from the default settings
 * only when the app is created; once the app exists, its own template (image, cpu, memory) is the
 * record of what the sale was created with, so a changed default setting never rewrites (and
 * restarts) a live sale. Only a change the spec names does.
 */
public final class AppSpecs {
  /** Env var carrying the sale id into the container. */
  public static final String ENV_SALE_ID = "ARCAL_SALE_ID";
  /** Env var carrying the sale's config (JSON); also what lets us adopt an app's spec. */
  public static final String ENV_SALE_CONFIG = "ARCAL_SALE_CONFIG";

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private final AppNaming naming;
  private final SaleDefaults defaults;
  private final Ownership ownership;

  public AppSpecs(AppNaming naming, SaleDefaults defaults, Ownership ownership) {
    this.naming = naming;
    this.defaults = defaults;
    this.ownership = ownership;
  }

  /** The spec a new app of the sale gets: the defaults in force fill in what it leaves out. */
  public SaleSpec effective(DesiredSale sale) {
    return defaults.apply(sale.spec());
  }

  /**
   * The spec in force for the sale: what the spec names, else what its existing app runs (the
   * value pinned at creation), else the default.
   */
  public SaleSpec effective(DesiredSale sale, Optional<AppObservation> app) {
    if (app.isEmpty()) {
      return effective(sale);
    }
    SaleSpec spec = sale.spec();
    AppObservation a = app.get();
    return new SaleSpec(
        spec.image() != null ? spec.image() : a.image().isEmpty() ? defaults.image() : a.image(),
        spec.config(),
        spec.cpu() != null ? spec.cpu() : pinned(a.cpu(), defaults.cpu(), ResourceAmounts::sameCpu),
        spec.memory() != null
            ? spec.memory()
            : pinned(a.memory(), defaults.memory(), ResourceAmounts::sameMemory));
  }

  /**
   * The app's amount; the default's spelling when they are the same amount, so that an app
   * created with the default hashes as it did when it was written ("1" sent, 1.0 read back).
   */
  private static String pinned(String observed, String byDefault, BiPredicate<String, String> same) {
    return observed.isEmpty() || same.test(observed, byDefault) ? byDefault : observed;
  }

  /** A stable fingerprint of the spec a new app of the sale would get. */
  public String hash(DesiredSale sale) {
    return hash(sale, Optional.empty());
  }

  /** A stable fingerprint of the spec in force (not of the generation). */
  public String hash(DesiredSale sale, Optional<AppObservation> app) {
    SaleSpec spec = effective(sale, app);
    String canonical =
        spec.image() + "\n" + spec.cpu() + "\n" + spec.memory() + "\n" + configJson(spec.config());
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JVM", e);
    }
  }

  /**
   * The app to PUT, with the engine's token as a secret variable. The token is not part of the
   * spec hash: it is the app's for life (see EngineSecrets), never a change to roll out.
   */
  public AppRequest request(DesiredSale sale, Optional<AppObservation> app, Secret engineToken) {
    return request(sale, app, engineToken, naming.appName(sale.id()));
  }

  /** The same, for an app not named after the sale (one it took from the warm pool). */
  public AppRequest request(
      DesiredSale sale, Optional<AppObservation> app, Secret engineToken, String appName) {
    SaleSpec spec = effective(sale, app);
    return new AppRequest(
        appName,
        spec.image(),
        spec.cpu(),
        spec.memory(),
        Map.of(ENV_SALE_ID, sale.id().value(), ENV_SALE_CONFIG, configJson(spec.config())),
        ownership.tags(sale.id(), hash(sale, app), sale.generation()),
        Map.of(EngineSecrets.ENV, engineToken));
  }

  /** The spec an existing app runs, for adopting it into the desired state. */
  public Optional<SaleSpec> specOf(AppObservation app) {
    String raw = app.env().getOrDefault(ENV_SALE_CONFIG, "{}");
    try {
      Map<String, String> config = JSON.readValue(raw, new TypeReference<TreeMap<String, String>>() {});
      String image = app.image().isEmpty() || app.image().equals(defaults.image()) ? null : app.image();
      return Optional.of(new SaleSpec(image, config, null, null));
    } catch (JsonProcessingException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String configJson(Map<String, String> config) {
    try {
      return JSON.writeValueAsString(new TreeMap<>(config));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serialises", e);
    }
  }
}
