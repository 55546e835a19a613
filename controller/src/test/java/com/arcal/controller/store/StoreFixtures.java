package com.arcal.controller.store;

import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.DesiredState;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.sale.SaleSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Shared helpers of the store tests. */
final class StoreFixtures {
  static final AppNaming NAMING = new AppNaming("sale-");
  static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final Duration POLL = Duration.ofMillis(200);
  static final SaleId A = new SaleId("vente-01");
  static final SaleId B = new SaleId("vente-02");

  private StoreFixtures() {}

  static FileDesiredStateStore open(Path file) {
    return new FileDesiredStateStore(file, NAMING, CLOCK, POLL);
  }

  static SaleSpec spec(String value) {
    return SaleSpec.ofConfig(Map.of("k", value));
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An operator saving in place (truncate, then write), like most editors and shell redirects. */
  static void writeInPlace(Path file, String content) {
    try {
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An operator (or a config tool) replacing the file by a rename, like vim or kubectl. */
  static void writeByRename(Path file, String content) {
    try {
      Path temp = file.resolveSibling("edit.swp");
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> namesIn(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Records every change a store announces. */
  static final class Recorder implements StoreListener {
    final List<DesiredState> afters = new ArrayList<>();

    @Override
    public synchronized void changed(DesiredState before, DesiredState after) {
      afters.add(after);
    }

    synchronized int count() {
      return afters.size();
    }

    synchronized DesiredState last() {
      return afters.get(afters.size() - 1);
    }
  }
}
