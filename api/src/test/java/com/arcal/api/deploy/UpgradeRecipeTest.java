package com.arcal.api.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.arcal.controller.reconcile.AppSpecs;
import com.arcal.controller.reconcile.Ownership;
import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.sale.SaleDefaults;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.sale.SaleSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The upgrade procedure of docs/operations.md tags the original service's apps with the spec
 * hash this orchestrator will compute when it adopts them; a wrong hash would restart every live
 * engine. The documented recipe must give the code's hash.
 */
class UpgradeRecipeTest {
  private static final Pattern EXAMPLE =
      Pattern.compile("IMAGE=(\\S+) CPU=(\\S+) MEMORY=(\\S+)\\n(printf [^\\n]+)\\n# -> ([0-9a-f]{16})");

  private final Repo repo = Repo.locate();

  @Test
  void documentedHashIsTheHashOfTheAdoptedSpec() {
    Matcher example = example();
    String image = example.group(1);
    String cpu = example.group(2);
    String memory = example.group(3);
    AppSpecs specs =
        new AppSpecs(new AppNaming("sale-"), new SaleDefaults(image, cpu, memory), new Ownership("arcal"));

    // Adoption keeps the app's image and takes the defaults for everything else.
    DesiredSale adoptedWithDefaultImage =
        new DesiredSale(new SaleId("vente-01"), new SaleSpec(null, Map.of(), null, null), 1);
    DesiredSale adoptedWithOwnImage =
        new DesiredSale(new SaleId("vente-01"), new SaleSpec(image, Map.of(), null, null), 1);

    assertThat(specs.hash(adoptedWithDefaultImage)).isEqualTo(example.group(5));
    assertThat(specs.hash(adoptedWithOwnImage)).isEqualTo(example.group(5));
  }

  @Test
  void documentedShellCommandPrintsThatHash() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "/bin/sh is missing (a POSIX shell)");
    Matcher example = example();
    String script =
        "IMAGE=" + example.group(1) + " CPU=" + example.group(2) + " MEMORY=" + example.group(3)
            + "\n" + example.group(4) + "\n";
    Process sh = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true).start();
    String output = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(sh.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assumeTrue(sh.exitValue() == 0,
        "sha256sum is not installed; get it with: apt-get install coreutils (" + output + ")");
    assertThat(output).isEqualTo(example.group(5));
  }

  private Matcher example() {
    Matcher m = EXAMPLE.matcher(repo.read("docs/operations.md"));
    assertThat(m.find()).as("the hash example of docs/operations.md (IMAGE=... / printf ... / # -> hash)").isTrue();
    return m;
  }
}
