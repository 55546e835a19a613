package com.arcal.controller.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * A secret value (an engine's token). Its {@link #toString} never shows it, so a secret that ends
 * up in a record, a log line or an exception message shows as {@code <secret>}; the value comes
 * out only through {@link #reveal}, which the few places that must send it call.
 */
public final class Secret {
  private static final int RANDOM_BYTES = 32;

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** A value read back from where it is kept (Azure's listSecrets). */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a secret cannot be empty");
    }
    return new Secret(value);
  }

  /** 256 random bits, base64url without padding (43 characters, safe in a gRPC header). */
  public static Secret generate(SecureRandom random) {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return new Secret(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /** The value itself: only for sending it where it belongs. */
  public String reveal() {
    return value;
  }

  /** Constant time: comparing secrets must not tell how much of one matched. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "<secret>";
  }
}
