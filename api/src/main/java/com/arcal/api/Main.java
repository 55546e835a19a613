package com.arcal.api;

public final class Main {
  public static void main(String[] args) {
  }
}
