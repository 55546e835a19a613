package com.arcal.emulator.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One revision of an app: an immutable snapshot of what its replica runs.
 *
 * @param name {@code <app>--<suffix>}
 * @param createdAt when its provisioning completed
 * @param provisioned true if provisioning succeeded, false if it failed
 * @param template the template it runs
 * @param ports the container ports it exposes (ingress target port first)
 */
public record RevisionRecord(
    String name, Instant createdAt, boolean provisioned, ObjectNode template, List<Integer> ports) {

  public RevisionRecord {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdAt, "createdAt");
    template = Objects.requireNonNull(template, "template").deepCopy();
    ports = List.copyOf(ports);
  }
}
