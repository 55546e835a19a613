package com.arcal.cli.command;

import com.arcal.cli.output.Formats;
import com.arcal.cli.output.Formats.Output;
import com.arcal.cli.output.Table;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code arcalctl get pool [-o table|json|yaml]}: the warm pool's size and counts, then one row
 * per pool app with the sale it is bound to.
 */
@Command(name = "pool", mixinStandardHelpOptions = true,
    description = "The warm pool: idle engine apps kept ready for new sales.")
final class GetPoolCommand implements Callable<Integer> {
  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "table, json or yaml (default: ${DEFAULT-VALUE}).")
  Output output;

  private final Arcalctl root;

  GetPoolCommand(Arcalctl root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    JsonNode pool = root.client().pool();
    if (output != Output.table) {
      root.out().print(new Formats().render(pool, output));
      root.out().flush();
      return 0;
    }
    root.out().printf("SIZE %d  READY %d  PROVISIONING %d  BOUND %d  REPLACING %d%n",
        pool.path("size").asInt(), pool.path("ready").asInt(), pool.path("provisioning").asInt(),
        pool.path("bound").asInt(), pool.path("replacing").asInt());
    if (pool.path("apps").isEmpty()) {
      root.out().println(pool.path("size").asInt() == 0
          ? "No warm pool (ARCAL_WARM_POOL_SIZE=0)." : "No pool app yet.");
      root.out().flush();
      return 0;
    }
    Table table = new Table("APP", "STATE", "SALE");
    for (JsonNode app : pool.path("apps")) {
      JsonNode sale = app.path("saleId");
      table.row(app.path("name").asText(), app.path("state").asText(),
          sale.isNull() || sale.isMissingNode() ? "<free>" : sale.asText());
    }
    table.print(root.out(), "");
    return 0;
  }
}
