package com.arcal.emulator.arm;

import com.arcal.emulator.http.Json;
import com.arcal.emulator.state.AppRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Renders a container app resource the way Azure does (see the recordings in the reference
 * material): defaults filled, absent optional sections as explicit nulls, read-only fields set.
 * As in Azure, {@code outboundIpAddresses} are the environment's (shared by its apps), not the
 * app's: other apps reach an app by its name, which the emulator's hosts file resolves.
 */
public final class AppRenderer {
  /** The environment's outbound address: apps leave through the machine's own loopback. */
  static final String ENVIRONMENT_OUTBOUND_IP = "127.0.0.1";

  private final Environments environments;

  public AppRenderer(Environments environments) {
    this.environments = environments;
  }

  public ObjectNode render(AppRecord app) {
    String domain = environments.defaultDomainOf(app.spec().environmentId());
    ObjectNode body = Json.object();
    body.put("id", ResourceIds.app(app.subscription(), app.resourceGroup(), app.name()));
    body.put("name", app.name());
    body.put("type", ResourceIds.APP_TYPE);
    body.put("location", app.spec().location());
    if (!app.spec().tags().isEmpty()) {
      body.set("tags", app.spec().tags().deepCopy());
    }
    ObjectNode systemData = body.putObject("systemData");
    systemData.put("createdBy", "arcal-emulator");
    systemData.put("createdByType", "Application");
    systemData.put("createdAt", app.createdAt().toString());
    systemData.put("lastModifiedBy", "arcal-emulator");
    systemData.put("lastModifiedByType", "Application");
    systemData.put("lastModifiedAt", app.lastModifiedAt().toString());
    body.set("properties", properties(app, domain));
    body.set("identity", app.spec().identity().deepCopy());
    return body;
  }

  private ObjectNode properties(AppRecord app, String domain) {
    ObjectNode props = Json.object();
    props.put("provisioningState", app.provisioningState().name());
    props.put("runningStatus", "Running");
    props.put("managedEnvironmentId", app.spec().environmentId());
    props.put("environmentId", app.spec().environmentId());
    props.put("workloadProfileName", app.spec().workloadProfileName());
    props.putArray("outboundIpAddresses").add(ENVIRONMENT_OUTBOUND_IP);
    props.put("latestRevisionName", app.latestRevisionName());
    props.put("latestReadyRevisionName", app.latestReadyRevisionName());
    boolean hasIngress = app.spec().configuration().has("ingress");
    props.put(
        "latestRevisionFqdn",
        hasIngress && !app.latestRevisionName().isEmpty()
            ? host(app.latestRevisionName(), app, domain)
            : "");
    props.put("customDomainVerificationId", verificationId(app.subscription()));
    props.set("configuration", configuration(app, domain));
    props.set("template", template(app.spec().template()));
    props.put(
        "eventStreamEndpoint",
        "https://"
            + LocationNames.shortName(app.spec().location())
            + ".arcal.localhost"
            + "/subscriptions/"
            + app.subscription()
            + "/resourceGroups/"
            + app.resourceGroup()
            + "/containerApps/"
            + app.name()
            + "/eventstream");
    props.putArray("delegatedIdentities");
    return props;
  }

  private static ObjectNode configuration(AppRecord app, String domain) {
    ObjectNode config = app.spec().configuration().deepCopy();
    JsonNode ingress = config.get("ingress");
    if (ingress instanceof ObjectNode i) {
      i.put("fqdn", host(app.name(), app, domain));
    }
    withoutSecretValues(config);
    for (String optional : new String[] {"secrets", "ingress", "registries", "dapr", "service"}) {
      if (!config.has(optional)) {
        config.putNull(optional);
      }
    }
    return config;
  }

  /**
   * Azure never returns a secret's value in a resource (the REST specification marks it
   * {@code x-ms-secret}): a GET names the secrets; values come from the listSecrets action only.
   */
  private static void withoutSecretValues(ObjectNode config) {
    for (JsonNode secret : config.path("secrets")) {
      if (secret instanceof ObjectNode s) {
        s.remove("value");
      }
    }
  }

  private static ObjectNode template(ObjectNode stored) {
    ObjectNode template = stored.deepCopy();
    for (String optional :
        new String[] {
          "terminationGracePeriodSeconds", "initContainers", "volumes", "serviceBinds"
        }) {
      if (!template.has(optional)) {
        template.putNull(optional);
      }
    }
    ObjectNode scale = (ObjectNode) template.get("scale");
    for (String optional : new String[] {"minReplicas", "rules"}) {
      if (!scale.has(optional)) {
        scale.putNull(optional);
      }
    }
    return template;
  }

  /**
   * {@code <label>.<domain>}, or {@code <label>.internal.<domain>} when ingress is internal only,
   * as Azure names them.
   */
  static String host(String label, AppRecord app, String domain) {
    boolean external = app.spec().configuration().path("ingress").path("external").asBoolean(false);
    return label + (external ? "." : ".internal.") + domain;
  }

  private static String verificationId(String subscription) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(subscription.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().withUpperCase().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
