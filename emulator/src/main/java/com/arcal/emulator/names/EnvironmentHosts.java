package com.arcal.emulator.names;

import com.arcal.emulator.state.ArmState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The names the apps resolve, scoped as Azure scopes them: an app's name (and its internal ports)
 * resolves only inside its own environment ("Connect applications in Azure Container Apps": apps
 * call apps of the same environment by name; "Ingress in Azure Container Apps": internal ports are
 * reachable from within the environment only). So each environment has its own hosts file,
 * {@code hosts.d/<its default domain>}, the view of a container running in it, which is what an
 * orchestrator running in that environment reads.
 *
 * <p>{@code hosts}, naming every app, is the view of this machine, where every engine listens on
 * loopback: the local platform (one machine, no environments to cross) reads it. Azure offers no
 * such view.
 */
public final class EnvironmentHosts implements ArmState.AddressListener {
  private static final String DIRECTORY = "hosts.d";

  private final AppHosts everywhere;
  private final Path directory;
  private final Function<String, String> domainOf;
  /** Default domain to its file; guarded by this. */
  private final Map<String, AppHosts> scoped = new HashMap<>();
  /** Name to the default domain of the environment it resolves in; guarded by this. */
  private final Map<String, String> domains = new HashMap<>();

  /**
   * @param domainOf an environment id's default domain
   * @param domains the default domains of the environments there are, whose files exist at once
   */
  public EnvironmentHosts(Path dataDir, Function<String, String> domainOf, Collection<String> domains) {
    this.everywhere = new AppHosts(dataDir.resolve(AppHosts.FILE_NAME));
    this.directory = dataDir.resolve(DIRECTORY);
    this.domainOf = domainOf;
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + directory, e);
    }
    domains.forEach(this::scope);
  }

  /** The hosts file naming every app. */
  public Path file() {
    return everywhere.file();
  }

  /** The hosts file a container of the environment whose default domain is {@code domain} sees. */
  public Path file(String domain) {
    return file(directory.getParent(), domain);
  }

  /** The same, for an emulator keeping its data in {@code dataDir} (another process's). */
  public static Path file(Path dataDir, String domain) {
    return dataDir.resolve(DIRECTORY).resolve(domain);
  }

  @Override
  public synchronized void all(Map<String, ArmState.Address> addresses) {
    Map<String, String> ips = new HashMap<>();
    Map<String, Map<String, String>> byDomain = new HashMap<>();
    scoped.keySet().forEach(d -> byDomain.put(d, new HashMap<>()));
    domains.clear();
    addresses.forEach((name, address) -> {
      String domain = domainOf.apply(address.environmentId());
      ips.put(name, address.ip());
      domains.put(name, domain);
      byDomain.computeIfAbsent(domain, d -> new HashMap<>()).put(name, address.ip());
    });
    everywhere.all(ips);
    byDomain.forEach((domain, names) -> scope(domain).all(names));
  }

  @Override
  public synchronized void changed(Map<String, Optional<ArmState.Address>> changes) {
    Map<String, Optional<String>> ips = new LinkedHashMap<>();
    Map<String, Map<String, Optional<String>>> byDomain = new LinkedHashMap<>();
    changes.forEach((name, address) -> {
      ips.put(name, address.map(ArmState.Address::ip));
      String before = domains.remove(name);
      Optional<String> after = address.map(a -> domainOf.apply(a.environmentId()));
      if (before != null && !after.equals(Optional.of(before))) {
        byDomain.computeIfAbsent(before, d -> new LinkedHashMap<>()).put(name, Optional.empty());
      }
      after.ifPresent(domain -> {
        domains.put(name, domain);
        byDomain.computeIfAbsent(domain, d -> new LinkedHashMap<>())
            .put(name, address.map(ArmState.Address::ip));
      });
    });
    everywhere.changed(ips);
    byDomain.forEach((domain, names) -> scope(domain).changed(names));
  }

  private AppHosts scope(String domain) {
    return scoped.computeIfAbsent(domain, d -> {
      AppHosts hosts = new AppHosts(file(d));
      hosts.all(Map.of());
      return hosts;
    });
  }
}
