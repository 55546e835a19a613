package com.arcal.emulator.arm;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Resource ids and URL paths. Ids use the lower-case {@code containerapps} segment, as Azure's do;
 * request paths use the SDK's {@code containerApps} (ARM matches them case-insensitively).
 */
public final class ResourceIds {
  public static final String APP_TYPE = "Microsoft.App/containerApps";
  public static final String ENVIRONMENT_TYPE = "Microsoft.App/managedEnvironments";
  /** The environment of every resource group unless EMULATOR_ENVIRONMENTS names others. */
  public static final String ENVIRONMENT_NAME = "arcal-env";

  private ResourceIds() {}

  public static String app(String sub, String rg, String name) {
    return "/subscriptions/"
        + sub
        + "/resourceGroups/"
        + rg
        + "/providers/Microsoft.App/containerapps/"
        + name;
  }

  public static String revision(String sub, String rg, String app, String revision) {
    return app(sub, rg, app) + "/revisions/" + revision;
  }

  public static String replica(String sub, String rg, String app, String revision, String replica) {
    return revision(sub, rg, app, revision) + "/replicas/" + replica;
  }

  public static String environment(String sub, String rg, String name) {
    return "/subscriptions/"
        + sub
        + "/resourceGroups/"
        + rg
        + "/providers/Microsoft.App/managedEnvironments/"
        + name;
  }

  public static String operationStatus(String sub, String location, String id) {
    return "/subscriptions/"
        + sub
        + "/providers/Microsoft.App/locations/"
        + location
        + "/containerappOperationStatuses/"
        + id;
  }

  /** Absolute URL of an operation's status, as sent in {@code Azure-AsyncOperation}. */
  public static String operationStatusUrl(
      String baseUrl, String sub, String location, String id, String apiVersion) {
    return operationUrl(baseUrl, sub, location, "containerappOperationStatuses", id, apiVersion)
        + "&azureAsyncOperation=true";
  }

  /** Absolute URL of an operation's result, as sent in {@code Location}. */
  public static String operationResultUrl(
      String baseUrl, String sub, String location, String id, String apiVersion) {
    return operationUrl(baseUrl, sub, location, "containerappOperationResults", id, apiVersion);
  }

  private static String operationUrl(
      String baseUrl, String sub, String location, String kind, String id, String apiVersion) {
    return baseUrl
        + "/subscriptions/"
        + encode(sub)
        + "/providers/Microsoft.App/locations/"
        + encode(location)
        + "/"
        + kind
        + "/"
        + id
        + "?api-version="
        + encode(apiVersion);
  }

  /** Percent-encodes one path segment or query value. */
  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
