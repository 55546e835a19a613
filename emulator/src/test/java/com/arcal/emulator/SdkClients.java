package com.arcal.emulator;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.appcontainers.ContainerAppsApiManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import reactor.core.publisher.Mono;

/**
 * The one place tests build clients for the emulator: TLS trusting its {@code cert.pem}, a raw
 * {@link java.net.http.HttpClient}, and the real Azure SDK's {@link ContainerAppsApiManager}
 * pointed at the emulator through a custom {@link AzureEnvironment}.
 */
public final class SdkClients {
  public static final String TENANT = "00000000-0000-0000-0000-000000000001";

  private SdkClients() {}

  /** TLS that trusts exactly the emulator's self-signed certificate. */
  public static SSLContext trusting(Path certificatePem) {
    try (InputStream in = Files.newInputStream(certificatePem)) {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry(
          "arcal-emulator", CertificateFactory.getInstance("X.509").generateCertificate(in));
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot trust " + certificatePem, e);
    }
  }

  public static java.net.http.HttpClient.Builder jdkClientBuilder(Emulator emulator) {
    return java.net.http.HttpClient.newBuilder()
        .sslContext(trusting(emulator.certificatePemPath()))
        .connectTimeout(Duration.ofSeconds(5));
  }

  /** A raw HTTP client for status-code and header tests. */
  public static java.net.http.HttpClient raw(Emulator emulator) {
    return jdkClientBuilder(emulator).build();
  }

  /** The real SDK, talking to the emulator as it would to Azure. */
  public static ContainerAppsApiManager manager(Emulator emulator, String subscription) {
    HttpClient http = new JdkHttpClientBuilder(jdkClientBuilder(emulator)).build();
    Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
    endpoints.put("resourceManagerEndpointUrl", emulator.httpsBaseUrl() + "/");
    AzureEnvironment environment = new AzureEnvironment(endpoints);
    TokenCredential credential =
        request -> Mono.just(new AccessToken("emulator-token", OffsetDateTime.now().plusHours(1)));
    return ContainerAppsApiManager.configure()
        .withHttpClient(http)
        .withDefaultPollInterval(Duration.ofMillis(200))
        .authenticate(credential, new AzureProfile(TENANT, subscription, environment));
  }
}
