package com.arcal.api.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EventStreamAcceptTest {

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {
      "text/event-stream",
      "*/*",
      "text/*",
      "application/json, */*;q=0.1",
      "TEXT/Event-Stream; charset=utf-8",
      "text/event-stream;q=0.5, */*;q=0",
      "text/event-stream;q=oops"})
  void allows_whenAnyRangeLetsTheStreamThrough(String accept) {
    assertThat(EventStreamAccept.allows(accept)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "application/json",
      "text/html, application/xhtml+xml",
      "text/event-stream;q=0",
      "text/event-stream;q=0, */*",
      "*/*;q=0"})
  void refuses_whenTheHeaderRulesTheStreamOut(String accept) {
    assertThat(EventStreamAccept.allows(accept)).isFalse();
  }
}
