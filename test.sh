#!/usr/bin/env bash
# The README's test command. On a fresh Debian/Ubuntu machine it first installs what the tests run for real, when it
# may (root, or sudo without a password), then runs `mvn -B verify` with Temurin 25. Extra arguments go to Maven
# (./test.sh -pl client -am). TEST_SH_INSTALL=0: install nothing (a test whose program is missing then fails with
# one sentence naming the package to install).
#
# What the tests start, and why:
#   /usr/bin/aws (awscli, AWS CLI v2)      reads credential-process / export output as a real consumer
#   /usr/bin/chromium, chromedriver        the onboarding page's browser test (Selenium)
#   zsh, fish                              read back `bedrock-broker env` output
#   hyperfine                              bench/run.sh's timings (its own measurement is used without it)
#   node, npm                              jsii for the CDK tests; npm packages in tools/ (test servers)
#   python3                                tools/import-cycles.py, which mvn verify runs on every module (no cycles)
#   maven, Temurin 25                      the build
set -euo pipefail
cd "$(dirname "$0")"

say() { printf 'test.sh: %s\n' "$*" >&2; }

# --- System packages --------------------------------------------------------------------------------------------
# program-or-path:debian-package; a program is looked up on PATH, a path must be executable.
wanted=(
  /usr/bin/aws:awscli
  /usr/bin/chromium:chromium
  /usr/bin/chromedriver:chromium-driver
  zsh:zsh
  fish:fish
  hyperfine:hyperfine
  node:nodejs
  npm:npm
  python3:python3
  mvn:maven
)
missing=()
for entry in "${wanted[@]}"; do
  program="${entry%%:*}"
  case "$program" in
    /*) [ -x "$program" ] || missing+=("${entry#*:}") ;;
    *) command -v "$program" >/dev/null 2>&1 || missing+=("${entry#*:}") ;;
  esac
done

jdk="/usr/lib/jvm/temurin-25-jdk-amd64"
if [ ! -x "$jdk/bin/java" ]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-*; do
    [ -x "$candidate/bin/java" ] && jdk="$candidate" && break
  done
fi
if [ ! -x "$jdk/bin/java" ] && apt-cache show temurin-25-jdk >/dev/null 2>&1; then
  missing+=(temurin-25-jdk)
fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "${TEST_SH_INSTALL:-1}" = 0 ]; then
    say "not installing ${missing[*]} (TEST_SH_INSTALL=0); the tests that need them will fail and say so."
  else
    if [ "$(id -u)" -eq 0 ]; then
      as_root=()
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      as_root=(sudo -n)
    else
      as_root=(none)
    fi
    if [ "${as_root[*]}" = none ]; then
      say "cannot install ${missing[*]} (not root, no passwordless sudo): run 'sudo apt-get install -y ${missing[*]}';" \
        "the tests that need them will fail and say so."
    else
      say "installing ${missing[*]}"
      # The lock timeout: another apt on this machine (unattended upgrades, a second build) finishes first.
      "${as_root[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
      "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
        "${missing[@]}" >/dev/null
    fi
  fi
fi
for candidate in /usr/lib/jvm/temurin-25-jdk-*; do
  [ -x "$jdk/bin/java" ] || { [ -x "$candidate/bin/java" ] && jdk="$candidate"; }
done
if [ ! -x "$jdk/bin/java" ]; then
  say "Temurin 25 is not installed at /usr/lib/jvm/temurin-25-jdk-amd64: add Adoptium's apt repository" \
    "(https://adoptium.net/installation/linux/) and run 'sudo apt-get install -y temurin-25-jdk'."
  exit 1
fi
if ! command -v mvn >/dev/null 2>&1; then
  say "Maven is not installed: run 'sudo apt-get install -y maven'."
  exit 1
fi

export JAVA_HOME="$jdk"
export PATH="$JAVA_HOME/bin:$PATH"
export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"
# Offline CDK: no telemetry, no version check, no end-of-life banner for Node 20.
export CDK_DISABLE_CLI_TELEMETRY=true CDK_DISABLE_VERSION_CHECK=1 JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20

# --- npm packages the tests start (tools/package.json, tools/*/package.json, e.g. tools/dynalite) ------------------
if command -v npm >/dev/null 2>&1; then
  for lock in tools/package-lock.json tools/*/package-lock.json; do
    [ -f "$lock" ] || continue
    npm ci --prefix "${lock%/package-lock.json}" --no-audit --no-fund --loglevel=error >/dev/null
    export PATH="$PWD/${lock%/package-lock.json}/node_modules/.bin:$PATH"
  done
fi

java -version 2>&1 | head -1 >&2
for program in /usr/bin/aws zsh fish hyperfine node /usr/bin/chromium; do
  if command -v "$program" >/dev/null 2>&1; then
    printf 'test.sh: %-18s %s\n' "$program" "$("$program" --version 2>/dev/null | head -1)" >&2
  else
    printf 'test.sh: %-18s missing\n' "$program" >&2
  fi
done

exec mvn -B verify "$@"
