package com.arcal.emulator.arm;

import com.arcal.emulator.http.ArmException;
import com.arcal.emulator.runtime.ProbeSpec;
import com.arcal.emulator.runtime.ProbeSpec.Kind;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A container's {@code probes}: validated as Azure does when an app is written, and turned into
 * what the runtime runs, with the defaults of an omitted field applied there (ARM echoes the
 * probes as sent).
 *
 * <p>Ranges and defaults are those of the REST reference (2025-01-01 {@code ContainerAppProbe}):
 * failureThreshold 1-10 (default 3), periodSeconds 1-240 (default 10), timeoutSeconds 1-240
 * (default 1), successThreshold 1-10 (default 1, and 1 for liveness and startup),
 * initialDelaySeconds 1-60 (omitted: Kubernetes' 0, the reference gives no default),
 * terminationGracePeriodSeconds 0-3600. The health probes page adds: one probe of each type per
 * container, HTTP or TCP only (no exec, no gRPC), integer ports.
 */
public final class ProbeSpecs {
  private static final int DEFAULT_PERIOD = 10;
  private static final int DEFAULT_TIMEOUT = 1;
  private static final int DEFAULT_SUCCESS = 1;
  private static final int DEFAULT_FAILURE = 3;
  private static final int DEFAULT_INITIAL_DELAY = 0;

  private ProbeSpecs() {}

  /** Refuses a container's probes the way Azure would; absent probes are fine. */
  public static void validate(JsonNode container) {
    JsonNode probes = container.path("probes");
    if (probes.isMissingNode()) {
      return;
    }
    String name = container.path("name").asText();
    if (!probes.isArray() || !JsonTrees.all(probes, JsonNode::isObject)) {
      throw ArmErrors.invalidContent("container probes must be an array of objects");
    }
    Set<Kind> seen = EnumSet.noneOf(Kind.class);
    for (JsonNode probe : probes) {
      Kind kind = kind(name, probe);
      if (!seen.add(kind)) {
        throw ArmErrors.invalidSpec(
            "Container '" + name + "' has more than one '" + kind.spelled() + "' probe.");
      }
      action(name, kind, probe);
      range(name, kind, probe, "initialDelaySeconds", 1, 60);
      range(name, kind, probe, "periodSeconds", 1, 240);
      range(name, kind, probe, "timeoutSeconds", 1, 240);
      range(name, kind, probe, "failureThreshold", 1, 10);
      range(name, kind, probe, "terminationGracePeriodSeconds", 0, 3600);
      if (kind == Kind.READINESS) {
        range(name, kind, probe, "successThreshold", 1, 10);
      } else {
        range(name, kind, probe, "successThreshold", 1, 1);
      }
    }
  }

  /** What the runtime runs for a validated container, every omitted field at its default. */
  public static List<ProbeSpec> of(JsonNode container) {
    List<ProbeSpec> specs = new ArrayList<>();
    for (JsonNode probe : container.path("probes")) {
      specs.add(new ProbeSpec(
          kindOf(probe.path("type").asText()),
          actionOf(probe),
          seconds(probe, "initialDelaySeconds", DEFAULT_INITIAL_DELAY),
          seconds(probe, "periodSeconds", DEFAULT_PERIOD),
          seconds(probe, "timeoutSeconds", DEFAULT_TIMEOUT),
          probe.path("successThreshold").asInt(DEFAULT_SUCCESS),
          probe.path("failureThreshold").asInt(DEFAULT_FAILURE),
          probe.has("terminationGracePeriodSeconds")
              ? Optional.of(Duration.ofSeconds(probe.get("terminationGracePeriodSeconds").asLong()))
              : Optional.empty()));
    }
    return specs;
  }

  private static Kind kind(String container, JsonNode probe) {
    JsonNode type = probe.path("type");
    Kind kind = type.isTextual() ? kindOf(type.asText()) : null;
    if (kind == null) {
      throw ArmErrors.invalidSpec("Container '" + container + "' has a probe whose type is " + type
          + "; it must be one of Liveness, Readiness, Startup.");
    }
    return kind;
  }

  private static Kind kindOf(String type) {
    return switch (type.toLowerCase(Locale.ROOT)) {
      case "liveness" -> Kind.LIVENESS;
      case "readiness" -> Kind.READINESS;
      case "startup" -> Kind.STARTUP;
      default -> null;
    };
  }

  private static void action(String container, Kind kind, JsonNode probe) {
    String where = "Container '" + container + "' '" + kind.spelled() + "' probe";
    if (probe.has("exec") || probe.has("grpc")) {
      throw ArmErrors.invalidSpec(where + ": exec and gRPC probes aren't supported, use httpGet or tcpSocket.");
    }
    if (probe.has("httpGet") == probe.has("tcpSocket")) {
      throw ArmErrors.invalidSpec(where + " must have exactly one of httpGet and tcpSocket.");
    }
    JsonNode action = probe.has("httpGet") ? probe.get("httpGet") : probe.get("tcpSocket");
    if (!action.isObject()) {
      throw ArmErrors.invalidContent("probe httpGet and tcpSocket must be objects");
    }
    JsonNode port = action.path("port");
    if (!port.isIntegralNumber() || !port.canConvertToInt() || port.asInt() < 1 || port.asInt() > 65535) {
      throw ArmErrors.invalidSpec(where + " needs an integer port from 1 to 65535 (named ports aren't"
          + " supported), got " + port + ".");
    }
    if (probe.has("httpGet")) {
      httpGet(where, action);
    }
  }

  private static void httpGet(String where, JsonNode get) {
    JsonNode scheme = get.path("scheme");
    if (!scheme.isMissingNode()
        && !(scheme.isTextual() && Set.of("http", "https").contains(scheme.asText().toLowerCase(Locale.ROOT)))) {
      throw ArmErrors.invalidSpec(where + ": scheme must be HTTP or HTTPS, got " + scheme + ".");
    }
    if (!get.path("path").isMissingNode() && !get.path("path").isTextual()) {
      throw ArmErrors.invalidContent("probe httpGet.path must be a string");
    }
    JsonNode headers = get.path("httpHeaders");
    if (!headers.isMissingNode() && (!headers.isArray()
        || !JsonTrees.all(headers, h -> h.path("name").isTextual() && h.path("value").isTextual()))) {
      throw ArmErrors.invalidContent("probe httpGet.httpHeaders must be an array of {name, value} strings");
    }
  }

  /**
   * Azure's answer to a value out of range, e.g. {@code ContainerAppProbeFailureThresholdOutOfRange}
   * "Container 'x' 'Liveness' probe's FailureThreshold must be in the range of ['1', '10']."
   */
  private static void range(String container, Kind kind, JsonNode probe, String field, int min, int max) {
    JsonNode value = probe.get(field);
    if (value == null) {
      return;
    }
    if (value.isIntegralNumber() && value.canConvertToLong() && value.asLong() >= min && value.asLong() <= max) {
      return;
    }
    String property = Character.toUpperCase(field.charAt(0)) + field.substring(1);
    throw new ArmException(400, "ContainerAppProbe" + property + "OutOfRange",
        "Container '" + container + "' '" + kind.spelled() + "' probe's " + property
            + " must be in the range of ['" + min + "', '" + max + "'].");
  }

  private static ProbeSpec.Action actionOf(JsonNode probe) {
    if (probe.has("tcpSocket")) {
      JsonNode tcp = probe.get("tcpSocket");
      return new ProbeSpec.TcpSocket(host(tcp), tcp.get("port").asInt());
    }
    JsonNode get = probe.get("httpGet");
    List<ProbeSpec.Header> headers = new ArrayList<>();
    get.path("httpHeaders").forEach(h -> headers.add(new ProbeSpec.Header(h.get("name").asText(), h.get("value").asText())));
    String path = get.path("path").asText("/");
    return new ProbeSpec.HttpGet(
        get.path("scheme").asText("HTTP").equalsIgnoreCase("HTTPS"),
        host(get),
        get.get("port").asInt(),
        path.startsWith("/") ? path : "/" + path,
        headers);
  }

  private static Optional<String> host(JsonNode action) {
    String host = action.path("host").asText("");
    return host.isBlank() ? Optional.empty() : Optional.of(host);
  }

  private static Duration seconds(JsonNode probe, String field, int dflt) {
    return Duration.ofSeconds(probe.path(field).asInt(dflt));
  }
}
