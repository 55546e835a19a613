package com.arcal.emulator.arm;

import com.arcal.emulator.http.ArmCall;
import com.arcal.emulator.http.ArmException;
import com.arcal.emulator.http.ArmResponse;
import com.arcal.emulator.http.Json;
import com.arcal.emulator.state.AppRecord;
import com.arcal.emulator.state.ArmState;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

/**
 * GET of one container app, the two paged lists, and the app's listSecrets action. Pages are ordered by name; the skip token is
 * the last name of the previous page, so apps created or deleted between pages never shift the
 * pages that follow.
 */
public final class AppReads {
  private final ArmState state;
  private final Environments environments;
  private final AppRenderer renderer;
  private final int pageSize;

  public AppReads(ArmState state, Environments environments, AppRenderer renderer, int pageSize) {
    this.state = state;
    this.environments = environments;
    this.renderer = renderer;
    this.pageSize = pageSize;
  }

  public ArmResponse get(ArmCall call) {
    String sub = call.param("sub");
    String rg = environments.requireResourceGroup(call.param("rg"));
    String name = call.param("name");
    AppRecord app = state.transact(tx -> AppWrites.find(tx, sub, rg, name));
    return ArmResponse.ok(renderer.render(app));
  }

  /**
   * {@code POST .../containerApps/{name}/listSecrets}: the one place a secret's value comes out,
   * in Azure's shape {@code {"value": [{"name", "value"} | {"name", "keyVaultUrl", "identity"}]}}.
   */
  public ArmResponse listSecrets(ArmCall call) {
    String sub = call.param("sub");
    String rg = environments.requireResourceGroup(call.param("rg"));
    String name = call.param("name");
    AppRecord app = state.transact(tx -> AppWrites.find(tx, sub, rg, name));
    ObjectNode body = Json.object();
    ArrayNode value = body.putArray("value");
    for (JsonNode secret : app.spec().configuration().path("secrets")) {
      value.add(secret.deepCopy());
    }
    return ArmResponse.ok(body);
  }

  public ArmResponse listByResourceGroup(ArmCall call) {
    String sub = call.param("sub");
    String rg = environments.requireResourceGroup(call.param("rg"));
    String path =
        "/subscriptions/"
            + ResourceIds.encode(sub)
            + "/resourceGroups/"
            + ResourceIds.encode(rg)
            + "/providers/Microsoft.App/containerApps";
    return page(call, path, a -> AppWrites.inScope(a, sub, rg));
  }

  public ArmResponse listBySubscription(ArmCall call) {
    String sub = call.param("sub");
    String path =
        "/subscriptions/" + ResourceIds.encode(sub) + "/providers/Microsoft.App/containerApps";
    return page(call, path, a -> a.subscription().equalsIgnoreCase(sub));
  }

  private ArmResponse page(ArmCall call, String path, Predicate<AppRecord> filter) {
    String after = call.request().queryParam("$skiptoken").map(AppReads::decodeToken).orElse("");
    List<AppRecord> rest =
        state.transact(
            tx ->
                tx.apps().stream()
                    .filter(filter)
                    .filter(a -> a.name().compareTo(after) > 0)
                    .limit(pageSize + 1L)
                    .toList());
    ObjectNode body = Json.object();
    ArrayNode value = body.putArray("value");
    rest.stream().limit(pageSize).forEach(a -> value.add(renderer.render(a)));
    if (rest.size() > pageSize) {
      String token = encodeToken(rest.get(pageSize - 1).name());
      body.put(
          "nextLink",
          call.request().baseUrl()
              + path
              + "?api-version="
              + ResourceIds.encode(call.request().apiVersion())
              + "&$skiptoken="
              + token);
    }
    return ArmResponse.ok(body);
  }

  private static String encodeToken(String lastName) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(lastName.getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeToken(String token) {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ArmException(
          400, "InvalidSkipToken", "The skip token '" + token + "' is not valid.");
    }
  }
}
