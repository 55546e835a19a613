package com.arcal.controller.engine;

import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * gRPC name resolution through a lookup of our own ({@code names:///<host>:<port>} targets): how
 * the local platform resolves app names through the emulator's hosts file, as Azure's environment
 * DNS resolves them for apps inside it. A failed connection makes the channel ask again
 * ({@link NameResolver#refresh}), so an app recreated on another address is found.
 */
final class NamesResolverFactory extends NameResolver.Factory {
  static final String SCHEME = "names";

  private final Function<String, Optional<String>> lookup;

  NamesResolverFactory(Function<String, Optional<String>> lookup) {
    this.lookup = lookup;
  }

  static String target(EngineAddress address) {
    return SCHEME + ":///" + address.host() + ":" + address.port();
  }

  @Override
  public NameResolver newNameResolver(URI target, NameResolver.Args args) {
    if (!SCHEME.equals(target.getScheme())) {
      return null;
    }
    URI authority = URI.create("//" + target.getPath().substring(1));
    return new Resolver(authority.getHost(), authority.getPort());
  }

  @Override
  public String getDefaultScheme() {
    return SCHEME;
  }

  private final class Resolver extends NameResolver {
    private final String host;
    private final int port;
    private Listener2 listener;

    Resolver(String host, int port) {
      this.host = host;
      this.port = port;
    }

    @Override
    public String getServiceAuthority() {
      return host + ":" + port;
    }

    @Override
    public void start(Listener2 listener) {
      this.listener = listener;
      resolve();
    }

    @Override
    public void refresh() {
      resolve();
    }

    private void resolve() {
      Optional<String> ip = lookup.apply(host);
      if (ip.isEmpty()) {
        listener.onError(Status.UNAVAILABLE.withDescription("no address for " + host + " yet"));
        return;
      }
      var group = new EquivalentAddressGroup(new InetSocketAddress(ip.get(), port));
      listener.onResult(ResolutionResult.newBuilder().setAddresses(List.of(group)).build());
    }

    @Override
    public void shutdown() {
      // nothing held: each resolution is one read of the lookup
    }
  }
}
