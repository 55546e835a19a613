# syntax=docker/dockerfile:1
# The ARCAL orchestrator: api/target/arcal-orchestrator.jar on a slim JRE 17, as a non-root user.
# Build from the repository root (the context must hold mvnw, the POMs and every module):
#   docker build -f deploy/orchestrator.Dockerfile -t arcal-orchestrator .
#   az acr build -r <registry> -f deploy/orchestrator.Dockerfile -t arcal-orchestrator:<tag> .
# See docs/deploy.md.

# ---- build: the Maven wrapper on a full JDK (protoc needs glibc, hence Ubuntu, not Alpine) ----
FROM eclipse-temurin:17-jdk-noble AS build
WORKDIR /src
COPY . .
# Tests run in CI (.ci/run), not in the image build; the wrapper downloads Maven 3.9 itself.
RUN chmod +x mvnw \
 && ./mvnw -B -ntp -q -pl api -am package -DskipTests \
 && javac --release 17 -d /out/healthcheck deploy/HealthCheck.java \
 && cp api/target/arcal-orchestrator.jar /out/arcal-orchestrator.jar

# ---- run: JRE only, no build tools, no shell needed by the health check ----
FROM eclipse-temurin:17-jre-noble
RUN groupadd --system --gid 10001 arcal \
 && useradd --system --uid 10001 --gid arcal --home-dir /var/lib/arcal --shell /usr/sbin/nologin arcal \
 && mkdir -p /var/lib/arcal \
 && chown arcal:arcal /var/lib/arcal
COPY --from=build /out/arcal-orchestrator.jar /opt/arcal/arcal-orchestrator.jar
COPY --from=build /out/healthcheck /opt/arcal/healthcheck
WORKDIR /var/lib/arcal

# Listen on every interface inside the container. The orchestrator refuses a non-loopback bind
# without ARCAL_API_TOKEN, so `docker run` must pass a token (Azure passes it from a secret).
ENV ARCAL_HTTP_HOST=0.0.0.0 \
    ARCAL_HTTP_PORT=8080 \
    ARCAL_STATE_FILE=/var/lib/arcal/desired-state.json
EXPOSE 8080

# Numeric ids, so that runtimes enforcing "run as non-root" can verify it.
USER 10001:10001

# The JRE image has no curl to rely on: a 60-line class compiled in the build stage asks
# /healthz (HTTP 2xx) on the port the orchestrator is configured with.
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
  CMD ["java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx32m", "-cp", "/opt/arcal/healthcheck", "HealthCheck", "http://127.0.0.1:${ARCAL_HTTP_PORT:-8080}/healthz"]

# SIGTERM (docker stop, a new revision in Azure) stops the orchestrator gracefully; the engines
# it manages in Azure are left running.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/arcal/arcal-orchestrator.jar"]
