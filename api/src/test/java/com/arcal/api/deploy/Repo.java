package com.arcal.api.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The repository the tests run in: its root, and its files read as text. */
final class Repo {
  /** Folders that hold build output, dependencies or VCS data, never sources. */
  private static final Set<String> SKIPPED = Set.of(".git", "target", "node_modules", ".idea");

  private final Path root;

  private Repo(Path root) {
    this.root = root;
  }

  /** Walks up from the working directory (a module folder under surefire) to the root. */
  static Repo locate() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve(".ci"))) {
        return new Repo(dir);
      }
    }
    throw new IllegalStateException("no repository root (mvnw and .ci/) above " + Path.of("").toAbsolutePath());
  }

  Path root() {
    return root;
  }

  Path path(String relative) {
    return root.resolve(relative);
  }

  String read(String relative) {
    try {
      return Files.readString(path(relative), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + relative, e);
    }
  }

  /** Files under {@code relative} whose name ends with {@code suffix}, skipping build output. */
  List<Path> files(String relative, String suffix) {
    Path start = path(relative);
    if (!Files.isDirectory(start)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(start)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(suffix))
          .filter(p -> notSkipped(root.relativize(p)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + relative, e);
    }
  }

  String relative(Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  private static boolean notSkipped(Path relative) {
    for (Path part : relative) {
      if (SKIPPED.contains(part.toString())) {
        return false;
      }
    }
    return true;
  }
}
