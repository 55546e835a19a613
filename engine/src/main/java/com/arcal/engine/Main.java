package com.arcal.engine;

public final class Main {
  public static void main(String[] args) {
  }
}
