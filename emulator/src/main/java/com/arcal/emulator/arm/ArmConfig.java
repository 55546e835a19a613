package com.arcal.emulator.arm;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the ARM layer needs from the emulator's settings.
 *
 * @param resourceGroups the resource groups that exist (in every subscription)
 * @param location the emulated region, e.g. {@code westeurope}
 * @param pageSize list page size
 * @param provisioningDelay how long a create or update takes
 * @param deletionDelay how long a delete takes
 * @param keepRevisions how many revisions (active and inactive) an app's history keeps
 */
public record ArmConfig(
    List<String> resourceGroups,
    String location,
    int pageSize,
    Duration provisioningDelay,
    Duration deletionDelay,
    int keepRevisions) {

  /**
   * How long before a provisioning completes its container is started: longer than an engine
   * takes to start (1-2 s as a process), so it answers when ARM reports Succeeded.
   */
  public static final Duration CONTAINER_START_LEAD = Duration.ofSeconds(5);

  public ArmConfig {
    resourceGroups = List.copyOf(resourceGroups);
    Objects.requireNonNull(location, "location");
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1");
    }
    Objects.requireNonNull(provisioningDelay, "provisioningDelay");
    Objects.requireNonNull(deletionDelay, "deletionDelay");
    if (keepRevisions < 1) {
      throw new IllegalArgumentException("keepRevisions must be at least 1");
    }
  }

  /**
   * The {@code Retry-After} seconds for an operation of this latency: its length rounded up, at
   * least 1 (clients treat 0 as "use your own default", often 30 s) and at most 15, what Azure
   * itself sends for container apps.
   */
  public static long retryAfterSeconds(Duration latency) {
    long seconds = (latency.toMillis() + 999) / 1000;
    return Math.max(1, Math.min(15, seconds));
  }
}
