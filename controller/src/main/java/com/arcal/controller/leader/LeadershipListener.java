package com.arcal.controller.leader;

/** Told when this replica gains or loses leadership. */
@FunctionalInterface
public interface LeadershipListener {
  void leadershipChanged(boolean leading);
}
