package com.arcal.controller.store;

import com.arcal.controller.sale.AppNaming;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Desired state in a JSON file that operators may also edit by hand (format in
 * docs/desired-state.md): a {@link DocumentStore} over a {@link FileStorage}. Hand edits are
 * picked up by {@link FileWatcher}; a document that does not parse or validate is never applied
 * (the last good state stays in force and {@link #problem()} says why); writes are atomic
 * ({@link AtomicFileWriter}) and conditional on the version, which is a hash of the file's bytes.
 *
 * <p>While the file has a problem the store refuses writes: writing would either discard the
 * operator's unfinished edit or resurrect a file deleted on purpose.
 */
public final class FileDesiredStateStore extends DocumentStore {
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

  private final Path file;

  public FileDesiredStateStore(Path file, AppNaming naming, Clock clock, Duration pollInterval) {
    this(file, naming, clock, pollInterval, new AtomicFileWriter());
  }

  /** With a writer whose steps fail on purpose: a full disk, a read-only folder. */
  FileDesiredStateStore(
      Path file, AppNaming naming, Clock clock, Duration pollInterval, AtomicFileWriter writer) {
    this(new FileStorage(file, pollInterval, writer), naming, clock);
  }

  private FileDesiredStateStore(FileStorage storage, AppNaming naming, Clock clock) {
    super(storage, naming, clock);
    this.file = storage.file();
  }

  public Path file() {
    return file;
  }
}
