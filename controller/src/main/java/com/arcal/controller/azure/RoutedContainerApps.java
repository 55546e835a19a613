package com.arcal.controller.azure;

import com.arcal.controller.secret.Secret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link ContainerAppsPort} over several managed environments, which may sit in different
 * resource groups and subscriptions: each environment has its own port (an app lives in the
 * resource group of its environment), a LIST covers every resource group involved once, and an
 * app's other calls go to the group it was seen in, or that its placement tag names.
 *
 * <p>Invariant: {@code homes} maps an app name to the route of the resource group it was last
 * seen or created in; an app not in it is looked for in each group in turn (a GET each), which
 * happens only before the first LIST.
 */
public final class RoutedContainerApps implements ContainerAppsPort {
  /** One environment and the port whose PUTs place apps in it. */
  public record Route(EnvironmentId environment, ContainerAppsPort port) {
    public Route {
      Objects.requireNonNull(environment, "environment");
      Objects.requireNonNull(port, "port");
    }

    String group() {
      return group(environment);
    }

    static String group(EnvironmentId id) {
      return (id.subscriptionId() + "/" + id.resourceGroup()).toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final List<Route> routes;
  /** One route per resource group: the port that lists (and reads, deletes) in that group. */
  private final Map<String, Route> groups = new LinkedHashMap<>();
  private final Map<String, Route> homes = new ConcurrentHashMap<>();

  /** {@code routes} in configuration order; an app that names no environment goes to the first. */
  public RoutedContainerApps(List<Route> routes) {
    if (routes.isEmpty()) {
      throw new IllegalArgumentException("at least one environment");
    }
    this.routes = List.copyOf(routes);
    routes.forEach(r -> groups.putIfAbsent(r.group(), r));
  }

  @Override
  public List<AppObservation> list() {
    List<AppObservation> all = new ArrayList<>();
    for (Route group : groups.values()) {
      for (AppObservation app : group.port().list()) {
        homes.put(app.name(), group);
        all.add(app);
      }
    }
    return all;
  }

  @Override
  public Optional<AppObservation> get(String appName) {
    Route home = homes.get(appName);
    if (home != null) {
      Optional<AppObservation> app = home.port().get(appName);
      if (app.isPresent()) {
        return app;
      }
      homes.remove(appName);
    }
    for (Route group : groups.values()) {
      if (group == home) {
        continue;
      }
      Optional<AppObservation> app = group.port().get(appName);
      if (app.isPresent()) {
        homes.put(appName, group);
        return app;
      }
    }
    return Optional.empty();
  }

  @Override
  public AppObservation beginCreateOrUpdate(AppRequest request) {
    // An app placed by its tag; else (an app from before placement) where it was seen.
    Route route =
        request.environment().flatMap(this::route)
            .or(() -> Optional.ofNullable(homes.get(request.name())))
            .orElse(routes.get(0));
    AppObservation answered = route.port().beginCreateOrUpdate(request);
    homes.put(request.name(), groups.get(route.group()));
    return answered;
  }

  @Override
  public void beginUpdateTags(String appName, Map<String, String> tags) {
    homeOrFirst(appName).port().beginUpdateTags(appName, tags);
  }

  @Override
  public void beginDelete(String appName) {
    home(appName).ifPresent(group -> group.port().beginDelete(appName));
  }

  @Override
  public RevisionHealth revisionHealth(String appName, String revisionName) {
    return homeOrFirst(appName).port().revisionHealth(appName, revisionName);
  }

  @Override
  public void restartRevision(String appName, String revisionName) {
    homeOrFirst(appName).port().restartRevision(appName, revisionName);
  }

  @Override
  public Optional<Secret> secret(String appName, String secretName) {
    return homeOrFirst(appName).port().secret(appName, secretName);
  }

  /** The route of a configured environment. */
  private Optional<Route> route(EnvironmentId environment) {
    return routes.stream().filter(r -> r.environment().sameAs(environment)).findFirst();
  }

  /** Where the app is; looked up when not known (a missing app: nothing to do). */
  private Optional<Route> home(String appName) {
    Route home = homes.get(appName);
    if (home != null) {
      return Optional.of(home);
    }
    return get(appName).map(app -> homes.get(appName));
  }

  private Route homeOrFirst(String appName) {
    return home(appName).orElse(routes.get(0));
  }
}
