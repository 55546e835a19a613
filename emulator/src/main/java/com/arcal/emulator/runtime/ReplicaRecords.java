package com.arcal.emulator.runtime;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processes behind the replicas, written to {@code replicas.json} whenever one starts or goes,
 * so that a later run of the emulator, even after this JVM was killed with SIGKILL, can adopt them
 * instead of starting duplicates. Each write replaces the file atomically (temp file + rename).
 */
final class ReplicaRecords implements ReplicaObserver {

  private static final Logger LOG = LoggerFactory.getLogger(ReplicaRecords.class);

  /**
   * Start instants are derived from boot time, which the kernel reports to the second only, so two
   * JVMs may see the same process start up to a second apart.
   */
  private static final Duration START_TOLERANCE = Duration.ofSeconds(2);

  /** One app's replica and the process running it. */
  record Entry(long pid, String processStart, String revision, String replicaName, int restartCount,
      String createdAt) {

    ReplicaIdentity identity() {
      return new ReplicaIdentity(replicaName, revision, Instant.parse(createdAt));
    }

    /** Whether {@code process} is the very process recorded (not a later one with a reused pid). */
    boolean isProcess(ProcessHandle process) {
      if (process.pid() != pid || processStart == null) {
        return false;
      }
      return process.info().startInstant()
          .map(start -> Duration.between(start, Instant.parse(processStart)).abs())
          .map(gap -> gap.compareTo(START_TOLERANCE) <= 0)
          .orElse(false);
    }
  }

  private final Path file;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final Map<String, Entry> entries;

  ReplicaRecords(Path file) {
    this.file = file;
    this.entries = load();
  }

  synchronized Optional<Entry> get(String appName) {
    return Optional.ofNullable(entries.get(appName));
  }

  synchronized Map<String, Entry> all() {
    return Map.copyOf(entries);
  }

  @Override
  public synchronized void launched(String appName, ReplicaStatus status, Container container) {
    container.process().ifPresent(process -> {
      String start = process.info().startInstant().map(Instant::toString).orElse(null);
      entries.put(appName, new Entry(process.pid(), start, status.revisionName(), status.name(),
          status.restartCount(), status.createdAt().toString()));
      write();
    });
  }

  @Override
  public synchronized void removed(String appName) {
    if (entries.remove(appName) != null) {
      write();
    }
  }

  /** Forgets the records of apps that fail the test, e.g. apps no replica runs any more. */
  synchronized void retainOnlyWhere(Predicate<String> retained) {
    if (entries.keySet().removeIf(retained.negate())) {
      write();
    }
  }

  private Map<String, Entry> load() {
    if (!Files.exists(file)) {
      return new TreeMap<>();
    }
    try {
      return new TreeMap<>(json.readValue(file.toFile(), new TypeReference<Map<String, Entry>>() {}));
    } catch (IOException e) {
      // The orphan scan still finds and stops whatever the lost records described.
      LOG.warn("Ignoring unreadable replica records {}", file, e);
      return new TreeMap<>();
    }
  }

  private void write() {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      json.writeValue(temp.toFile(), entries);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // Not fatal: the orphan scan recognises unrecorded processes by their command line.
      LOG.error("Cannot write replica records {}", file, e);
    }
  }
}
