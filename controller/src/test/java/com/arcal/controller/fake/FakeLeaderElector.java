package com.arcal.controller.fake;

import com.arcal.controller.leader.LeaderElector;
import com.arcal.controller.leader.LeadershipListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one hand-written fake of {@link LeaderElector}: the test decides who leads ({@link #lead},
 * {@link #follow}); listeners are told synchronously, as the real elector tells them.
 */
public final class FakeLeaderElector implements LeaderElector {
  private final String identity;
  private final List<LeadershipListener> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean leader;
  private volatile boolean started;
  private volatile boolean closed;

  public FakeLeaderElector(String identity) {
    this.identity = identity;
  }

  /** Makes this replica the leader (tells listeners when it was not). */
  public synchronized void lead() {
    set(true);
  }

  /** Makes this replica a follower (tells listeners when it was leading). */
  public synchronized void follow() {
    set(false);
  }

  public boolean started() {
    return started;
  }

  public boolean closed() {
    return closed;
  }

  @Override
  public void start() {
    started = true;
  }

  @Override
  public boolean isLeader() {
    return leader && !closed;
  }

  @Override
  public synchronized void addListener(LeadershipListener listener) {
    listeners.add(listener);
    if (isLeader()) {
      listener.leadershipChanged(true);
    }
  }

  @Override
  public String identity() {
    return identity;
  }

  @Override
  public synchronized void close() {
    boolean was = isLeader();
    closed = true;
    if (was) {
      listeners.forEach(l -> l.leadershipChanged(false));
    }
  }

  private void set(boolean leading) {
    boolean was = isLeader();
    leader = leading;
    if (was != isLeader()) {
      listeners.forEach(l -> l.leadershipChanged(leading));
    }
  }
}
