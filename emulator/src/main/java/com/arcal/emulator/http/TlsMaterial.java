package com.arcal.emulator.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The emulator's HTTPS identity: a self-signed certificate for {@code localhost} and {@code
 * 127.0.0.1}, kept in {@code <dataDir>/tls/} as a PKCS12 key store plus {@code cert.pem} for
 * clients to trust. Generated once and reused, so clients keep trusting it across restarts;
 * regenerated when missing or about to expire.
 */
public final class TlsMaterial {
  /** Local-only key material; the password only satisfies the key store format. */
  static final char[] PASSWORD = "arcal-emulator".toCharArray();

  private static final String ALIAS = "arcal-emulator";
  private static final Duration VALIDITY = Duration.ofDays(3650);
  private static final Duration RENEW_BEFORE = Duration.ofDays(30);

  private final KeyStore keyStore;
  private final Path pemPath;

  private TlsMaterial(KeyStore keyStore, Path pemPath) {
    this.keyStore = keyStore;
    this.pemPath = pemPath;
  }

  public static TlsMaterial loadOrCreate(Path dataDir, Clock clock) {
    Path dir = dataDir.resolve("tls");
    Path keyStoreFile = dir.resolve("emulator.p12");
    Path pem = dir.resolve("cert.pem");
    try {
      Files.createDirectories(dir);
      if (Files.exists(keyStoreFile) && Files.exists(pem)) {
        KeyStore existing = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStoreFile)) {
          existing.load(in, PASSWORD);
        }
        X509Certificate cert = (X509Certificate) existing.getCertificate(ALIAS);
        if (cert != null
            && cert.getNotAfter().toInstant().isAfter(clock.instant().plus(RENEW_BEFORE))) {
          return new TlsMaterial(existing, pem);
        }
      }
      KeyStore fresh = generate(clock.instant());
      writeAtomically(keyStoreFile, out -> storeTo(fresh, out));
      String pemText = pem((X509Certificate) fresh.getCertificate(ALIAS));
      writeAtomically(pem, out -> out.write(pemText.getBytes(StandardCharsets.US_ASCII)));
      return new TlsMaterial(fresh, pem);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare TLS material in " + dir, e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot prepare TLS material in " + dir, e);
    }
  }

  public Path certificatePem() {
    return pemPath;
  }

  public X509Certificate certificate() {
    try {
      return (X509Certificate) keyStore.getCertificate(ALIAS);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public SSLContext sslContext() {
    try {
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keyStore, PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the TLS context", e);
    }
  }

  private static KeyStore generate(Instant now)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    // P-256 rather than RSA: a handshake signs in a fraction of RSA's time and the key is made
    // at once (RSA-2048 prime search takes ~0.5 s), which counts when a client opens a
    // connection per concurrent request.
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = generator.generateKeyPair();
    X500Name subject = new X500Name("CN=localhost");
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
                subject,
                new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(VALIDITY)),
                subject,
                keys.getPublic())
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
            .addExtension(
                Extension.keyUsage,
                true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
            .addExtension(
                Extension.extendedKeyUsage,
                false,
                new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
            .addExtension(
                Extension.subjectAlternativeName,
                false,
                new GeneralNames(
                    new GeneralName[] {
                      new GeneralName(GeneralName.dNSName, "localhost"),
                      new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                    }))
            .addExtension(
                Extension.subjectKeyIdentifier,
                false,
                ext.createSubjectKeyIdentifier(keys.getPublic()))
            .addExtension(
                Extension.authorityKeyIdentifier,
                false,
                ext.createAuthorityKeyIdentifier(keys.getPublic()));
    X509Certificate cert =
        new JcaX509CertificateConverter()
            .getCertificate(
                builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(ALIAS, keys.getPrivate(), PASSWORD, new Certificate[] {cert});
    return store;
  }

  private static String pem(X509Certificate cert) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(cert);
    }
    return text.toString();
  }

  private static void storeTo(KeyStore store, OutputStream out) throws IOException {
    try {
      store.store(out, PASSWORD);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot write key store", e);
    }
  }

  /** Something that writes a file's content. */
  @FunctionalInterface
  private interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private static void writeAtomically(Path target, Content content) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        content.writeTo(out);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
