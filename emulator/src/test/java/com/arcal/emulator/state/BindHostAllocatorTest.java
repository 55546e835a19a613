package com.arcal.emulator.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class BindHostAllocatorTest {

  @Test
  void countsUp_skippingAddressesInUse_andWrapsAround() {
    BindHostAllocator allocator = new BindHostAllocator(0);

    assertThat(allocator.allocate(Set.of())).isEqualTo("127.1.0.1");
    assertThat(allocator.allocate(Set.of("127.1.0.2"))).isEqualTo("127.1.0.3");

    BindHostAllocator nearEnd = new BindHostAllocator(BindHostAllocator.CAPACITY - 1);
    assertThat(nearEnd.allocate(Set.of())).isEqualTo("127.1.255.254");
    assertThat(nearEnd.allocate(Set.of("127.1.0.1"))).isEqualTo("127.1.0.2");
    assertThat(BindHostAllocator.address(254)).isEqualTo("127.1.1.1");
  }
}
