#!/usr/bin/env bash
# Builds Earmark's Linux packages from the jars Maven copied into target/jpackage/input:
#   1. checks that jlink.args lists every JDK module jdeps finds in those jars;
#   2. jlink: a private runtime (target/jpackage/runtime), no JDK needed by users;
#   3. jpackage: the app-image target/jpackage/image/earmark (bin/earmark + lib/);
#   4. jpackage: target/jpackage/deb/earmark_<version>-1_<arch>.deb from that app-image, with the
#      class list src/cds/earmark.classlist (its postinst dumps the class-data archive in /opt);
#   5. the class-data archive of the app-image itself (lib/app/earmark.jsa), dumped by its own
#      runtime from that class list, for runs in place.
# Run by `mvn -B -Ppackage -pl packaging -am package` (docs/packaging.md), which sets
# PROJECT_VERSION, MAIN_JAR and JAVA_HOME; runnable by hand with the same variables after a
# first Maven run has filled target/jpackage/input.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.."   # the packaging module

: "${PROJECT_VERSION:?set PROJECT_VERSION, e.g. 0.1.0-SNAPSHOT}"
: "${MAIN_JAR:?set MAIN_JAR to the file name of the app jar in target/jpackage/input}"
: "${JAVA_HOME:?set JAVA_HOME to a JDK 17 with jmods}"
scripts=src/package-scripts
out=target/jpackage
input=$out/input

# jpackage wants a plain numeric version (1 to 3 dot-separated numbers): 0.1.0-SNAPSHOT -> 0.1.0.
app_version="${PROJECT_VERSION%%-*}"
if [[ ! "$app_version" =~ ^[0-9]+(\.[0-9]+){0,2}$ ]]; then
  echo "package.sh: cannot make a numeric app version from project version '$PROJECT_VERSION'" >&2
  exit 2
fi
[[ -f "$input/$MAIN_JAR" ]] || { echo "package.sh: $input/$MAIN_JAR is missing" >&2; exit 2; }

step() { printf '[package] %s (%ss)\n' "$1" "$SECONDS"; }

step "checking JDK modules with jdeps"
needed="$("$JAVA_HOME/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 \
  --class-path "$input/*" "$input"/*.jar 2>/dev/null | tail -n 1)"
linked="$(sed -n 's/^--add-modules //p' "$scripts/jlink.args")"
missing=()
for module in ${needed//,/ }; do
  [[ ",$linked," == *",$module,"* ]] || missing+=("$module")
done
if ((${#missing[@]})); then
  echo "package.sh: the jars need JDK modules that $scripts/jlink.args does not link: ${missing[*]}" >&2
  echo "package.sh: add them to its --add-modules line" >&2
  exit 1
fi

rm -rf "$out/runtime" "$out/image" "$out/deb"

step "jlink runtime"
"$JAVA_HOME/bin/jlink" "@$scripts/jlink.args" --output "$out/runtime"

step "jpackage app-image $app_version"
"$JAVA_HOME/bin/jpackage" "@$scripts/jpackage-app-image.args" \
  --app-version "$app_version" --input "$input" --main-jar "$MAIN_JAR" \
  --runtime-image "$out/runtime" --dest "$out/image"

# The class list goes with the app; the archive does not: JDK 17 maps an archive only with the
# class path it was dumped with, so an archive dumped here would be refused in /opt/earmark (and
# the JVM would then start with no archive at all). The .deb's postinst dumps it there instead.
cp src/cds/earmark.classlist "$out/image/earmark/lib/earmark.classlist"

step "jpackage .deb"
"$JAVA_HOME/bin/jpackage" "@$scripts/jpackage-deb.args" \
  --app-version "$app_version" --app-image "$out/image/earmark" --dest "$out/deb"

# The app-image's archive, for runs in place: dumped by the image's own runtime through its own
# launcher (the runtime has no bin/java), so the class path is exactly the launcher's. The
# launcher's options name the file (-XX:SharedArchiveFile=$APPDIR/earmark.jsa,
# jpackage-app-image.args); -Xshare:dump makes the JVM dump and exit instead of running Earmark.
step "class-data archive of the app-image"
JAVA_TOOL_OPTIONS="-Xshare:dump -XX:SharedClassListFile=$out/image/earmark/lib/earmark.classlist" \
  "$out/image/earmark/bin/earmark" >"$out/cds-dump.log" 2>&1 ||
  { echo "package.sh: dumping the class-data archive failed; see $out/cds-dump.log" >&2; exit 1; }

step "done"
du -sh "$out/image/earmark" "$out"/deb/*.deb
