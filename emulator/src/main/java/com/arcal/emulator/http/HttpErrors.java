package com.arcal.emulator.http;

import java.time.Duration;

/** The errors ARM's front door answers before a request reaches a resource provider. */
public final class HttpErrors {
  private HttpErrors() {}

  public static ArmException authenticationFailed() {
    return new ArmException(
            401,
            "AuthenticationFailed",
            "Authentication failed. The 'Authorization' header is missing or is not a Bearer"
                + " token.")
        .withHeader(
            "WWW-Authenticate",
            "Bearer authorization_uri=\"https://login.microsoftonline.com/common\","
                + " error=\"invalid_token\", error_description=\"The authentication failed because"
                + " of missing 'Authorization' header.\"");
  }

  public static ArmException missingApiVersion() {
    return new ArmException(
        400,
        "MissingApiVersionParameter",
        "The api-version query parameter (?api-version=) is required for all requests.");
  }

  public static ArmException invalidApiVersion(String value) {
    return new ArmException(
        400,
        "InvalidApiVersionParameter",
        "The api-version '"
            + value
            + "' is invalid. The supported versions look like 'YYYY-MM-DD' "
            + "or 'YYYY-MM-DD-preview'.");
  }

  public static ArmException throttled(Duration retryAfter) {
    long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    return new ArmException(
            429,
            "SubscriptionRequestsThrottled",
            "Number of requests for subscription exceeded the limit. Please try again after "
                + seconds
                + " seconds.")
        .withHeader("Retry-After", Long.toString(seconds));
  }

  /**
   * A resource provider's own limit refused the request: ARM's code and message shape for a limit
   * a service declared (e.g. "Number of requests for action 'Microsoft.Cdn/profiles/read' exceeded
   * the limit of '50' ...", quoted in Azure/azqr issue 34).
   */
  public static ArmException providerThrottled(String action, long limit, Duration retryAfter) {
    long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    return new ArmException(
            429,
            "ResourceRequestsThrottled",
            "Number of requests for action '" + action + "' exceeded the limit of '" + limit
                + "'. Please try again after '" + seconds + "' seconds.")
        .withHeader("Retry-After", Long.toString(seconds));
  }

  public static ArmException internalError() {
    return new ArmException(
        500, "InternalServerError", "Encountered internal server error. Please try again later.");
  }

  public static ArmException serviceUnavailable() {
    return new ArmException(
            503,
            "ServiceUnavailable",
            "The service is temporarily unavailable. Please retry the request later.")
        .withHeader("Retry-After", "1");
  }

  public static ArmException notFoundRoute(String path) {
    return new ArmException(
        404, "NotFound", "No HTTP resource was found that matches the request URI '" + path + "'.");
  }

  public static ArmException methodNotAllowed(String method) {
    return new ArmException(
        405,
        "MethodNotAllowed",
        "The requested resource does not support http method '" + method + "'.");
  }

  public static ArmException requestTooLarge(long limit) {
    return new ArmException(
        413, "RequestEntityTooLarge", "The request body is larger than " + limit + " bytes.");
  }
}
