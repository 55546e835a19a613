package com.arcal.emulator.arm;

import com.arcal.emulator.http.ArmCall;
import com.arcal.emulator.http.ArmException;
import com.arcal.emulator.http.ArmResponse;
import com.arcal.emulator.http.Json;
import com.arcal.emulator.lro.Operation;
import com.arcal.emulator.state.AppRecord;
import com.arcal.emulator.state.ArmState;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The two polling endpoints: {@code containerappOperationStatuses/{id}} (Azure-AsyncOperation:
 * always 200 with a status body) and {@code containerappOperationResults/{id}} (Location: 202 while
 * running, then 204 for a deletion or 200 with the app for a provisioning).
 */
public final class OperationsApi {
  private final ArmState state;
  private final AppRenderer renderer;
  private final ArmConfig config;

  public OperationsApi(ArmState state, AppRenderer renderer, ArmConfig config) {
    this.state = state;
    this.renderer = renderer;
    this.config = config;
  }

  public ArmResponse status(ArmCall call) {
    Operation op = operation(call);
    ObjectNode body = Json.object();
    body.put("id", ResourceIds.operationStatus(op.subscription(), op.location(), op.id()));
    body.put("name", op.id());
    body.put("status", op.status().name());
    body.put("startTime", op.startTime().toString());
    if (op.endTime() != null) {
      body.put("endTime", op.endTime().toString());
    }
    if (op.error() != null) {
      body.putObject("error").put("code", op.error().code()).put("message", op.error().message());
    }
    return ArmResponse.ok(body);
  }

  public ArmResponse result(ArmCall call) {
    Operation op = operation(call);
    switch (op.status()) {
      case InProgress:
        return ArmResponse.empty(202)
            .withHeader("Location", call.request().baseUrl() + requestPath(call))
            .withHeader(
                "Retry-After",
                Long.toString(
                    ArmConfig.retryAfterSeconds(
                        op.type() == Operation.Type.DELETE
                            ? config.deletionDelay()
                            : config.provisioningDelay())));
      case Succeeded:
        if (op.type() == Operation.Type.PROVISION) {
          Optional<AppRecord> app = state.transact(tx -> tx.app(op.appName()));
          if (app.isPresent()) {
            return ArmResponse.ok(renderer.render(app.get()));
          }
        }
        return ArmResponse.empty(204);
      default:
        // ARM answers a failed operation's Location with the error; 400 keeps clients from
        // retrying it as they would a 5xx.
        Operation.OperationError error = op.error();
        throw new ArmException(
            400,
            error == null ? "OperationCanceled" : error.code(),
            error == null ? "The operation was canceled." : error.message());
    }
  }

  private Operation operation(ArmCall call) {
    String id = call.param("operationId");
    return state
        .transact(tx -> tx.operation(id))
        .filter(op -> op.subscription().equalsIgnoreCase(call.param("sub")))
        .orElseThrow(
            () ->
                new ArmException(
                    404, "OperationNotFound", "The operation '" + id + "' was not found."));
  }

  private static String requestPath(ArmCall call) {
    StringBuilder path = new StringBuilder();
    call.request().segments().forEach(s -> path.append('/').append(ResourceIds.encode(s)));
    return path + "?api-version=" + ResourceIds.encode(call.request().apiVersion());
  }
}
