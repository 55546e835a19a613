package com.arcal.controller.budget;

/**
 * The kinds of ARM request that Azure Resource Manager limits separately (one token bucket each
 * per subscription and region: reads, writes, deletes).
 */
public enum ArmOperation {
  READ,
  WRITE,
  DELETE
}
