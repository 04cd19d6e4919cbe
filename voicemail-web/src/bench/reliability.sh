#!/usr/bin/env bash
# The figures of docs/reliability.md: runs the hostile-input and fault tests against the built WAR (as
# './mvnw verify' does) and prints the lines they report, prefixed "reliability:". Not part of the test command.
#
#   reliability.sh [FUZZ_MESSAGES]     default 1000000 mutated SIP messages (the suite runs 5000)
#
# Needs what the test suite needs (sipp, sipsak; run as root). Takes ~10 minutes plus ~9 minutes per million
# fuzz messages at the fuzzer's 2000 a second (FUZZ_RATE=... to change it).
set -euo pipefail
cd "$(dirname "$0")/../../.."
messages=${1:-1000000}
rate=${FUZZ_RATE:-2000}
./mvnw -B -q install -DskipTests
log=$(mktemp /tmp/reliability.XXXXXX)
./mvnw -B verify -pl voicemail-web -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test='SipConnectionFloodIT,InviteFloodIT,SipFuzzIT,LogVolumeIT,SipTortureIT,ShutdownIT,CrashIT' \
  -Dfuzz.messages="$messages" -Dfuzz.rate="$rate" >"$log" 2>&1 || { tail -60 "$log"; echo "FAILED (log: $log)"; exit 1; }
grep -h -E '^(reliability:|log bytes|RFC 4475)' "$log" voicemail-web/target/failsafe-reports/*-output.txt 2>/dev/null | sort -u
grep -h 'Tests run:' "$log" | tail -1
