package com.arcal.api.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parts of one of our Dockerfiles that must agree with the build and the code. */
record Dockerfile(List<String> instructions, Map<String, String> env) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern EXEC_FORM = Pattern.compile("(\\[.*\\])\\s*$");

  static Dockerfile parse(String text) {
    return new Dockerfile(EnvNames.dockerInstructions(text), EnvNames.dockerfileEnv(text));
  }

  /** Ports of every {@code EXPOSE}. */
  List<Integer> exposedPorts() {
    List<Integer> ports = new ArrayList<>();
    for (String instruction : withKeyword("EXPOSE")) {
      for (String port : instruction.substring("EXPOSE".length()).strip().split("\\s+")) {
        ports.add(Integer.parseInt(port.replace("/tcp", "")));
      }
    }
    return ports;
  }

  /** The exec-form argument list of the single instruction starting with {@code keyword}. */
  List<String> execForm(String keyword) {
    List<String> matches = withKeyword(keyword);
    if (matches.size() != 1) {
      throw new IllegalArgumentException("expected one " + keyword + ", found " + matches.size());
    }
    Matcher m = EXEC_FORM.matcher(matches.get(0));
    if (!m.find()) {
      throw new IllegalArgumentException(keyword + " must use the exec (JSON array) form: " + matches.get(0));
    }
    try {
      return JSON.readValue(m.group(1), new TypeReference<List<String>>() {});
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException("bad JSON array in " + keyword, e);
    }
  }

  /** The path after {@code -jar} in the ENTRYPOINT. */
  String entrypointJar() {
    List<String> entrypoint = execForm("ENTRYPOINT");
    int jar = entrypoint.indexOf("-jar");
    if (jar < 0 || jar + 1 >= entrypoint.size()) {
      throw new IllegalArgumentException("ENTRYPOINT runs no -jar: " + entrypoint);
    }
    return entrypoint.get(jar + 1);
  }

  List<String> withKeyword(String keyword) {
    return instructions.stream()
        .filter(i -> i.regionMatches(true, 0, keyword + " ", 0, keyword.length() + 1))
        .toList();
  }
}
