package com.arcal.cli;

import com.arcal.cli.command.Arcalctl;
import com.arcal.cli.command.CliContext;

/** {@code arcalctl}: exits with 0 on success, 1 on an error, 2 on a usage error. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(Arcalctl.commandLine(CliContext.system()).execute(args));
  }
}
