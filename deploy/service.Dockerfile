# One image per service module, built from the module directory after `./mvnw package`
# (which writes target/classes and target/lib):
#   docker build -f ../deploy/service.Dockerfile --build-arg MAIN_CLASS=com.metasupervisor.reconciler.Application .
# The cli module's image is built the same way (MAIN_CLASS com.metasupervisor.cli.MsCli); the container's
# command is passed to the main class as its arguments (registry-init runs `registry init --url ...`).
FROM eclipse-temurin:25-jre
ARG MAIN_CLASS
ENV MAIN_CLASS=${MAIN_CLASS} JAVA_OPTS="-XX:MaxRAMPercentage=75 --enable-native-access=ALL-UNNAMED"
WORKDIR /app
COPY target/lib/ lib/
COPY target/classes/ classes/
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -cp '/app/classes:/app/lib/*' \"$MAIN_CLASS\" \"$@\"", "--"]
