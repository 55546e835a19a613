package com.arcal.controller.sale;

import java.util.Objects;

/** Settings that fill in what a sale's spec leaves out. */
public record SaleDefaults(String image, String cpu, String memory) {
  public SaleDefaults {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(cpu, "cpu");
    Objects.requireNonNull(memory, "memory");
    new SaleSpec(image, null, cpu, memory); // same rules as a spec
  }

  /** The spec with every optional field filled in. */
  public SaleSpec apply(SaleSpec spec) {
    return new SaleSpec(
        spec.image() != null ? spec.image() : image,
        spec.config(),
        spec.cpu() != null ? spec.cpu() : cpu,
        spec.memory() != null ? spec.memory() : memory);
  }
}
