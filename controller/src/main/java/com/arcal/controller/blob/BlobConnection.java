package com.arcal.controller.blob;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobClientBuilder;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the orchestrator reaches Azure Blob Storage: an account connection string (Azurite, account
 * keys) or a {@link TokenCredential} (managed identity through {@code DefaultAzureCredential}).
 * Clients talk through {@code java.net.http} (azure-core-http-jdk-httpclient): the netty client
 * of the Azure SDK is excluded from the build because gRPC brings another netty line.
 *
 * <p>Immutable; {@link #withPolicy} gives a copy (tests use it to cut one replica off storage).
 */
public final class BlobConnection {
  private final Optional<String> connectionString;
  private final Optional<TokenCredential> credential;
  private final List<HttpPipelinePolicy> policies;

  private BlobConnection(
      Optional<String> connectionString,
      Optional<TokenCredential> credential,
      List<HttpPipelinePolicy> policies) {
    this.connectionString = connectionString;
    this.credential = credential;
    this.policies = List.copyOf(policies);
  }

  /** Account name and key from a connection string ({@code AZURE_STORAGE_CONNECTION_STRING}). */
  public static BlobConnection connectionString(String connectionString) {
    if (connectionString == null || connectionString.isBlank()) {
      throw new IllegalArgumentException("the storage connection string is empty");
    }
    return new BlobConnection(Optional.of(connectionString), Optional.empty(), List.of());
  }

  /** Entra ID tokens (the blob URL names the account); needs "Storage Blob Data Contributor". */
  public static BlobConnection credential(TokenCredential credential) {
    Objects.requireNonNull(credential, "credential");
    return new BlobConnection(Optional.empty(), Optional.of(credential), List.of());
  }

  /** Managed identity, workload identity, Azure CLI...: whatever DefaultAzureCredential finds. */
  public static BlobConnection defaultCredential() {
    return credential(new DefaultAzureCredentialBuilder().build());
  }

  /** This connection with one more pipeline policy on every client it builds. */
  public BlobConnection withPolicy(HttpPipelinePolicy policy) {
    List<HttpPipelinePolicy> more = new ArrayList<>(policies);
    more.add(Objects.requireNonNull(policy, "policy"));
    return new BlobConnection(connectionString, credential, more);
  }

  /**
   * A client of the blob at {@code blobUrl} (https://account.blob.core.windows.net/container/name,
   * or Azurite's http://127.0.0.1:10000/devstoreaccount1/container/name).
   *
   * @param tryTimeout bound of one attempt, network waits included
   * @param maxTries attempts per call (1: the caller retries on its own schedule)
   */
  public BlobClient blob(String blobUrl, Duration tryTimeout, int maxTries) {
    BlobClientBuilder builder = new BlobClientBuilder();
    // The connection string first: it sets the account endpoint, which the URL then narrows.
    connectionString.ifPresent(builder::connectionString);
    credential.ifPresent(builder::credential);
    builder
        .endpoint(blobUrl)
        .httpClient(
            new JdkHttpClientBuilder()
                .connectionTimeout(tryTimeout)
                .responseTimeout(tryTimeout)
                .readTimeout(tryTimeout)
                .build())
        .retryOptions(
            new RequestRetryOptions(
                RetryPolicyType.EXPONENTIAL,
                maxTries,
                tryTimeout,
                Duration.ofMillis(200),
                Duration.ofSeconds(2),
                null));
    policies.forEach(builder::addPolicy);
    return builder.buildClient();
  }
}
