package com.arcal.controller.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.resourcemanager.appcontainers.ContainerAppsApiManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import reactor.core.publisher.Mono;

/**
 * Builds the Azure SDK client. The same code serves Azure and the emulator; only the endpoint,
 * the trusted certificate and the credential differ.
 */
public final class ArmClients {
  private ArmClients() {}

  public static ContainerAppsApiManager manager(
      ArmConnection connection, AzureTarget target, List<HttpPipelinePolicy> policies) {
    AzureEnvironment environment =
        connection.endpoint().map(ArmClients::environmentAt).orElse(AzureEnvironment.AZURE);
    AzureProfile profile =
        new AzureProfile(connection.tenantId().orElse(null), target.subscriptionId(), environment);
    var configurable =
        ContainerAppsApiManager.configure()
            .withHttpClient(httpClient(connection))
            // No SDK retries: a failed call goes back to the work queue, whose per-key backoff
            // and the shared ARM budget decide when to try again; a worker never sleeps in here.
            .withRetryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ZERO)))
            .withLogOptions(headersAtMost(new HttpLogOptions()));
    policies.forEach(configurable::withPolicy);
    return configurable.authenticate(credential(connection), profile);
  }

  /**
   * The SDK's HTTP logging as configured ({@code AZURE_HTTP_LOG_DETAIL_LEVEL}), but never bodies:
   * an app's PUT body and a listSecrets answer carry engine secrets, which are never logged.
   */
  static HttpLogOptions headersAtMost(HttpLogOptions options) {
    HttpLogDetailLevel level = options.getLogLevel();
    if (level == HttpLogDetailLevel.BODY) {
      options.setLogLevel(HttpLogDetailLevel.BASIC);
    } else if (level == HttpLogDetailLevel.BODY_AND_HEADERS) {
      options.setLogLevel(HttpLogDetailLevel.HEADERS);
    }
    return options;
  }

  private static AzureEnvironment environmentAt(java.net.URI endpoint) {
    String url = endpoint.toString().endsWith("/") ? endpoint.toString() : endpoint + "/";
    Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
    endpoints.put("resourceManagerEndpointUrl", url);
    endpoints.put("managementEndpointUrl", url);
    return new AzureEnvironment(endpoints);
  }

  private static TokenCredential credential(ArmConnection connection) {
    if (connection.staticToken().isPresent()) {
      String token = connection.staticToken().get();
      return request -> Mono.just(new AccessToken(token, OffsetDateTime.now().plusHours(1)));
    }
    return new DefaultAzureCredentialBuilder().build();
  }

  private static HttpClient httpClient(ArmConnection connection) {
    java.net.http.HttpClient.Builder builder = java.net.http.HttpClient.newBuilder();
    if (connection.caFile().isPresent()) {
      builder.sslContext(trusting(connection.caFile().get()));
    }
    return new JdkHttpClientBuilder(builder)
        .connectionTimeout(Duration.ofSeconds(10))
        .responseTimeout(connection.responseTimeout())
        .readTimeout(connection.responseTimeout())
        .build();
  }

  /** An SSL context that trusts exactly the certificates in the PEM file. */
  static SSLContext trusting(java.nio.file.Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int i = 0;
      for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trust.setCertificateEntry("ca-" + i++, cert);
      }
      if (i == 0) {
        throw new IllegalArgumentException("ARCAL_ARM_CA_FILE " + pem + " holds no certificate");
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "ARCAL_ARM_CA_FILE " + pem + " cannot be read as PEM certificates: " + e.getMessage(), e);
    }
  }
}
