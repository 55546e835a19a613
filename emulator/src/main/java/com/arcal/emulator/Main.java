package com.arcal.emulator;

public final class Main {
  public static void main(String[] args) {
  }
}
