package com.arcal.controller.azure;

import com.arcal.controller.secret.Secret;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The controller's view of Azure Container Apps in one resource group. Writes only start
 * long-running operations and return at once; their progress is observed later through
 * {@link #get} or {@link #list}, which is what lets an operation survive an orchestrator restart.
 * Every failure is an {@link ArmException}.
 */
public interface ContainerAppsPort {

  /** Every app in the resource group: one paged LIST. */
  List<AppObservation> list();

  /** One app, or empty when Azure says it does not exist. */
  Optional<AppObservation> get(String appName);

  /** Sends the PUT (create or replace) and returns what Azure answered, usually InProgress. */
  AppObservation beginCreateOrUpdate(AppRequest request);

  /**
   * Replaces the app's tags and nothing else (a PATCH whose body holds only {@code tags}); returns
   * at once. Tags are not part of the revision template, so Azure makes no new revision and
   * restarts nothing: this is how a warm-pool app is bound to a sale. No default: one that
   * refused hid that the port routing several environments lacked it, and every warm-pool
   * binding on Azure failed.
   */
  void beginUpdateTags(String appName, Map<String, String> tags);

  /** Sends the DELETE; returns without waiting for the app to be gone. Missing app: no error. */
  void beginDelete(String appName);

  /**
   * ARM's view of that revision's health: the revision (GET) and its replicas' containers
   * (listReplicas), two reads. Read only for an engine that is a candidate for a heal.
   */
  RevisionHealth revisionHealth(String appName, String revisionName);

  /** Restarts the app's replicas of that revision (ARM revision restart). */
  void restartRevision(String appName, String revisionName);

  /**
   * The value of the app's secret {@code secretName}, empty when the app has no such secret (or
   * only a Key Vault reference). A GET never carries secret values: this is Azure's
   * {@code POST .../listSecrets} action, which ARM counts as a write.
   */
  Optional<Secret> secret(String appName, String secretName);
}
