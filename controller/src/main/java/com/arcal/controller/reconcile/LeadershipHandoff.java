package com.arcal.controller.reconcile;

import com.arcal.controller.leader.LeadershipListener;
import com.arcal.controller.reconcile.source.Resync;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a change of leadership means to the loop. On a gain: a full resync in the background (the
 * old leader's operations in flight are found by their tags and provisioningState instead of
 * being started again) and the workers wake up. On a loss: nothing here; the workers check
 * leadership before each key and stop taking keys on their own.
 */
public final class LeadershipHandoff implements LeadershipListener {
  private static final Logger log = LoggerFactory.getLogger(LeadershipHandoff.class);

  private final Controller controller;
  private final Resync resync;

  public LeadershipHandoff(Controller controller, Resync resync) {
    this.controller = controller;
    this.resync = resync;
  }

  @Override
  public void leadershipChanged(boolean leading) {
    log.info(leading ? "leading: full resync, then reconciling" : "following: not reconciling");
    if (leading) {
      resync.runSoon();
      controller.wake();
    }
  }
}
