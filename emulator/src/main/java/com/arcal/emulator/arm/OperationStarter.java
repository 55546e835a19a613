package com.arcal.emulator.arm;

import com.arcal.emulator.lro.Operation;
import com.arcal.emulator.state.AppRecord;
import com.arcal.emulator.state.ArmState;
import com.arcal.emulator.state.DesiredSpec;
import com.arcal.emulator.state.ProvisioningState;
import com.arcal.emulator.state.RevisionRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Accepts writes: records the new desired state and the operation that will carry it out. Called
 * inside a state transaction; the caller schedules the operation once the transaction committed.
 */
public final class OperationStarter {
  private static final String SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  private final ArmConfig config;
  private final RandomGenerator random;
  /** Whether a new app's address must have its ports free (false when the runtime shares them). */
  private final boolean checkPorts;

  public OperationStarter(ArmConfig config, RandomGenerator random) {
    this(config, random, true);
  }

  public OperationStarter(ArmConfig config, RandomGenerator random, boolean checkPorts) {
    this.config = config;
    this.random = random;
    this.checkPorts = checkPorts;
  }

  /** An accepted write: the app as it now stands and the operation in flight. */
  public record Started(AppRecord app, Operation operation) {}

  /** Starts creating or updating an app ({@code existing} empty for a create). */
  public Started provision(
      ArmState.Tx tx,
      Optional<AppRecord> existing,
      String sub,
      String rg,
      String name,
      DesiredSpec desired,
      boolean fail) {
    Instant now = tx.now();
    Operation op =
        newOperation(
            Operation.Type.PROVISION,
            sub,
            rg,
            name,
            desired.location(),
            now,
            now.plus(config.provisioningDelay()),
            fail);
    String revision = revisionFor(existing, name, desired);
    AppRecord app =
        existing
            .map(a -> a.accepted(desired, revision, op.id(), now))
            .orElseGet(
                () ->
                    new AppRecord(
                        name,
                        sub,
                        rg,
                        desired,
                        ProvisioningState.InProgress,
                        "",
                        "",
                        revision,
                        tx.allocateBindHost(
                            checkPorts
                                ? ContainerSpecs.ports(desired.configuration())
                                : List.of()),
                        List.of(),
                        op.id(),
                        now,
                        now));
    tx.putApp(app);
    tx.putOperation(op);
    return new Started(app, op);
  }

  /** Starts deleting an app. */
  public Started delete(ArmState.Tx tx, AppRecord existing, boolean fail) {
    Instant now = tx.now();
    Operation op =
        newOperation(
            Operation.Type.DELETE,
            existing.subscription(),
            existing.resourceGroup(),
            existing.name(),
            existing.spec().location(),
            now,
            now.plus(config.deletionDelay()),
            fail);
    AppRecord app = existing.deleting(op.id(), now);
    tx.putApp(app);
    tx.putOperation(op);
    return new Started(app, op);
  }

  private static Operation newOperation(
      Operation.Type type,
      String sub,
      String rg,
      String name,
      String location,
      Instant now,
      Instant due,
      boolean fail) {
    return new Operation(
        UUID.randomUUID().toString(),
        type,
        sub,
        rg,
        name,
        LocationNames.shortName(location),
        Operation.Status.InProgress,
        now,
        due,
        null,
        fail,
        null);
  }

  /**
   * Single revision mode: a change to the template (or to the container ports, which the emulator's
   * replica must bind) makes a new revision; other changes keep the current one, as in Azure.
   */
  private String revisionFor(Optional<AppRecord> existing, String name, DesiredSpec desired) {
    List<Integer> ports = ContainerSpecs.ports(desired.configuration());
    Optional<RevisionRecord> ready = existing.flatMap(AppRecord::readyRevision);
    if (ready.isPresent()
        && ready.get().template().equals(desired.template())
        && ready.get().ports().equals(ports)) {
      return ready.get().name();
    }
    String suffix = desired.template().path("revisionSuffix").asText("");
    return name + "--" + (suffix.isEmpty() ? randomSuffix() : suffix);
  }

  private String randomSuffix() {
    StringBuilder suffix = new StringBuilder(7);
    synchronized (random) {
      for (int i = 0; i < 7; i++) {
        suffix.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
      }
    }
    return suffix.toString();
  }
}
