package com.arcal.emulator;

import static org.awaitility.Awaitility.await;

import com.arcal.emulator.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;

/** Raw ARM requests against an emulator, for tests of status codes, headers and bodies. */
public final class RawArm {
  public static final String SUB = "11111111-2222-3333-4444-555555555555";
  public static final String RG = "arcal-local";
  public static final String API = "api-version=2025-01-01";
  public static final String ENV_ID =
      "/subscriptions/"
          + SUB
          + "/resourceGroups/"
          + RG
          + "/providers/Microsoft.App/managedEnvironments/arcal-env";

  private final Emulator emulator;
  private final HttpClient client;

  public RawArm(Emulator emulator) {
    this.emulator = emulator;
    this.client = SdkClients.raw(emulator);
  }

  /** A response: status, headers and the body parsed as JSON (null if empty). */
  public record Reply(int status, java.net.http.HttpHeaders headers, JsonNode body) {
    public Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    public String errorCode() {
      return body == null ? null : body.path("error").path("code").asText(null);
    }
  }

  /** The address the environment resolves the app's name to (the emulator's hosts file). */
  public String addressOf(String app) {
    try {
      for (String line : Files.readAllLines(emulator.hostsFile(), StandardCharsets.UTF_8)) {
        String[] fields = line.replaceFirst("#.*", "").trim().split("\\s+");
        if (fields.length >= 2 && fields[1].equals(app)) {
          return fields[0];
        }
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String appPath(String name) {
    return "/subscriptions/"
        + SUB
        + "/resourceGroups/"
        + RG
        + "/providers/Microsoft.App/containerApps/"
        + name
        + "?"
        + API;
  }

  /** A container app body: external ingress on 3000 plus internal gRPC on 50051. */
  public static ObjectNode appBody(String image) {
    ObjectNode body = Json.object();
    body.put("location", "westeurope");
    body.putObject("tags").put("arcal-sale", "s1");
    ObjectNode props = body.putObject("properties");
    props.put("managedEnvironmentId", ENV_ID);
    ObjectNode ingress = props.putObject("configuration").putObject("ingress");
    ingress.put("external", true).put("targetPort", 3000).put("transport", "auto");
    ingress
        .putArray("additionalPortMappings")
        .addObject()
        .put("external", false)
        .put("targetPort", 50051)
        .put("exposedPort", 50051);
    ObjectNode template = props.putObject("template");
    ObjectNode container = template.putArray("containers").addObject();
    container.put("name", "engine").put("image", image);
    container.putArray("env").addObject().put("name", "SALE_ID").put("value", "s1");
    template.putObject("scale").put("minReplicas", 1).put("maxReplicas", 1);
    return body;
  }

  public Reply get(String path) {
    return send("GET", url(path), null, true);
  }

  public Reply put(String path, Object body) {
    return send("PUT", url(path), body, true);
  }

  public Reply patch(String path, Object body) {
    return send("PATCH", url(path), body, true);
  }

  public Reply delete(String path) {
    return send("DELETE", url(path), null, true);
  }

  public Reply post(String path) {
    return send("POST", url(path), null, true);
  }

  /** Follows an absolute URL the emulator handed out (Azure-AsyncOperation, Location, nextLink). */
  public Reply getUrl(String absoluteUrl) {
    return send("GET", absoluteUrl, null, true);
  }

  /** Any request; {@code body} is a JsonNode, a raw String, or null. */
  public Reply send(String method, String absoluteUrl, Object body, boolean authenticated) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(absoluteUrl)).timeout(Duration.ofSeconds(10));
    if (authenticated) {
      request.header("Authorization", "Bearer test-token");
    }
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(
                body instanceof JsonNode node ? node.toString() : body.toString(),
                StandardCharsets.UTF_8);
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(method, publisher);
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String text = response.body();
      JsonNode json = text == null || text.isEmpty() ? null : Json.mapper().readTree(text);
      return new Reply(response.statusCode(), response.headers(), json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String url(String path) {
    return emulator.httpsBaseUrl() + path;
  }

  /** Creates an app and waits until its provisioning succeeded; returns the final resource. */
  public JsonNode createAndWait(String name, String image) {
    Reply put = put(appPath(name), appBody(image));
    if (put.status() != 201 && put.status() != 200) {
      throw new AssertionError("PUT " + name + " answered " + put.status() + " " + put.body());
    }
    return awaitState(name, "Succeeded");
  }

  public JsonNode awaitState(String name, String provisioningState) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> get(appPath(name)).body(),
            b ->
                b != null
                    && provisioningState.equals(
                        b.path("properties").path("provisioningState").asText()));
  }
}
