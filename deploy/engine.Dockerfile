# syntax=docker/dockerfile:1
# The reference sale engine: engine/target/arcal-engine.jar on a slim JRE 17, as a non-root user.
# Buyers' WebSocket on 3000 (the Container App's external ingress), gRPC SaleEngine and
# grpc.health.v1 on 50051 (an internal-only additional port mapping). Build from the repository root:
#   az acr build -r <registry> -f deploy/engine.Dockerfile -t arcal-engine:<tag> .

FROM eclipse-temurin:17-jdk-noble AS build
WORKDIR /src
COPY . .
RUN chmod +x mvnw \
 && ./mvnw -B -ntp -q -pl engine -am package -DskipTests \
 && javac --release 17 -d /out/healthcheck deploy/HealthCheck.java \
 && cp engine/target/arcal-engine.jar /out/arcal-engine.jar

FROM eclipse-temurin:17-jre-noble
RUN groupadd --system --gid 10001 arcal \
 && useradd --system --uid 10001 --gid arcal --no-create-home --shell /usr/sbin/nologin arcal
COPY --from=build /out/arcal-engine.jar /opt/arcal/arcal-engine.jar
COPY --from=build /out/healthcheck /opt/arcal/healthcheck

# The engine's own defaults, spelled out because the orchestrator's app spec depends on them:
# ingress targetPort 3000, additionalPortMappings targetPort 50051.
ENV BIND_HOST=0.0.0.0 \
    PORT=3000 \
    GRPC_PORT=50051
EXPOSE 3000 50051

USER 10001:10001

# Without a gRPC client in the image, "healthy" means the gRPC port accepts connections; the
# orchestrator itself watches grpc.health.v1 on that port.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx32m", "-cp", "/opt/arcal/healthcheck", "HealthCheck", "tcp://127.0.0.1:${GRPC_PORT:-50051}"]

ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/arcal/arcal-engine.jar"]
