package com.arcal.cli;

import com.arcal.cli.command.Arcalctl;
import com.arcal.cli.command.CliContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;

/** Runs arcalctl in this JVM against a server, with its output captured. */
public final class Cli {
  /** One run: exit status and what was printed. */
  public record Run(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  private final Map<String, String> env = new HashMap<>();
  private boolean terminal;

  public Cli(String server) {
    env.put("ARCAL_URL", server);
  }

  public Cli env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** Pretends the output is a terminal (colours unless NO_COLOR). */
  public Cli terminal() {
    terminal = true;
    return this;
  }

  public Run run(String... args) {
    return running(args).out();
  }

  /** A run whose output can be read while it goes on (watch, waits). */
  public Running start(String... args) {
    Running r = running(args);
    r.result = CompletableFuture.supplyAsync(r::out);
    return r;
  }

  private Running running(String... args) {
    CommandLine cl = Arcalctl.commandLine(new CliContext(env, terminal, Clock.systemUTC()));
    return new Running(cl, List.of(args));
  }

  /** A command in progress. */
  public static final class Running {
    private final CommandLine cl;
    private final List<String> args;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private CompletableFuture<Run> result;

    private Running(CommandLine cl, List<String> args) {
      this.cl = cl;
      this.args = new ArrayList<>(args);
      cl.setOut(new PrintWriter(out, true));
      cl.setErr(new PrintWriter(err, true));
    }

    private Run out() {
      int exit = cl.execute(args.toArray(String[]::new));
      return new Run(exit, out.toString(), err.toString());
    }

    /** What has been printed so far. */
    public synchronized String output() {
      return out.toString();
    }

    public CompletableFuture<Run> result() {
      return result;
    }
  }
}
