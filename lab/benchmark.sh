#!/bin/sh
# Runs the benchmarks and prints their figures. A benchmark is a class with a main method in a
# module's test sources whose name ends in Benchmark; it prints what it measured, one figure a
# line. Benchmarks that need hosts start their own lab.
#
#   lab/benchmark.sh                 every benchmark
#   lab/benchmark.sh Pki             the benchmarks whose class name contains "Pki"
set -eu
cd "$(dirname "$0")/.."
filter=${1:-}
export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost

mvn -B -q package -DskipTests dependency:build-classpath \
    -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test >/dev/null

for module in lab agent controller; do
    [ -d "$module/src/test/java" ] || continue
    for source in $(find "$module/src/test/java" -name '*Benchmark.java' | sort); do
        class=$(echo "${source#"$module/src/test/java/"}" | sed 's/\.java$//; s#/#.#g')
        case "${class##*.}" in *"$filter"*) ;; *) continue ;; esac
        echo "== ${class##*.}"
        java -Dlab.dir="$PWD/lab" -Dproject.root="$PWD" \
            -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/benchmark.classpath")" \
            "$class"
    done
done
