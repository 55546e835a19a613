package com.arcal.bench.scenario;

import com.arcal.bench.rig.ControllerRig;
import com.arcal.bench.rig.EmulatedArm;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.store.InMemoryDesiredStateStore;
import java.util.List;

/**
 * A fleet whose every sale is Running: the emulator with its engines, the desired state, and the
 * controller currently driving them (replaceable: {@link #replaceController}).
 */
public final class ConvergedFleet implements AutoCloseable {
  private final EmulatedArm arm;
  private final InMemoryDesiredStateStore store;
  private final List<SaleId> sales;
  private ControllerRig controller;

  ConvergedFleet(EmulatedArm arm, InMemoryDesiredStateStore store, List<SaleId> sales, ControllerRig controller) {
    this.arm = arm;
    this.store = store;
    this.sales = List.copyOf(sales);
    this.controller = controller;
  }

  public EmulatedArm arm() {
    return arm;
  }

  public InMemoryDesiredStateStore store() {
    return store;
  }

  public List<SaleId> sales() {
    return sales;
  }

  public ControllerRig controller() {
    return controller;
  }

  void replaceController(ControllerRig next) {
    this.controller = next;
  }

  @Override
  public void close() {
    controller.close();
    arm.close();
  }
}
