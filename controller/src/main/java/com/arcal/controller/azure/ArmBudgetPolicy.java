package com.arcal.controller.azure;

import com.arcal.controller.budget.ArmBudget;
import com.arcal.controller.budget.ArmOperation;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.time.Duration;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Puts every ARM request, whichever code path sends it, behind the shared {@link ArmBudget}, and
 * feeds the budget what ARM says back: 429 with Retry-After slows every worker, the
 * {@code x-ms-ratelimit-remaining-subscription-*} headers correct our idea of what is left, and
 * Microsoft.App's own count ({@code ...-resource-requests}, sent instead of ARM's on its writes)
 * slows that kind down before the provider refuses.
 *
 * <p>A request that cannot get a token within {@code maxWait} is not sent: it fails with a
 * {@link BudgetExhaustedException} carrying the expected wait, and its key is requeued for then.
 */
public final class ArmBudgetPolicy implements HttpPipelinePolicy {
  /**
   * How long a worker may block for a token: short, so that a spent write budget ties up one or
   * two workers, not all of them; refused work is requeued for its slot (ArmBudget#retryDelay).
   */
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofMillis(200);

  /**
   * What remains of a resource provider's own limit for this kind of request ("Throttling Resource
   * Manager requests", Microsoft Learn: "Resource Manager adds this value instead of the
   * subscription reads or writes").
   */
  static final String PROVIDER_REMAINING =
      "x-ms-ratelimit-remaining-subscription-resource-requests";

  private final ArmBudget budget;
  private final Duration maxWait;
  private final ArmCallListener listener;

  public ArmBudgetPolicy(ArmBudget budget, Duration maxWait, ArmCallListener listener) {
    this.budget = budget;
    this.maxWait = maxWait;
    this.listener = listener;
  }

  /** Told of every ARM response (method, status); for metrics. */
  @FunctionalInterface
  public interface ArmCallListener {
    ArmCallListener NONE = (method, status) -> {};

    void answered(String method, int status);
  }

  /**
   * Before the SDK's retry policy: SDK retries are off (ArmClients), so each call is one request,
   * and a refusal by the budget does not pass through the retry policy (which would log it as an
   * exhausted retry).
   */
  @Override
  public HttpPipelinePosition getPipelinePosition() {
    return HttpPipelinePosition.PER_CALL;
  }

  @Override
  public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
    return Mono.fromCallable(() -> acquire(context))
        .flatMap(
            grant ->
                // Before the signal goes downstream (doFinally would run after the caller has
                // its answer); answering twice is harmless.
                next.process()
                    .doOnNext(
                        r -> {
                          budget.answered(grant);
                          observe(grant.kind(), context, r);
                        })
                    .doOnTerminate(() -> budget.answered(grant))
                    .doOnCancel(() -> budget.answered(grant)));
  }

  @Override
  public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
    ArmBudget.Grant grant = acquire(context);
    try {
      HttpResponse response = next.processSync();
      observe(grant.kind(), context, response);
      return response;
    } finally {
      budget.answered(grant);
    }
  }

  private ArmBudget.Grant acquire(HttpPipelineCallContext context) {
    ArmOperation kind = kindOf(context.getHttpRequest().getHttpMethod());
    Optional<ArmBudget.Grant> grant;
    try {
      grant = budget.take(kind, maxWait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      grant = Optional.empty();
    }
    return grant.orElseThrow(() -> ArmException.budgetExhausted(kind, budget.retryDelay(kind)));
  }

  private void observe(ArmOperation kind, HttpPipelineCallContext context, HttpResponse response) {
    listener.answered(context.getHttpRequest().getHttpMethod().name(), response.getStatusCode());
    count(response, "x-ms-ratelimit-remaining-subscription-" + headerKind(kind))
        .ifPresent(remaining -> budget.onRemaining(kind, remaining));
    count(response, PROVIDER_REMAINING)
        .ifPresent(remaining -> budget.onProviderRemaining(kind, remaining));
    if (response.getStatusCode() == 429) {
      Duration retryAfter =
          AzureContainerApps.RetryAfter.parse(response.getHeaderValue("Retry-After"))
              .orElse(budget.settings().defaultRetryAfter());
      budget.onThrottled(kind, retryAfter);
    }
  }

  /** A count header; empty when absent or malformed (which tells us nothing). */
  private static Optional<Long> count(HttpResponse response, String header) {
    String value = response.getHeaderValue(header);
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  static ArmOperation kindOf(HttpMethod method) {
    if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
      return ArmOperation.READ;
    }
    return method == HttpMethod.DELETE ? ArmOperation.DELETE : ArmOperation.WRITE;
  }

  private static String headerKind(ArmOperation kind) {
    return switch (kind) {
      case READ -> "reads";
      case WRITE -> "writes";
      case DELETE -> "deletes";
    };
  }
}
