package com.arcal.emulator.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Marks each container process's command line with its app and with this emulator's data folder,
 * e.g. {@code java -Darcal.emulator.app=sale-42 -Darcal.emulator.data=/abs/data -jar engine.jar}.
 * So {@code pgrep -f sale-42} finds the app's process, and a later run of the emulator recognises
 * processes it left behind (even unrecorded ones) without touching another emulator's.
 *
 * @param dataDir the absolute, normalised data folder
 */
record ProcessMarker(Path dataDir) {

  static final String APP_FLAG = "-Darcal.emulator.app=";
  static final String DATA_FLAG = "-Darcal.emulator.data=";
  private static final Pattern APP_IN_COMMAND_LINE =
      Pattern.compile(Pattern.quote(APP_FLAG) + "(\\S+)");

  ProcessMarker {
    dataDir = dataDir.toAbsolutePath().normalize();
  }

  /** Whether the command's executable is a Java launcher, which is what can carry the marker. */
  static boolean isJavaCommand(List<String> command) {
    String executable = Path.of(command.get(0)).getFileName().toString();
    return executable.equals("java") || executable.equals("java.exe");
  }

  /** The command with the marker inserted as system properties right after the launcher. */
  List<String> mark(List<String> command, String appName) {
    if (!isJavaCommand(command)) {
      throw new IllegalArgumentException("not a java command: " + command);
    }
    List<String> marked = new ArrayList<>(command.size() + 2);
    marked.add(command.get(0));
    marked.add(APP_FLAG + appName);
    marked.add(DATA_FLAG + dataDir);
    marked.addAll(command.subList(1, command.size()));
    return marked;
  }

  /** The app a process was started for, if this emulator's data folder marks it. */
  Optional<String> appOf(ProcessHandle.Info info) {
    Optional<String[]> arguments = info.arguments();
    if (arguments.isPresent()) {
      String app = null;
      boolean ours = false;
      for (String argument : arguments.get()) {
        if (argument.startsWith(APP_FLAG)) {
          app = argument.substring(APP_FLAG.length());
        } else if (argument.equals(DATA_FLAG + dataDir)) {
          ours = true;
        }
      }
      return ours ? Optional.ofNullable(app) : Optional.empty();
    }
    // Without separate arguments only the joined command line is known; good enough for a marker.
    return info.commandLine()
        .filter(line -> line.contains(DATA_FLAG + dataDir))
        .map(APP_IN_COMMAND_LINE::matcher)
        .filter(Matcher::find)
        .map(matcher -> matcher.group(1));
  }

  /** Every live process this emulator's data folder marks, by app, this JVM excluded. */
  Map<String, List<ProcessHandle>> scan() {
    Map<String, List<ProcessHandle>> byApp = new HashMap<>();
    long self = ProcessHandle.current().pid();
    ProcessHandle.allProcesses()
        .filter(process -> process.pid() != self)
        .forEach(process -> appOf(process.info()).ifPresent(app ->
            byApp.computeIfAbsent(app, key -> new ArrayList<>()).add(process)));
    return byApp;
  }
}
