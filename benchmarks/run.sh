#!/usr/bin/env bash
# Runs JMH benchmarks from the built benchmarks module: benchmarks/run.sh REGEX [JMH options...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[[ -f "$here/target/benchmarks.jar" ]] || (cd "$here/.." && mvn -B -q -pl benchmarks -am package -DskipTests -Djacoco.skip=true)
exec java -cp "$here/target/benchmarks.jar:$here/target/lib/*" org.openjdk.jmh.Main "$@"
