package com.arcal.emulator.runtime;

import com.arcal.emulator.runtime.ProbeSpec.Kind;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Probe answers under the test's control (passing until told otherwise), and every attempt made. */
final class ScriptedProbes implements ProbeChecker {

  /** One attempt: which probe, when ({@link System#nanoTime()}). */
  record Attempt(Kind kind, long at) {}

  final List<Attempt> attempts = new CopyOnWriteArrayList<>();
  private final Map<Kind, AtomicReference<ProbeResult>> answers = new ConcurrentHashMap<>();
  private final Map<Kind, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
  private final Map<Kind, String> failureDetail = new ConcurrentHashMap<>();

  @Override
  public ProbeResult check(String host, ProbeSpec probe) {
    attempts.add(new Attempt(probe.kind(), System.nanoTime()));
    AtomicInteger left = failuresLeft.get(probe.kind());
    if (left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return ProbeResult.failed(failureDetail.get(probe.kind()));
    }
    return answer(probe.kind()).get();
  }

  /** The next {@code times} attempts of that probe fail, then it answers as before. */
  void failNext(Kind kind, int times, String detail) {
    failureDetail.put(kind, detail);
    failuresLeft.computeIfAbsent(kind, k -> new AtomicInteger()).set(times);
  }

  void pass(Kind kind) {
    answer(kind).set(ProbeResult.passed());
  }

  void fail(Kind kind, String detail) {
    answer(kind).set(ProbeResult.failed(detail));
  }

  long count(Kind kind) {
    return attempts.stream().filter(a -> a.kind() == kind).count();
  }

  List<Long> times(Kind kind) {
    return attempts.stream().filter(a -> a.kind() == kind).map(Attempt::at).toList();
  }

  private AtomicReference<ProbeResult> answer(Kind kind) {
    return answers.computeIfAbsent(kind, k -> new AtomicReference<>(ProbeResult.passed()));
  }
}
