package com.arcal.cli.api;

/** Entity tags of the desired state: the API quotes its version; people type it either way. */
public final class ETag {
  private ETag() {}

  /** {@code "4f9c..."} from {@code 4f9c...} or {@code "4f9c..."}. */
  public static String quoted(String versionOrTag) {
    String v = versionOrTag.strip();
    return v.startsWith("\"") || v.startsWith("W/") ? v : "\"" + v + "\"";
  }

  /** {@code 4f9c...} from {@code "4f9c..."}. */
  public static String version(String tag) {
    String v = tag.strip();
    if (v.startsWith("W/")) {
      v = v.substring(2);
    }
    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
  }
}
