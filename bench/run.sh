#!/bin/sh
# Builds what the benchmarks need (Lambda jar, client distribution, bench classes) and runs them all:
#   bench/run.sh                 everything (about 10 minutes on 2 cores)
#   bench/run.sh --quick         fewer runs and a short JMH
#   bench/run.sh --only client   sections: package,init,priming,jmh,client,usage; also --runs N, --init-runs N
# Prints a table and writes it to bench/target/bench-report.md. hyperfine (apt-get install -y hyperfine) is used
# when installed. MVN_ARGS adds Maven options (e.g. MVN_ARGS=-o to build offline).
set -eu
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"

# shellcheck disable=SC2086 # MVN_ARGS is a list of options on purpose.
mvn -B -q ${MVN_ARGS:-} -pl lambda,client,bench -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
exec "$JAVA_HOME/bin/java" -Dbench.root="$PWD" -Dlog4j2.configurationFile=classpath:bench-log4j2.xml -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  broker.bench.BenchMain "$@"
