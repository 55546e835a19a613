package com.arcal.reliability.harness;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the built jars of the other modules are. */
public final class Repo {
  private Repo() {}

  public static Path root() {
    String configured = System.getProperty("reliability.root");
    if (configured != null) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("mvnw"))) {
        return dir;
      }
    }
    throw new IllegalStateException("cannot find the repository root");
  }

  /** A built jar, e.g. {@code engine/target/arcal-engine.jar}; fails clearly when not built. */
  public static Path jar(String relative) {
    Path jar = root().resolve(relative);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is not built: run ./mvnw -pl reliability -am verify");
    }
    return jar;
  }

  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
