package com.arcal.emulator.arm;

import com.arcal.emulator.OperationKind;
import com.arcal.emulator.http.Router;

/** The ARM surface the emulator serves, in one table. */
public final class ArmRoutes {
  private static final String SUB = "/subscriptions/{sub}";
  private static final String RG = SUB + "/resourceGroups/{rg}/providers/Microsoft.App";
  private static final String APP = RG + "/containerApps/{name}";
  private static final String REVISION = APP + "/revisions/{revision}";
  private static final String LOCATION = SUB + "/providers/Microsoft.App/locations/{location}";

  private ArmRoutes() {}

  public static Router build(
      AppReads reads,
      AppWrites writes,
      RevisionsApi revisions,
      OperationsApi operations,
      EnvironmentsApi environments) {
    return new Router()
        .add("PUT", APP, "containerApp", OperationKind.WRITE, writes::put)
        .add("PATCH", APP, "containerApp", OperationKind.WRITE, writes::patch)
        .add("DELETE", APP, "containerApp", OperationKind.DELETE, writes::delete)
        .add("GET", APP, "containerApp", OperationKind.READ, reads::get)
        // A POST action: ARM counts it against the write bucket, as it does every POST.
        .add("POST", APP + "/listSecrets", "listSecrets", OperationKind.WRITE, reads::listSecrets)
        .add(
            "GET",
            RG + "/containerApps",
            "containerAppsByResourceGroup",
            OperationKind.READ,
            reads::listByResourceGroup)
        .add(
            "GET",
            SUB + "/providers/Microsoft.App/containerApps",
            "containerAppsBySubscription",
            OperationKind.READ,
            reads::listBySubscription)
        .add("GET", APP + "/revisions", "revisions", OperationKind.READ, revisions::list)
        .add("GET", REVISION, "revision", OperationKind.READ, revisions::get)
        .add(
            "POST",
            REVISION + "/restart",
            "revisionRestart",
            OperationKind.WRITE,
            revisions::restart)
        .add("GET", REVISION + "/replicas", "replicas", OperationKind.READ, revisions::listReplicas)
        .add(
            "GET",
            REVISION + "/replicas/{replica}",
            "replica",
            OperationKind.READ,
            revisions::getReplica)
        .add(
            "GET",
            RG + "/managedEnvironments/{env}",
            "managedEnvironment",
            OperationKind.READ,
            environments::get)
        .add(
            "GET",
            RG + "/managedEnvironments",
            "managedEnvironmentsByResourceGroup",
            OperationKind.READ,
            environments::listByResourceGroup)
        .add(
            "GET",
            SUB + "/providers/Microsoft.App/managedEnvironments",
            "managedEnvironmentsBySubscription",
            OperationKind.READ,
            environments::listBySubscription)
        .add(
            "GET",
            RG + "/managedEnvironments/{env}/usages",
            "managedEnvironmentUsages",
            OperationKind.READ,
            environments::usages)
        .add(
            "GET",
            LOCATION + "/containerappOperationStatuses/{operationId}",
            "operationStatus",
            OperationKind.POLL,
            operations::status)
        .add(
            "GET",
            LOCATION + "/containerappOperationResults/{operationId}",
            "operationResult",
            OperationKind.POLL,
            operations::result);
  }
}
