package com.arcal.api.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** No Bicep compiler runs here: these checks catch what it would catch first. */
class BicepStructureTest {
  private static final Pattern OUTPUT_READ = Pattern.compile("\\b(\\w+)\\.outputs\\.(\\w+)");

  private final Repo repo = Repo.locate();

  @Test
  void everyFileIsBalanced() {
    for (Path file : repo.files("deploy", ".bicep")) {
      assertThat(Bicep.balance(EnvNames.read(file))).as(repo.relative(file)).isEmpty();
    }
  }

  @Test
  void balanceCheckFindsMistakes() {
    assertThat(Bicep.balance("var a = {\n  b: [\n    'x'\n  }\n")).contains("line 4");
    assertThat(Bicep.balance("var a = 'unclosed\nvar b = 1\n")).contains("line 1");
    assertThat(Bicep.balance("var a = '${b.c}/d' // }\n")).isEmpty();
  }

  @Test
  void everyModuleGetsExactlyTheParametersItDeclares() {
    String main = repo.read("deploy/main.bicep");
    Map<String, String> modules = Bicep.modules(main);
    assertThat(modules).isNotEmpty();
    modules.forEach((symbol, path) -> {
      Path file = repo.path("deploy").resolve(path);
      assertThat(file).as("module %s", symbol).isRegularFile();
      Map<String, Boolean> declared = Bicep.params(EnvNames.read(file));
      Set<String> given = Bicep.moduleArguments(main, symbol);
      assertThat(declared.keySet()).as("parameters declared by %s", path).containsAll(given);
      Set<String> required = new TreeSet<>();
      declared.forEach((name, hasDefault) -> {
        if (!hasDefault) {
          required.add(name);
        }
      });
      assertThat(given).as("parameters given to %s", path).containsAll(required);
    });
  }

  @Test
  void everyOutputReadIsDeclaredByItsModule() {
    String main = repo.read("deploy/main.bicep");
    Map<String, String> modules = Bicep.modules(main);
    Matcher m = OUTPUT_READ.matcher(main);
    int reads = 0;
    while (m.find()) {
      reads++;
      String path = modules.get(m.group(1));
      assertThat(path).as("module %s", m.group(1)).isNotNull();
      assertThat(Bicep.outputs(EnvNames.read(repo.path("deploy").resolve(path))))
          .as("outputs of %s", path)
          .contains(m.group(2));
    }
    assertThat(reads).isPositive();
  }

  @Test
  void everyParameterIsUsedAndTheParametersFileNamesOnlyRealOnes() throws Exception {
    for (Path file : repo.files("deploy", ".bicep")) {
      String bicep = EnvNames.read(file);
      for (String param : Bicep.params(bicep).keySet()) {
        assertThat(Pattern.compile("\\b" + param + "\\b").matcher(bicep).results().count())
            .as("uses of parameter %s in %s", param, repo.relative(file))
            .isGreaterThan(1);
      }
    }
    JsonNode parameters =
        new ObjectMapper().readTree(repo.read("deploy/main.parameters.json")).path("parameters");
    Set<String> names = new TreeSet<>();
    parameters.fieldNames().forEachRemaining(names::add);
    Map<String, Boolean> declared = Bicep.params(repo.read("deploy/main.bicep"));
    assertThat(declared.keySet()).containsAll(names);
    assertThat(names).as("secrets never go into the parameters file").doesNotContain("apiToken");
  }
}
