package com.arcal.emulator.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.UnaryOperator;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps the values of container-app secrets out of the state files in clear, as Azure encrypts
 * them at rest: in {@code arm-state.json} and {@code arm-journal.jsonl} each secret's
 * {@code value} is replaced by {@code sealedValue}, AES-256-GCM under a key kept beside them in
 * {@code secrets.key} (owner-only where the file system allows), bound to its app and secret name.
 * The journal can then be read, copied or printed without showing a secret. The key is made with
 * the first secret to seal; a value found in clear (a state written before sealing) is read as is.
 */
final class SecretsAtRest {
  static final String KEY_FILE = "secrets.key";
  private static final String SEALED = "sealedValue";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final Path keyFile;
  private final SecureRandom random = new SecureRandom();
  private SecretKey key;

  SecretsAtRest(Path dataDir) {
    this.keyFile = dataDir.resolve(KEY_FILE);
  }

  /** The app as written to disk: secret values sealed. */
  AppRecord seal(AppRecord app) {
    return rewrite(app, secret -> {
      JsonNode value = secret.get("value");
      if (value != null && value.isTextual()) {
        secret.remove("value");
        secret.put(SEALED, encrypt(app.name(), secret.path("name").asText(), value.asText()));
      }
      return secret;
    });
  }

  /** The app as read from disk: secret values opened. */
  AppRecord open(AppRecord app) {
    return rewrite(app, secret -> {
      JsonNode sealed = secret.get(SEALED);
      if (sealed != null && sealed.isTextual()) {
        secret.remove(SEALED);
        secret.put("value", decrypt(app.name(), secret.path("name").asText(), sealed.asText()));
      }
      return secret;
    });
  }

  private static AppRecord rewrite(AppRecord app, UnaryOperator<ObjectNode> each) {
    JsonNode secrets = app.spec().configuration().path("secrets");
    if (!secrets.isArray() || secrets.isEmpty()) {
      return app;
    }
    ObjectNode configuration = app.spec().configuration().deepCopy();
    configuration.withArray("secrets").forEach(s -> {
      if (s instanceof ObjectNode secret) {
        each.apply(secret);
      }
    });
    DesiredSpec spec = app.spec();
    return app.withSpec(new DesiredSpec(spec.location(), spec.tags(), spec.environmentId(),
        spec.workloadProfileName(), configuration, spec.template(), spec.identity()));
  }

  private String encrypt(String app, String secret, String value) {
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key(true), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(aad(app, secret));
      byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is always available", e);
    }
  }

  private String decrypt(String app, String secret, String sealed) {
    try {
      byte[] bytes = Base64.getDecoder().decode(sealed);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key(false), new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
      cipher.updateAAD(aad(app, secret));
      return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot open secret '" + secret + "' of app " + app + " with " + keyFile
          + " (a key from another data folder?): " + e.getClass().getSimpleName(), e);
    }
  }

  private static byte[] aad(String app, String secret) {
    return (app + "/" + secret).getBytes(StandardCharsets.UTF_8);
  }

  private synchronized SecretKey key(boolean create) {
    if (key == null) {
      key = Files.exists(keyFile) || !create ? readKey() : createKey();
    }
    return key;
  }

  private SecretKey readKey() {
    try {
      return new SecretKeySpec(Base64.getDecoder().decode(Files.readString(keyFile).trim()), "AES");
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot read " + keyFile + " (the key of the sealed secrets): " + e.getMessage(), e);
    }
  }

  private SecretKey createKey() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    try {
      Files.createDirectories(keyFile.getParent());
      try {
        Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(keyFile);
      }
      Files.writeString(keyFile, Base64.getEncoder().encodeToString(bytes) + "\n");
      return new SecretKeySpec(bytes, "AES");
    } catch (FileAlreadyExistsException e) {
      return readKey(); // made meanwhile by another store on the same folder
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + keyFile, e);
    }
  }
}
