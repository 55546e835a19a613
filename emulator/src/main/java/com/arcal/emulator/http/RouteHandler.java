package com.arcal.emulator.http;

/** Answers one matched request; throws {@link ArmException} for ARM errors. */
@FunctionalInterface
public interface RouteHandler {
  ArmResponse handle(ArmCall call);
}
