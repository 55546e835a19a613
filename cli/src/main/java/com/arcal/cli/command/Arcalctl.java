package com.arcal.cli.command;

import com.arcal.cli.CliException;
import com.arcal.cli.api.ArcalClient;
import com.arcal.cli.api.Endpoint;
import com.arcal.cli.output.Palette;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code arcalctl} command: global options, and what every subcommand shares (the API
 * client, the output streams, colours). Subcommands receive this object in their constructor.
 */
@Command(
    name = "arcalctl",
    mixinStandardHelpOptions = true,
    version = "arcalctl 0.1.0",
    description = "Operate an ARCAL orchestrator through its REST API.",
    subcommands = {
      GetCommand.class,
      DescribeCommand.class,
      SpawnCommand.class,
      DeleteCommand.class,
      ApplyCommand.class,
      DiffCommand.class,
      EditCommand.class,
      ConfirmDeletionsCommand.class,
      ConfirmRestartsCommand.class,
      RolloutCommand.class,
      WatchCommand.class
    },
    footer = {
      "",
      "Environment: ARCAL_URL (default " + Endpoint.DEFAULT_URL + "), ARCAL_API_TOKEN, EDITOR, NO_COLOR.",
      "Exit status: 0 ok, 1 error, 2 usage error."
    })
public final class Arcalctl implements Callable<Integer> {
  @Option(names = "--server", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "Orchestrator address (default: $ARCAL_URL, else " + Endpoint.DEFAULT_URL + ").")
  String server;

  @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
      description = "Bearer token for writes (default: $ARCAL_API_TOKEN).")
  String token;

  @Spec CommandSpec spec;

  private final CliContext context;
  private final ObjectMapper json = new ObjectMapper();
  private ArcalClient client;

  Arcalctl(CliContext context) {
    this.context = context;
  }

  /** The command line, with the error handling every command shares. */
  public static CommandLine commandLine(CliContext context) {
    Arcalctl root = new Arcalctl(context);
    CommandLine cl = new CommandLine(root, new Factory(root));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler((e, line, parsed) -> {
      PrintWriter err = line.getErr();
      if (e instanceof CliException) {
        err.println("error: " + e.getMessage());
      } else {
        err.println("error: unexpected failure: " + e);
      }
      err.flush();
      return 1;
    });
    return cl;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(err());
    return 2;
  }

  CliContext context() {
    return context;
  }

  ObjectMapper json() {
    return json;
  }

  synchronized ArcalClient client() {
    if (client == null) {
      client = new ArcalClient(Endpoint.resolve(server, token, context.env()), json);
    }
    return client;
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  Palette palette() {
    return new Palette(context.colour());
  }

  /** Builds subcommands with the root when they take it, as picocli would otherwise. */
  private record Factory(Arcalctl root) implements IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      for (Constructor<?> c : type.getDeclaredConstructors()) {
        if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == Arcalctl.class) {
          return type.cast(c.newInstance(root));
        }
      }
      return CommandLine.defaultFactory().create(type);
    }
  }
}
