package com.arcal.cli.command;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What arcalctl takes from its surroundings, injected so that tests run it in the JVM: the
 * environment ({@code ARCAL_URL}, {@code ARCAL_API_TOKEN}, {@code EDITOR}, {@code NO_COLOR}),
 * whether the output is a terminal, and the clock that ages are measured with.
 */
public record CliContext(Map<String, String> env, boolean terminal, Clock clock) {
  public CliContext {
    env = Map.copyOf(env);
    Objects.requireNonNull(clock, "clock");
  }

  /** The real process: its environment, a console when there is one, the system clock. */
  public static CliContext system() {
    return new CliContext(System.getenv(), System.console() != null, Clock.systemDefaultZone());
  }

  /** Colour only on a terminal, and never when {@code NO_COLOR} is set (to anything). */
  public boolean colour() {
    return terminal && !env.containsKey("NO_COLOR");
  }
}
