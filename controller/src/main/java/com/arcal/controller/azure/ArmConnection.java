package com.arcal.controller.azure;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach ARM.
 *
 * @param endpoint ARM base URL; empty for public Azure
 * @param caFile PEM certificate(s) to trust instead of the JDK's defaults (a standalone emulator's
 *     self-signed certificate); empty for the defaults
 * @param staticToken a fixed bearer token instead of asking Entra ID (emulator only); empty to use
 *     {@code DefaultAzureCredential}
 * @param tenantId tenant for the Azure profile; empty to let the credential decide
 * @param responseTimeout how long one ARM call may take before its outcome counts as unknown
 */
public record ArmConnection(
    Optional<URI> endpoint,
    Optional<Path> caFile,
    Optional<String> staticToken,
    Optional<String> tenantId,
    Duration responseTimeout) {

  public ArmConnection {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(staticToken, "staticToken");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(responseTimeout, "responseTimeout");
  }

  /** Never print the token. */
  @Override
  public String toString() {
    return "ArmConnection[endpoint=" + endpoint + ", caFile=" + caFile + ", staticToken="
        + (staticToken.isPresent() ? "***" : "none") + ", tenantId=" + tenantId
        + ", responseTimeout=" + responseTimeout + "]";
  }
}
