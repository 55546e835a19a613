package com.arcal.cli.api;

/** One Server-Sent Event: its type ({@code message} when unnamed), data and id. */
public record SseEvent(String event, String data, String id) {}
