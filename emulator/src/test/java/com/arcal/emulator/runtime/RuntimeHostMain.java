package com.arcal.emulator.runtime;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A host JVM for {@link HostDeathIT}: runs apps in process mode, prints {@code RUNNING} once all
 * are ready, then waits to be killed. Never closes its runtime, as a JVM killed with SIGKILL never
 * does.
 *
 * <p>Arguments: data folder, then {@code app:revision:bindHost} per app, then {@code --}, then the
 * engine command.
 */
public final class RuntimeHostMain {

  private RuntimeHostMain() {}

  public static void main(String[] args) throws InterruptedException {
    List<String> arguments = Arrays.asList(args);
    int separator = arguments.indexOf("--");
    List<ContainerSpec> specs = arguments.subList(1, separator).stream()
        .map(app -> app.split(":"))
        .map(parts -> HostDeathIT.spec(parts[0], parts[1], parts[2]))
        .toList();
    ContainerRuntime runtime = ContainerRuntimes.create(
        HostDeathIT.settings(Path.of(args[0]), arguments.subList(separator + 1, args.length)));
    specs.forEach(runtime::ensureRunning);
    await().atMost(Duration.ofMinutes(1)).until(() -> specs.stream().allMatch(spec ->
        runtime.replica(spec.appName()).map(r -> r.state() == ReplicaStatus.State.RUNNING).orElse(false)));
    System.out.println("RUNNING");
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
