package com.arcal.bench.scenario;

/** One selectable benchmark; it adds its figures to the context's report. */
public interface Scenario {
  /** The name selected with {@code --scenario}. */
  String name();

  void run(BenchContext context) throws Exception;
}
