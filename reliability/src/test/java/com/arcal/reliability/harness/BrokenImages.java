package com.arcal.reliability.harness;

import com.arcal.emulator.runtime.ContainerRuntime;
import com.arcal.emulator.runtime.ContainerSpec;
import com.arcal.emulator.runtime.ReplicaStatus;
import java.util.Optional;
import java.util.Set;

/**
 * A container runtime for which some images cannot start (a tag pushed broken, a registry that
 * refuses the pull): the emulator replaces an app's replica when its revision changes, so an app
 * updated to such an image has no engine at all, and the revision never gets a ready replica.
 * Every other call goes to the real runtime.
 */
final class BrokenImages implements ContainerRuntime {
  private final ContainerRuntime runtime;
  private final Set<String> broken;

  BrokenImages(ContainerRuntime runtime, Set<String> broken) {
    this.runtime = runtime;
    this.broken = Set.copyOf(broken);
  }

  @Override
  public void ensureRunning(ContainerSpec spec) {
    if (broken.contains(spec.image())) {
      runtime.remove(spec.appName());
    } else {
      runtime.ensureRunning(spec);
    }
  }

  @Override
  public void restart(String appName) {
    runtime.restart(appName);
  }

  @Override
  public void remove(String appName) {
    runtime.remove(appName);
  }

  @Override
  public Optional<ReplicaStatus> replica(String appName) {
    return runtime.replica(appName);
  }

  @Override
  public void crash(String appName) {
    runtime.crash(appName);
  }

  @Override
  public void retainOnly(Set<String> appNames) {
    runtime.retainOnly(appNames);
  }

  @Override
  public void close() {
    runtime.close();
  }
}
