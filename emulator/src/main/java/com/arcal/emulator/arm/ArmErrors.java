package com.arcal.emulator.arm;

import com.arcal.emulator.http.ArmException;
import java.util.List;

/** The container-app errors the emulator answers, with Azure's codes and message shapes. */
public final class ArmErrors {
  private ArmErrors() {}

  public static ArmException resourceGroupNotFound(String rg) {
    return new ArmException(
        404, "ResourceGroupNotFound", "Resource group '" + rg + "' could not be found.");
  }

  /** ARM's 404 for a resource, {@code type} like {@code Microsoft.App/containerApps}. */
  public static ArmException resourceNotFound(String type, String name, String rg) {
    return new ArmException(
        404,
        "ResourceNotFound",
        "The Resource '"
            + type
            + "/"
            + name
            + "' under resource group '"
            + rg
            + "' was not found. For more details please go to"
            + " https://aka.ms/ARMResourceNotFoundFix");
  }

  public static ArmException managedEnvironmentNotFound(String environmentId) {
    return new ArmException(
        404,
        "ManagedEnvironmentNotFound",
        "The environment '" + environmentId + "' was not found.");
  }

  public static ArmException lockConflict(String app) {
    return new ArmException(
        409,
        "ContainerAppLockConflict",
        "Cannot modify container App '"
            + app
            + "' because another modification is in progress. Please retry the operation.");
  }

  public static ArmException nameInUse(String app, String otherRg) {
    return new ArmException(
        409,
        "ContainerAppNameInUse",
        "A container app named '"
            + app
            + "' already exists in resource group '"
            + otherRg
            + "'; the emulator requires app names to be unique across resource groups.");
  }

  public static ArmException invalidName(String app) {
    return new ArmException(
        400,
        "ContainerAppInvalidName",
        "Invalid ContainerApp name '"
            + app
            + "'. A name must consist of lower case alphanumeric "
            + "characters or '-', start with an alphabetic character, and end with an "
            + "alphanumeric character and cannot have '--'. The length must not be more than 32 "
            + "characters.");
  }

  public static ArmException invalidContent(String detail) {
    return new ArmException(
        400,
        "InvalidRequestContent",
        "The request content was invalid and could not be deserialized: '" + detail + "'.");
  }

  /** A secret sent without its value: what a PUT of a body read with GET gets. */
  public static ArmException secretNull(List<String> names) {
    return secretError("ContainerAppSecretNull", names, "cannot have a value of null.");
  }

  public static ArmException secretInvalid(List<String> names) {
    return secretError(
        "ContainerAppSecretInvalid", names, "are invalid: value or keyVaultUrl and identity should be provided.");
  }

  private static ArmException secretError(String code, List<String> names, String problem) {
    return new ArmException(
        400,
        code,
        "Invalid Request: Container app secret(s) with name(s) '" + String.join(", ", names) + "' " + problem);
  }

  public static ArmException invalidSpec(String detail) {
    return new ArmException(400, "ContainerAppInvalidSpec", detail);
  }

  public static ArmException locationRequired() {
    return new ArmException(
        400, "LocationRequired", "The location property is required for this definition.");
  }

  /**
   * A write that would take its environment past its core quota. The message is Azure's, as
   * Microsoft Learn quotes it ("Quotas for Azure Container Apps", troubleshooting); the code is not
   * documented anywhere we found: we answer ARM's documented code for a refused core quota, 409
   * {@code OperationNotAllowed} ("Resolve errors for resource quotas"), so a client must recognise
   * the refusal by its message, which is what Azure documents.
   */
  public static ArmException maxCoresExceeded() {
    return new ArmException(
        409,
        "OperationNotAllowed",
        "Maximum Allowed Cores exceeded for the Managed Environment. Please check"
            + " https://learn.microsoft.com/en-us/azure/container-apps/quotas for resource limits.");
  }
}
