#!/bin/sh
# Builds what the benchmarks need (Lambda jar, client distribution, bench classes) and runs them all:
#   bench/run.sh                 everything (about 10 minutes on 2 cores)
#   bench/run.sh --quick         fewer runs and a short JMH
#   bench/run.sh --only client   sections: package,init,priming,jmh,client,usage; also --runs N, --init-runs N
# Prints a table and writes it to bench/target/bench-report.md. The client is measured as users get it: the release
# zip (client/target/bedrock-broker-VERSION.zip) unpacked. hyperfine and the AWS CLI v2 (/usr/bin/aws) are used when
# installed (./test.sh installs both). MVN_ARGS adds Maven options (e.g. MVN_ARGS=-o to build offline).
set -eu
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"
# EMF's local environment for this JVM and the JMH forks it starts (they inherit it): without it EMF probes the EC2
# metadata endpoints and its agent sink retries for ~20 s in every fork before it exits.
export AWS_EMF_ENVIRONMENT="${AWS_EMF_ENVIRONMENT:-Local}" AWS_EMF_SERVICE_NAME="${AWS_EMF_SERVICE_NAME:-bedrock-broker}"

# shellcheck disable=SC2086 # MVN_ARGS is a list of options on purpose.
mvn -B -q ${MVN_ARGS:-} -pl lambda,client,bench -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
exec "$JAVA_HOME/bin/java" -Dbench.root="$PWD" -Dlog4j2.configurationFile=classpath:bench-log4j2.xml -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  broker.bench.BenchMain "$@"
