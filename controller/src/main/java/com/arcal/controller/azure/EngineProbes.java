package com.arcal.controller.azure;

import com.azure.resourcemanager.appcontainers.models.ContainerAppProbe;
import com.azure.resourcemanager.appcontainers.models.ContainerAppProbeHttpGet;
import com.azure.resourcemanager.appcontainers.models.Type;
import java.util.List;

/**
 * The health probes every engine container declares, so that the platform itself restarts a
 * hung engine. Without them Container Apps falls back to a TCP check of the ingress port, which a
 * hung JVM passes (the kernel still accepts the connection). All three call the engine's
 * {@code GET /healthz} on its buyers' port, which answers only while its gRPC server and sale
 * loop are alive.
 *
 * <p>The numbers, within the REST reference's ranges (failureThreshold at most 10):
 *
 * <ul>
 *   <li>startup: first attempt 2 s after the start, then every 5 s, 10 failures: a JVM gets 52 s
 *       to start, many times what the reference engine needs on 0.5 vCPU, and the engine is seen
 *       started at most 5 s after it is (on Azure, traffic by app name reaches a replica only
 *       once it is ready, which waits for the startup probe);
 *   <li>liveness: every 4 s, 2 s timeout, 3 failures in a row, then 2 s to stop before SIGKILL
 *       (a hung JVM ignores SIGTERM; a merely sick one stops in 1 s): a hung engine is killed 12
 *       to 16 s after it hangs and restarted at once, within the 30 s after which the controller
 *       would restart the revision itself; an engine must be unresponsive for 10 s at least,
 *       far longer than a GC pause, to be restarted;
 *   <li>readiness: every 10 s, 2 failures take it out of the buyers' ingress (liveness restarts a
 *       hung engine sooner; this covers a sick one that still answers slowly).
 * </ul>
 */
public final class EngineProbes {
  public static final String PATH = "/healthz";

  private EngineProbes() {}

  /** Startup, liveness and readiness probes of the engine container. */
  public static List<ContainerAppProbe> all() {
    return List.of(
        probe(Type.STARTUP).withInitialDelaySeconds(2).withPeriodSeconds(5).withTimeoutSeconds(2)
            .withFailureThreshold(10),
        probe(Type.LIVENESS).withInitialDelaySeconds(1).withPeriodSeconds(4).withTimeoutSeconds(2)
            .withFailureThreshold(3).withTerminationGracePeriodSeconds(2L),
        probe(Type.READINESS).withInitialDelaySeconds(1).withPeriodSeconds(10).withTimeoutSeconds(2)
            .withFailureThreshold(2).withSuccessThreshold(1));
  }

  private static ContainerAppProbe probe(Type type) {
    return new ContainerAppProbe()
        .withType(type)
        .withHttpGet(new ContainerAppProbeHttpGet().withPath(PATH).withPort(AppRequest.WEBSOCKET_PORT));
  }
}
