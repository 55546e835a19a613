package com.arcal.emulator.http;

import com.arcal.emulator.OperationKind;
import com.arcal.emulator.fault.FaultDecision;
import com.arcal.emulator.fault.FaultInjector;
import com.arcal.emulator.stats.RequestStats;
import com.arcal.emulator.throttle.ArmThrottle;
import com.arcal.emulator.throttle.TokenBucket;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ARM's front door: authentication, routing, api-version, throttling and fault injection, then the
 * route's handler. Every failure, expected or not, becomes an ARM error response; nothing a client
 * sends can take the server down.
 */
public final class ArmHttpHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ArmHttpHandler.class);
  static final String PROVIDER_REMAINING =
      "x-ms-ratelimit-remaining-subscription-resource-requests";
  private static final Pattern API_VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(-preview)?");

  private final Router router;
  private final ArmThrottle throttle;
  private final FaultInjector faults;
  private final RequestStats stats;
  private final ResponseWriter writer;

  public ArmHttpHandler(
      Router router,
      ArmThrottle throttle,
      FaultInjector faults,
      RequestStats stats,
      ScheduledExecutorService delays) {
    this.router = router;
    this.throttle = throttle;
    this.faults = faults;
    this.stats = stats;
    this.writer = new ResponseWriter(delays);
  }

  /** A processed request: the answer, the front door's headers, and any fault to play out. */
  private record Outcome(
      String route, ArmResponse response, Map<String, String> headers, FaultDecision fault) {}

  @Override
  public void handle(HttpExchange exchange) {
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    Outcome outcome;
    try {
      outcome = process(exchange, method);
    } catch (RuntimeException | Error | IOException e) {
      LOG.error("unexpected failure answering {} {}", method, exchange.getRequestURI(), e);
      outcome =
          new Outcome(
              "unknown",
              ArmResponse.error(HttpErrors.internalError()),
              Map.of(),
              FaultDecision.NONE);
    }
    deliver(exchange, method, outcome);
  }

  private Outcome process(HttpExchange exchange, String method) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    String route = "unknown";
    FaultDecision fault = FaultDecision.NONE;
    try {
      ArmRequest request = RequestReader.read(exchange);
      Router.Lookup lookup = router.lookup(method, request.segments());
      Optional<Router.Match> match = lookup.match();
      route = match.map(m -> m.route().name()).orElse("unknown");
      OperationKind kind = match.map(m -> m.route().kind()).orElse(kindOf(method));
      requireBearer(request);
      // Like ARM, every authenticated request spends budget, even one that fails validation.
      admit(subscription(request), kind, headers);
      Router.Match found =
          match.orElseThrow(
              () ->
                  lookup.pathKnown()
                      ? HttpErrors.methodNotAllowed(method)
                      : HttpErrors.notFoundRoute(exchange.getRequestURI().getRawPath()));
      requireApiVersion(request);
      fault = faults.decide(kind);
      injectError(fault);
      ArmResponse response =
          found
              .route()
              .handler()
              .handle(new ArmCall(request, found.params(), fault.failOperation()));
      return new Outcome(route, response, headers, fault);
    } catch (ArmException e) {
      // Errors the handler answers still get the injected latency or connection drop.
      return new Outcome(route, ArmResponse.error(e), headers, fault);
    }
  }

  /**
   * Spends the request's ARM bucket and, for a write, then Microsoft.App's own bucket, whose count
   * Azure reports instead of ARM's ("Resource Manager adds this value instead of the subscription
   * reads or writes": x-ms-ratelimit-remaining-subscription-resource-requests, as on the recorded
   * PUT of a container app).
   */
  private void admit(String subscription, OperationKind kind, Map<String, String> headers) {
    TokenBucket.Take arm = throttle.take(subscription, kind);
    if (!arm.granted() || !ArmThrottle.providerLimits(kind)) {
      headers.put(
          "x-ms-ratelimit-remaining-subscription-" + kind.bucketName(),
          Long.toString(arm.remaining()));
      if (!arm.granted()) {
        throw HttpErrors.throttled(arm.retryAfter());
      }
      return;
    }
    TokenBucket.Take provider = throttle.takeProvider(subscription);
    headers.put(PROVIDER_REMAINING, Long.toString(provider.remaining()));
    if (!provider.granted()) {
      throw HttpErrors.providerThrottled(
          "Microsoft.App/containerApps/write", throttle.providerLimit(), provider.retryAfter());
    }
  }

  private void deliver(HttpExchange exchange, String method, Outcome outcome) {
    FaultDecision fault = outcome.fault();
    if (fault.outcome() == FaultDecision.Outcome.LOST_RESPONSE) {
      stats.record(method, outcome.route(), 0);
      writer.drop(exchange, fault.stall());
      return;
    }
    stats.record(method, outcome.route(), outcome.response().status());
    writer.send(exchange, outcome.response(), outcome.headers(), fault.extraLatency());
  }

  private static void injectError(FaultDecision fault) {
    switch (fault.outcome()) {
      case HTTP_500 -> throw HttpErrors.internalError();
      case HTTP_503 -> throw HttpErrors.serviceUnavailable();
      case HTTP_429 -> throw HttpErrors.throttled(Duration.ofSeconds(1));
      default -> {
        // NORMAL and LOST_RESPONSE both apply the request.
      }
    }
  }

  private static void requireBearer(ArmRequest request) {
    String auth = request.header("Authorization").orElse("").trim();
    if (!auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.substring(7).isBlank()) {
      throw HttpErrors.authenticationFailed();
    }
  }

  private static void requireApiVersion(ArmRequest request) {
    Optional<String> version = request.queryParam("api-version");
    if (version.isEmpty() || version.get().isEmpty()) {
      throw HttpErrors.missingApiVersion();
    }
    if (!API_VERSION.matcher(version.get()).matches()) {
      throw HttpErrors.invalidApiVersion(version.get());
    }
  }

  private static String subscription(ArmRequest request) {
    List<String> segments = request.segments();
    return segments.size() >= 2 && segments.get(0).equalsIgnoreCase("subscriptions")
        ? segments.get(1)
        : "";
  }

  private static OperationKind kindOf(String method) {
    return switch (method) {
      case "GET", "HEAD" -> OperationKind.READ;
      case "DELETE" -> OperationKind.DELETE;
      default -> OperationKind.WRITE;
    };
  }
}
