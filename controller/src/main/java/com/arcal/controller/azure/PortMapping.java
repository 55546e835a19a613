package com.arcal.controller.azure;

/**
 * One of an app's additional TCP ports ({@code configuration.ingress.additionalPortMappings}):
 * the container listens on {@code targetPort}; other apps of the environment reach it at
 * {@code <app name>:<exposedPort>}, which Azure defaults to the target port.
 */
public record PortMapping(int targetPort, int exposedPort, boolean external) {
  public PortMapping {
    if (targetPort < 1 || targetPort > 65535 || exposedPort < 1 || exposedPort > 65535) {
      throw new IllegalArgumentException("ports must be 1-65535: " + targetPort + "/" + exposedPort);
    }
  }
}
