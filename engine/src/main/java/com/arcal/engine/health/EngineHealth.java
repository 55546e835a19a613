package com.arcal.engine.health;

import com.arcal.engine.sale.EngineState;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * What the engine's {@code GET /healthz} answers: healthy only while the engine is not stopping,
 * its gRPC server answers a {@code grpc.health.v1.Health/Check} made through its own port, and its
 * sale loop (the transitions of {@link EngineState}) is not stuck.
 *
 * <p>The platform's liveness probe calls it, so it must fail when the engine is of no use to the
 * controller even though the process runs and the buyers' port accepts connections: a TCP check
 * of port 3000 passes on a hung JVM. The whole check stays well below the probe's timeout.
 */
public final class EngineHealth {

  /**
   * How long the gRPC round trip may take: a loopback call normally takes a millisecond; half the
   * platform probe's 2 s timeout leaves room for a busy JVM.
   */
  static final Duration GRPC_DEADLINE = Duration.ofSeconds(1);
  /** How long a sale transition may hold the sale before the loop counts as stuck. */
  static final Duration SALE_LOOP_WAIT = Duration.ofMillis(200);

  /** The answer: healthy, or why not (one line, for the probe's failure message). */
  public record Verdict(boolean healthy, String detail) {
    public Verdict {
      Objects.requireNonNull(detail, "detail");
    }

    static Verdict ok() {
      return new Verdict(true, "ok");
    }

    static Verdict unhealthy(String why) {
      return new Verdict(false, why);
    }
  }

  private final BooleanSupplier alive;
  private final EngineState sale;
  /** The engine's own gRPC port, through the transport clients use; null until it listens. */
  private volatile Channel grpc;

  /**
   * @param alive false once the engine is stopping or killed
   * @param sale the sale whose transitions must not be stuck
   */
  public EngineHealth(BooleanSupplier alive, EngineState sale) {
    this.alive = Objects.requireNonNull(alive, "alive");
    this.sale = Objects.requireNonNull(sale, "sale");
  }

  /** From now on, checks go through {@code channel} (the gRPC server listens). */
  public void grpcListening(Channel channel) {
    this.grpc = Objects.requireNonNull(channel, "channel");
  }

  public Verdict check() {
    if (!alive.getAsBoolean()) {
      return Verdict.unhealthy("engine is stopping");
    }
    Channel channel = grpc;
    if (channel == null) {
      return Verdict.unhealthy("gRPC server not listening yet");
    }
    String grpcProblem = grpcProblem(channel);
    if (grpcProblem != null) {
      return Verdict.unhealthy(grpcProblem);
    }
    if (!sale.responsive(SALE_LOOP_WAIT)) {
      return Verdict.unhealthy("sale loop stuck: no transition could start within " + SALE_LOOP_WAIT.toMillis() + " ms");
    }
    return Verdict.ok();
  }

  private static String grpcProblem(Channel channel) {
    try {
      ServingStatus status = HealthGrpc.newBlockingStub(channel)
          .withDeadlineAfter(GRPC_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
          .check(HealthCheckRequest.getDefaultInstance())
          .getStatus();
      return status == ServingStatus.SERVING ? null : "gRPC health is " + status;
    } catch (StatusRuntimeException e) {
      return "gRPC health check failed: " + e.getStatus().getCode()
          + (e.getStatus().getDescription() == null ? "" : " " + e.getStatus().getDescription());
    }
  }
}
