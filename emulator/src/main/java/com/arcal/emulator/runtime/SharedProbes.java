package com.arcal.emulator.runtime;

/**
 * Probe attempts answered by asking the app's engine directly instead of over the network: an
 * HTTP probe gets what the engine's {@code /healthz} would say, a TCP probe passes while the
 * engine runs. Ten thousand apps probed every few seconds over HTTP would cost this machine more
 * than the engines themselves; what a probe decides (restart, readiness) is unchanged.
 */
final class SharedProbes implements ProbeChecker {
  private final SharedEngines engines;

  SharedProbes(SharedEngines engines) {
    this.engines = engines;
  }

  @Override
  public ProbeResult check(String host, ProbeSpec probe) {
    return engines
        .at(host)
        .map(engine -> {
          String problem = engine.unhealthyBecause();
          if (problem == null) {
            return ProbeResult.passed();
          }
          return probe.action() instanceof ProbeSpec.HttpGet
              ? ProbeResult.failed("HTTP probe failed with statuscode: 503 (" + problem + ")")
              : ProbeResult.failed("dial tcp " + host + ":" + probe.action().port() + ": connection refused");
        })
        .orElseGet(() -> ProbeResult.failed(
            "dial tcp " + host + ":" + probe.action().port() + ": connection refused"));
  }
}
