package com.arcal.controller.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Group commit, as LevelDB's writer queue: writers wait in arrival order, and the one at the head
 * commits a batch made of itself and every writer queued behind it at that moment, in one call,
 * then hands the head to the first writer that came later. So while one batch is being flushed
 * the next one gathers, and N writers arriving together cost a couple of flushes, not N. There is
 * no thread of its own: the committing thread is always one of the writers, so an idle store
 * costs nothing and a lone write is committed at once by its own caller.
 *
 * @param <W> a write; {@code commit} answers each write it is given (the writers read their
 *     answers after {@link #submit} returns, which happens after the commit, through this lock)
 */
final class GroupCommit<W> {
  private static final class Waiter<W> {
    final W write;
    final Condition turn;
    boolean committed;

    Waiter(W write, Condition turn) {
      this.write = write;
      this.turn = turn;
    }
  }

  private final Consumer<List<W>> commit;
  private final ReentrantLock lock = new ReentrantLock();
  /**
   * Writers not yet committed, in arrival order; guarded by {@link #lock}. The head is the only
   * thread committing, and its batch is the first elements: later writers only ever append.
   */
  private final ArrayDeque<Waiter<W>> queue = new ArrayDeque<>();

  GroupCommit(Consumer<List<W>> commit) {
    this.commit = commit;
  }

  /**
   * Returns once {@code write} is committed, by this thread (as head of a batch) or by the head of
   * the batch it joined. Uninterruptible: a write may already be on its way to storage, and its
   * caller must learn how it ended (the interrupt status is kept).
   */
  void submit(W write) {
    List<Waiter<W>> batch;
    lock.lock();
    try {
      Waiter<W> me = new Waiter<>(write, lock.newCondition());
      queue.addLast(me);
      while (!me.committed && queue.peekFirst() != me) {
        me.turn.awaitUninterruptibly();
      }
      if (me.committed) {
        return;
      }
      batch = new ArrayList<>(queue);
    } finally {
      lock.unlock();
    }
    try {
      commit.accept(batch.stream().map(w -> w.write).toList());
    } finally {
      handOver(batch);
    }
  }

  /** Writers queued now, the committing batch included (for tests that build a batch). */
  int queued() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Wakes the head of the next batch, then the writers of the batch just committed. In that
   * order: each woken writer takes the lock in turn, and the next flush should not wait behind a
   * hundred callers leaving with their answers.
   */
  private void handOver(List<Waiter<W>> batch) {
    lock.lock();
    try {
      for (Waiter<W> w : batch) {
        queue.removeFirst();
        w.committed = true;
      }
      Waiter<W> next = queue.peekFirst();
      if (next != null) {
        next.turn.signal();
      }
      batch.forEach(w -> w.turn.signal());
    } finally {
      lock.unlock();
    }
  }
}
