package com.arcal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.api.ApiClient.Response;
import com.arcal.api.TestOrchestrator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET / serves one self-contained page: no script, style or font fetched from elsewhere. */
class StatusPageTest {
  @TempDir Path dir;

  @Test
  void statusPage_isOneSelfContainedHtmlFile() {
    try (TestOrchestrator orch = TestOrchestrator.start(dir)) {
      Response page = orch.client.get("/");
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.header("Content-Type")).startsWith("text/html");
      assertThat(page.body())
          .startsWith("<!DOCTYPE html>")
          .contains("new EventSource(\"events\")")
          .contains("deletions/confirm")
          .contains("read(\"environments\")")
          .contains("sales/spawn")
          .doesNotContain("<link")
          .doesNotContain("src=")
          .doesNotContain("@import")
          .doesNotContainPattern("(?i)https?://");
    }
  }
}
