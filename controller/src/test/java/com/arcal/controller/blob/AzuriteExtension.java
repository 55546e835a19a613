package com.arcal.controller.blob;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests an {@link Azurite} (parameter of a {@code @BeforeEach} or test method; not of a
 * constructor, which JUnit calls even for a test it then skips),
 * started once per test JVM and stopped when the JVM's tests end. Tests are skipped, saying why,
 * only when Azurite is neither running nor installed: each test is then reported skipped with the
 * reason (decided per test, because a skipped class shows in Maven's summary as "Tests run: 0").
 */
public final class AzuriteExtension implements ExecutionCondition, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(AzuriteExtension.class);

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (context.getTestMethod().isEmpty() || holder(context).azurite != null) {
      return ConditionEvaluationResult.enabled("Azurite is available");
    }
    return ConditionEvaluationResult.disabled(
        "SKIPPED: Azurite is not installed (looked for " + Azurite.searched() + ", and "
            + Azurite.ENDPOINT_VARIABLE + " is not set). Install it with:"
            + " npm install --prefix .ci azurite@3.35.0 (what .ci/run does)");
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Azurite.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return holder(context).azurite; // resolve it in @BeforeEach or a test: only enabled ones run
  }

  private static Holder holder(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(Holder.class, k -> new Holder(), Holder.class);
  }

  /** One per test JVM; JUnit closes it (AutoCloseable) when the root context ends. */
  private static final class Holder implements AutoCloseable {
    private final Azurite azurite;

    Holder() {
      try {
        this.azurite = Azurite.startOrFind().orElse(null);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start Azurite", e);
      }
    }

    @Override
    public void close() {
      if (azurite != null) {
        azurite.close();
      }
    }
  }
}
