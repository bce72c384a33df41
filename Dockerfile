# BoxOffice runtime image, made from the jar that Maven has already built:
#
#   ./mvnw -B -DskipTests package
#   docker build -t boxoffice .
#
# Nothing is compiled here and the build context is target/boxoffice.jar alone (.dockerignore).
# The JRE is Temurin's on Ubuntu (glibc, so Netty's native epoll transport loads). The jar is
# Java 17 bytecode; any JRE from 17 to 25 runs it: docker build --build-arg JAVA_VERSION=21 .
# 25 by default: its JIT compiler is done with the service's hot code sooner, so an instance
# that has just started (a rollout, a scale-out when a sale opens) serves more of the sale. In
# load-tests/bench.sh, against JDK 17 on the same machine, it served more in 10 of 12 pair
# runs (docs/PERFORMANCE.md).

ARG JAVA_VERSION=25

# Stage 1: split the fat jar into Spring Boot's layers (dependencies, loader, snapshot
# dependencies, application), so that a code change rebuilds and pushes only the small
# application layer and not the ~75 MB of libraries below it.
FROM eclipse-temurin:${JAVA_VERSION}-jre-noble AS layers
WORKDIR /layers
COPY target/boxoffice.jar boxoffice.jar
RUN java -Djarmode=tools -jar boxoffice.jar extract --layers --destination extracted

# Stage 2: the runtime image.
FROM eclipse-temurin:${JAVA_VERSION}-jre-noble

LABEL org.opencontainers.image.title="BoxOffice" \
      org.opencontainers.image.description="Reactive movie-ticket booking service"

# A fixed numeric uid/gid that Kubernetes can check with runAsNonRoot (10001, not 1000, which
# ubuntu:24.04 already gives its own "ubuntu" user). No home directory and no login shell:
# the process needs to write nothing but /tmp.
RUN groupadd --gid 10001 boxoffice \
 && useradd --uid 10001 --gid boxoffice --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin boxoffice

WORKDIR /app
# Least-often-changed layer first. The files stay owned by root: the service cannot alter them.
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./

# Container-aware JVM settings, read by the java launcher itself (override or extend them at
# run time with JDK_JAVA_OPTIONS / JAVA_TOOL_OPTIONS):
# - MaxRAMPercentage=60: the heap gets 60% of the container's memory limit. The rest is for
#   what is not heap and was measured at about 250 MB for this service (metaspace, JIT code
#   cache, GC structures, threads, Netty direct buffers), so keep the limit at 768 MiB or more.
# - UseG1GC: below 2 CPUs or 1792 MiB the JVM would silently pick the Serial collector, whose
#   full-heap pauses stall every open SSE stream; stating G1 keeps the same collector whatever
#   the limits are.
# - ExitOnOutOfMemoryError: a JVM that ran out of heap exits so the orchestrator restarts it,
#   rather than limping on with half-dead threads.
# - enable-native-access: Netty loads its epoll library through JNI; JDK 24+ warns otherwise.
# java.io.tmpdir is /tmp (Netty unpacks its native library there and loads it, the JVM keeps
# hsperfdata there): with a read-only root filesystem, mount a writable /tmp that allows
# executing mapped code. A Kubernetes emptyDir does; Docker's tmpfs is noexec unless mounted
# with "exec" (docker-compose.yml), and on a noexec /tmp Netty falls back to NIO silently.
ENV JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError --enable-native-access=ALL-UNNAMED" \
    SERVER_PORT=8080 \
    MANAGEMENT_SERVER_PORT=8081

USER 10001:10001
# 8080: the public API. 8081: the management port (actuator: health, prometheus), which only
# probes and Prometheus should reach; /actuator answers 404 on 8080.
EXPOSE 8080 8081

# Readiness over plain bash, as recent Temurin JRE images ship neither curl nor wget: open a
# TCP connection with bash's /dev/tcp, send one HTTP request, look for a 200 status line.
# On the management port, where the actuator is. Readiness is UP only when PostgreSQL and
# Redis answer. Kubernetes ignores HEALTHCHECK and uses its own probes.
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${MANAGEMENT_SERVER_PORT:-8081} && printf 'GET /actuator/health/readiness HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -c 12 <&3 | grep -q ' 200'"]

# The base image's entrypoint (/__cacert_entrypoint.sh) stays in front: it execs this command
# (java runs as PID 1 and receives SIGTERM itself, for Spring's graceful shutdown), and with
# USE_SYSTEM_CA_CERTS=1 it adds the certificates mounted under /certificates to the JVM's
# trust store, for example a managed database's private CA.
CMD ["java", "-jar", "/app/boxoffice.jar"]
