#!/usr/bin/env bash
# Load benchmark of a running voicemail service with sipp (Debian: sip-tester), in the style of the Asterisk
# figures in docs/performance.md. Not a test: it prints figures.
#
#   benchmark.sh deposits [RATE_CPS] [CALLS] [SECONDS_OF_SPEECH]   concurrent deposits with media
#   benchmark.sh setup    [RATE_CPS] [CALLS]                       call setup rate with short calls
#   benchmark.sh notify   [RATE_CPS] [CALLS] [SECONDS_OF_SPEECH]   deposits, then BYE -> SMTP acceptance p50/p95
#                         (needs an SMTP server that accepts everything: the run command starts one)
#
# The peer benchmark, unchanged (the SIPp scenarios that measured Asterisk, copied into peer/ from ../shared/bench):
#   benchmark.sh peer-short RATE            uac_short.xml: 1 s calls at RATE cps for 30 s
#   benchmark.sh peer-vm CONC               uac_vm.xml: 10 s of speech after greeting and tone, CONC calls at once,
#                                           every call to one mailbox; counts the messages stored whole (>= 10.0 s)
#   benchmark.sh peer-vm-multi CONC         uac_vm_multi.xml: the same into 1000 mailboxes; the service must run
#                                           with the file of 'benchmark.sh peer-provisioning FILE'
#   benchmark.sh heap-per-call CONC         peer-vm CONC, with the live heap (a full collection each) measured idle
#                                           before, at the plateau of calls and idle after: prints the heap per
#                                           connected call and the classes that grew most (the collections pause
#                                           the calls: not a run to count whole messages in)
#   benchmark.sh peer-provisioning FILE     writes a provisioning file: the demo tenants plus acme mailboxes
#                                           5000-5999 on +39 02 5551 5000-5999
#
# Continuity (docs/continuity.md):
#   benchmark.sh pbx-provisioning FILE [TENANTS] [PORT]  the demo tenants plus TENANTS tenants whose PBX is
#                                           sip:127.0.0.1:PORT (1000, 5090)
#   benchmark.sh pbx-monitor [TENANTS] [SECONDS] [PORT]  with the service on that file: a sipp plays the PBX;
#                                           prints the probes answered per second and the service's CPU over
#                                           SECONDS, then PBX killed -> outage declared, PBX back -> outage over
#   benchmark.sh failover [RATE] [SECONDS] [PROXY_PORT]  with the run command's service (acme's PBX is
#                                           sip:127.0.0.1:5090): Kamailio from failover-config/ in front of a sipp
#                                           PBX on 5090 and the service; callers at RATE cps (5) through the proxy;
#                                           the PBX killed, then restarted SECONDS (30) later: prints PBX death ->
#                                           first call in voicemail / outage declared, calls failed, recovery ->
#                                           calls back at the PBX / outage over
#   For these three, start the service with the run command's demo PBX off port 5090 and the monitor at its
#   defaults: -Drun.pbx.port=5190 -Drun.trunk.port=5191 -Drun.probe.interval=5 -Drun.probe.timeout=2000
#   -Drun.probe.failures=3 -Drun.probe.successes=3 -Drun.probe.hold-down=30 (docs/performance.md)
#
# Environment: SIP=127.0.0.1:5060 HTTP=http://localhost:8080 NUMBER=+390255500100 TENANT=acme
#              OPERATOR=operator:demo (the README's run command provides all of these)
# The service must trust sipp's address as it would an edge proxy, or the per-source limits refuse most calls:
#   VOICEMAIL_SIP_TRUSTED_SOURCES=127.0.0.1 ./mvnw -Prun package
# Prints: session establishment ratio, setup delay (INVITE -> 200) p50/p95/p99, for deposits the stored audio
# against what was sent (RTP packets lost), and the service process's CPU, heap and RSS.
set -euo pipefail
mode=${1:-deposits}
SIP=${SIP:-127.0.0.1:5060}
HTTP=${HTTP:-http://localhost:8080}
NUMBER=${NUMBER:-+390255500100}
TENANT=${TENANT:-acme}
OPERATOR=${OPERATOR:-operator:demo}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/vm-bench.XXXXXX)
pid=$(pgrep -f 'payara-micro.jar.*voicemail.war' | head -1 || true)
[ -n "$pid" ] || [ "$mode" = peer-provisioning ] || {
  echo "no running voicemail service (payara-micro.jar ... voicemail.war) found" >&2; exit 2; }

metric() { # one of the service's application metrics, by its Prometheus name
  curl -s -u "$OPERATOR" "$HTTP/metrics?scope=application" | awk -v name="$1" '$1 ~ "^"name"[{ ]" || $1 == name {print $NF}'
}
throttled() {
  metric voicemail_sip_requests_throttled
}
throttled_at_start=$(throttled || true)
overload_at_start=$(metric voicemail_calls_refused_overload || true)
report_overload() { # calls the adaptive limit refused (docs/performance.md), and where the limit is now
  local now; now=$(metric voicemail_calls_refused_overload || true)
  [ -n "$now" ] && [ -n "$overload_at_start" ] || return 0
  echo "refused 503 while the service ran late: $(( ${now%.*} - ${overload_at_start%.*} )) calls;" \
    "limit of calls now $(metric voicemail_calls_limit)"
}
warn_throttled() {
  local now; now=$(throttled || true)
  if [ -n "$now" ] && [ "${now%.*}" != "${throttled_at_start%.*}" ]; then
    echo "WARNING: the service refused $(( ${now%.*} - ${throttled_at_start%.*} )) requests for their source's rate:" \
      "start it with VOICEMAIL_SIP_TRUSTED_SOURCES=127.0.0.1" >&2
  fi
}
trap warn_throttled EXIT

cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
report_process() {
  local ticks_before=$1 wall=$2 ticks_after hz heap rss threads
  ticks_after=$(cpu_ticks); hz=$(getconf CLK_TCK)
  heap=$(jstat -gc "$pid" 2>/dev/null | awk 'NR==2 {printf "%.0f", ($3+$4+$6+$8)/1024}')
  rss=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$pid/status")
  threads=$(awk '/Threads/ {print $2}' "/proc/$pid/status")
  awk -v t=$((ticks_after - ticks_before)) -v hz="$hz" -v w="$wall" \
    'BEGIN {printf "service CPU: %.0f %% of one core (%.1f s over %.1f s)\n", 100*t/hz/w, t/hz, w}'
  echo "service heap used: ${heap:-?} MiB, RSS: ${rss} MiB, threads: ${threads}"
  report_overload
}

percentiles() { # sipp -trace_rtt file: Date_ms;response_time_ms;rtd_no (whole milliseconds)
  python3 - "$@" <<'PY'
import sys, glob
values = []
for name in glob.glob(sys.argv[1]):
    for line in open(name):
        parts = line.strip().split(';')
        if len(parts) >= 3:
            try: values.append(float(parts[1]))
            except ValueError: pass
values.sort()
if not values: print("setup delay: no samples"); sys.exit()
pick = lambda q: values[min(len(values) - 1, int(q * len(values)))]
print("setup delay INVITE->200 (ms): p50 %.1f  p95 %.1f  p99 %.1f  max %.1f  (%d calls)" % (pick(.5), pick(.95), pick(.99), values[-1], len(values)))
PY
}

establishment() { # sipp -trace_stat file (last line)
  python3 - "$1" <<'PY'
import sys, glob
name = glob.glob(sys.argv[1])[0]
lines = [l.strip().split(';') for l in open(name) if l.strip()]
head, last = lines[0], lines[-1]
col = lambda n: int(last[head.index(n)])
created, ok, failed = col('TotalCallCreated'), col('SuccessfulCall(C)'), col('FailedCall(C)')
print("calls: %d created, %d successful, %d failed; session establishment ratio %.2f %%" % (created, ok, failed, 100.0 * ok / max(created, 1)))
PY
}

spooled_and_active() { # calls in progress + recordings not yet committed, from the service's metrics
  curl -sf -u "$OPERATOR" "$HTTP/metrics?scope=application" | awk '/^[a-z_]*(voicemail_calls_active|voicemail_messages_spooled)[{ ]/ {n += $NF} END {print n + 0}'
}

run_sipp() { # scenario rate calls
  local scenario=$1 rate=$2 calls=$3
  (cd "$work" && sipp -sf "$scenario" -i 127.0.0.1 -p 0 -mi 127.0.0.1 -mp 30000 -s "$NUMBER" \
      -key caller 3330001111 -key pt 0 -key te 96 \
      -r "$rate" -m "$calls" -l 5000 -nostdin -buff_size 4194304 -timeout 900s \
      -trace_stat -fd 1 -trace_rtt -rtt_freq 1 -trace_err -trace_logs "$SIP" >/dev/null 2>&1) || true
}

case "$mode" in
  deposits)
    rate=${2:-40}; calls=${3:-1000}; speech=${4:-10}
    python3 -c "
import math
sr=8000; out=bytearray()
for i in range(int(sr*$speech)):
    t=i/sr; v=int(9000*math.sin(2*math.pi*(300+200*math.sin(2*math.pi*.5*t))*t))
    s=v>>8&0x80
    if s: v=-v
    v=min(v,32635)+0x84; e=7; m=0x4000
    while e>0 and not v&m: m>>=1; e-=1
    out.append(~(s|e<<4|(v>>(e+3))&0xF)&0xFF)
open('$work/speech.ulaw','wb').write(out)"
    sed "s#@AUDIO@#$work/speech.ulaw#; s#@PT@#0#; s#@TALK@#$((speech * 1000 + 300))#" "$here/deposit.xml" > "$work/deposit.xml"
    before=$(curl -sf -u "$OPERATOR" "$HTTP/voicemail/api/tenants/$TENANT/mailboxes" | python3 -c "import json,sys; print(json.load(sys.stdin)[0]['id'])")
    existing=$(curl -sf -u "$OPERATOR" "$HTTP/voicemail/api/tenants/$TENANT/mailboxes/$before/messages" | python3 -c "import json,sys; print(len(json.load(sys.stdin)))")
    echo "deposits: $calls calls at $rate cps, ${speech} s of speech each (about $((rate * (speech + 2))) at once)"
    t0=$(cpu_ticks); s0=$(date +%s.%N)
    run_sipp "$work/deposit.xml" "$rate" "$calls"
    for _ in $(seq 1 600); do # until no call is left and the spool is empty: every message committed
      [ "$(spooled_and_active)" = 0 ] && break
      sleep 0.1
    done
    s1=$(date +%s.%N)
    establishment "$work/deposit_*_.csv"
    percentiles "$work/deposit_*_rtt.csv"
    curl -sf -u "$OPERATOR" "$HTTP/voicemail/api/tenants/$TENANT/mailboxes/$before/messages" | python3 -c "
import json, sys
all_messages = json.load(sys.stdin)
new = all_messages[:len(all_messages) - $existing]
expected = $speech * 1000
short = [m for m in new if m['durationMillis'] < expected]
lost_ms = sum(expected - m['durationMillis'] for m in short)
print('messages stored: %d of %d calls; shorter than sent: %d; RTP packets lost: %d of %d (%.3f %%)' % (
    len(new), $calls, len(short), lost_ms // 20, $calls * expected // 20, 100.0 * (lost_ms // 20) / max(1, $calls * expected // 20)))"
    report_process "$t0" "$(echo "$s1 - $s0" | bc)"
    ;;
  notify)
    rate=${2:-10}; calls=${3:-200}; speech=${4:-3}
    out=$("$0" deposits "$rate" "$calls" "$speech" || true)
    echo "$out" | grep -v "sipp files"
    deposit_work=$(echo "$out" | sed -n 's/^sipp files: //p')
    sleep 5 # the last emails
    curl -sf -u "$OPERATOR" "$HTTP/voicemail/api/tenants/$TENANT/audit?limit=$((calls * 4))" | python3 -c "
import glob, json, re, sys
from datetime import datetime
# the caller's BYE, as sipp logged it just before sending it: 'BYE <call-id> <seconds> <microseconds>'
bye = {}
for name in glob.glob('$deposit_work/deposit_*_logs.log'):
    for line in open(name):
        parts = line.split()
        if len(parts) == 4 and parts[0] == 'BYE':
            bye[parts[1]] = float(parts[2]) + float(parts[3]) / 1e6
events = json.load(sys.stdin)
t = lambda e: datetime.fromisoformat(e['occurredAt'].replace('Z', '+00:00')).timestamp()
call_of = {}
for e in events:
    if e['action'] == 'MESSAGE_LEFT':
        m = re.search(r'call (\\S+)\$', e['details'])
        if m and m.group(1) in bye:
            call_of[e['subject']] = m.group(1)
stored = {e['subject']: t(e) for e in events if e['action'] == 'MESSAGE_LEFT'}
accepted = {}
for e in events:
    if e['action'] == 'MESSAGE_NOTIFIED' and e['subject'] in call_of:
        accepted[e['subject']] = min(accepted.get(e['subject'], 1e18), t(e))
# MESSAGE_NOTIFIED is written right after the SMTP server accepted the email
delays = sorted(1000 * (accepted[k] - bye[call_of[k]]) for k in accepted)
if delays:
    pick = lambda q: delays[min(len(delays) - 1, int(q * len(delays)))]
    print('BYE -> SMTP accepted (ms): p50 %.0f  p95 %.0f  max %.0f  (%d emails for %d calls of this run)' % (pick(.5), pick(.95), delays[-1], len(delays), len(bye)))
    part = sorted(1000 * (stored[k] - bye[call_of[k]]) for k in accepted)
    print('  of which BYE -> stored (committed): p50 %.0f  p95 %.0f' % (part[len(part) // 2], part[int(.95 * len(part))]))
else:
    print('no notified messages of this run found (is an SMTP server running?)')"
    ;;
  setup)
    rate=${2:-300}; calls=${3:-6000}
    echo "call setup: $calls short calls at $rate cps"
    t0=$(cpu_ticks); s0=$(date +%s.%N)
    run_sipp "$here/short-call.xml" "$rate" "$calls"
    s1=$(date +%s.%N)
    establishment "$work/short-call_*_.csv"
    percentiles "$work/short-call_*_rtt.csv"
    report_process "$t0" "$(echo "$s1 - $s0" | bc)"
    ;;
  peer-short)
    rate=${2:-100}
    echo "peer uac_short.xml: 1 s calls at $rate cps for 30 s (sipp on the same machine, ulimit -n 20000)"
    t0=$(cpu_ticks); s0=$(date +%s.%N)
    (cd "$work" && ulimit -n 20000 && sipp "$SIP" -sf "$here/peer/uac_short.xml" -s "$NUMBER" -i 127.0.0.1 \
        -r "$rate" -l $((rate * 3)) -m $((rate * 30)) -d 1000 -buff_size 4194304 -nostdin -timeout 300s \
        -trace_stat -fd 1 -trace_rtt -rtt_freq 1 >/dev/null 2>&1) || true
    s1=$(date +%s.%N)
    establishment "$work/uac_short_*_.csv"
    percentiles "$work/uac_short_*_rtt.csv"
    report_process "$t0" "$(echo "$s1 - $s0" | bc)"
    ;;
  peer-provisioning)
    file=${2:?usage: $0 peer-provisioning FILE}
    python3 - "$here/../../../docs/examples/demo-provisioning.yaml" "$file" <<'PY'
import sys
demo = open(sys.argv[1]).read()
lines = [demo.rstrip('\n')]
# acme is the first tenant of the demo file: add its bench employees after its 'employees:' line
head, sep, tail = demo.partition('    employees:\n')
extra = ''.join('      - id: bench%d\n        name: Bench %d\n        emails: [bench%d@acme.example]\n'
                '        mailbox: {number: "%d", pin: "4826", directNumbers: ["+39 02 5551 %d"]}\n'
                % (n, n, n, n, n) for n in range(5000, 6000))
open(sys.argv[2], 'w').write(head + sep + extra + tail)
PY
    python3 -c "
print('SEQUENTIAL')
for n in range(5000, 6000): print('+39025551%d' % n)" > "${file%.*}-numbers.csv"
    echo "wrote $file and ${file%.*}-numbers.csv; start the service with: ./mvnw -Prun package -Drun.provisioning.file=$file"
    ;;
  pbx-provisioning)
    file=${2:?usage: $0 pbx-provisioning FILE [TENANTS] [PBX_PORT]}; tenants=${3:-1000}; port=${4:-5090}
    python3 - "$here/../../../docs/examples/demo-provisioning.yaml" "$file" "$tenants" "$port" <<'PY'
import sys
demo, out, tenants, port = open(sys.argv[1]).read(), sys.argv[2], int(sys.argv[3]), sys.argv[4]
extra = ''.join(
    '  - id: bench%04d\n    name: Bench %d\n    timeZone: Europe/Rome\n    language: it\n'
    '    pbx: sip:127.0.0.1:%s\n    employees:\n      - id: e\n        name: E\n'
    '        mailbox: {number: "100", pin: "4826"}\n' % (n, n, port) for n in range(1, tenants + 1))
open(out, 'w').write(demo.rstrip('\n') + '\n' + extra)
PY
    echo "wrote $file ($tenants tenants whose PBX is sip:127.0.0.1:$port); start the service with:"
    echo "  ./mvnw -Prun package -Drun.provisioning.file=$file"
    ;;
  pbx-monitor)
    # the PBX monitor's cost and timing: the service must run with the file of 'pbx-provisioning'
    tenants=${2:-1000}; seconds=${3:-60}; port=${4:-5090}
    first=bench0001; last=$(printf 'bench%04d' "$tenants")
    outage() { curl -sf -u "$OPERATOR" "$HTTP/voicemail/api/tenants/$1/continuity" | python3 -c "import json,sys; print(str(json.load(sys.stdin)['outage']).lower())"; }
    start_pbx() {
      (cd "$work" && exec sipp -sf "$here/../test/resources/sipp/pbx-options.xml" -i 127.0.0.1 -p "$port" \
          -nostdin -buff_size 4194304 -trace_stat -fd 1 >/dev/null 2>&1) &
      pbx=$!
    }
    await() { # tenant state -> seconds waited
      local t0; t0=$(date +%s.%N)
      for _ in $(seq 1 1200); do [ "$(outage "$1")" = "$2" ] && break; sleep 0.1; done
      echo "$(date +%s.%N) - $t0" | bc
    }
    answered() { # OPTIONS the PBX answered so far (sipp's statistics, last line)
      python3 - "$work" <<'PY'
import sys, glob
files = glob.glob(sys.argv[1] + '/pbx-options_*_.csv')
if not files: print(0); sys.exit()
lines = [l.strip().split(';') for l in open(files[0]) if l.strip()]
print(lines[-1][lines[0].index('SuccessfulCall(C)')] if len(lines) > 1 else 0)
PY
    }
    start_pbx
    echo "PBX monitor: $tenants tenants whose PBX is a sipp on 127.0.0.1:$port"
    echo "waiting until $first and $last are out of any outage: $(await "$first" false) s, $(await "$last" false) s"
    sleep 2; a0=$(answered); t0=$(cpu_ticks); s0=$(date +%s.%N)
    sleep "$seconds"
    a1=$(answered); s1=$(date +%s.%N)
    echo "probes answered: $((a1 - a0)) in $seconds s ($(echo "($a1 - $a0) / $seconds" | bc) per second)"
    report_process "$t0" "$(echo "$s1 - $s0" | bc)"
    kill "$pbx"; wait "$pbx" 2>/dev/null || true
    echo "PBX killed: outage declared for $first after $(await "$first" true) s, for $last after $(await "$last" true) s more"
    start_pbx
    echo "PBX back: outage over for $first after $(await "$first" false) s, for $last after $(await "$last" false) s more"
    kill "$pbx"; wait "$pbx" 2>/dev/null || true
    ;;
  failover)
    rate=${2:-5}; seconds=${3:-30}; proxy_port=${4:-5062}; pbx_port=5090
    repo=$(cd "$here/../../.." && pwd)
    mkdir -p "$work/kamailio/run"
    cp "$repo/failover-config/kamailio/kamailio.cfg" "$repo/failover-config/kamailio/tenants.cfg" "$work/kamailio/"
    printf '1 sip:127.0.0.1:%s 0 10 name=acme-pbx\n100 sip:%s 0 10 name=voicemail\n' "$pbx_port" "$SIP" \
        > "$work/kamailio/dispatcher.list"
    kamailio -DD -E -w "$work/kamailio" -f "$work/kamailio/kamailio.cfg" -l "udp:127.0.0.1:$proxy_port" \
        -Y "$work/kamailio/run" > "$work/kamailio.out" 2>&1 &
    proxy=$!
    now() { date +%s.%N; }
    outage() { curl -sf -u "$OPERATOR" "$HTTP/voicemail/api/tenants/$TENANT/continuity" | python3 -c "import json,sys; print(str(json.load(sys.stdin)['outage']).lower())"; }
    pbx_calls() { local n; n=$(grep -c '^INVITE' "$work/pbx.log" 2>/dev/null) || true; echo "${n:-0}"; }
    start_pbx() {
      sed "s#@AUDIO@##" "$here/../test/resources/sipp/pbx.xml" > "$work/pbx.xml"
      (cd "$work" && exec sipp -sf "$work/pbx.xml" -i 127.0.0.1 -p "$pbx_port" -mi 127.0.0.1 -mp 31000 -nostdin \
          -trace_logs -log_file "$work/pbx.log" >/dev/null 2>&1) &
      pbx=$!
    }
    until_true() { # what, condition -> seconds waited (at most 120 s)
      local t0; t0=$(now)
      for _ in $(seq 1 1200); do eval "$2" && break; sleep 0.1; done
      echo "$(now) - $t0" | bc
    }
    start_pbx
    echo "failover: Kamailio on 127.0.0.1:$proxy_port, PBX (sipp) on $pbx_port, the service on $SIP; callers at $rate cps"
    echo "waiting for $TENANT out of any outage (the PBX answering the service's probes): $(until_true outage '[ "$(outage)" = false ]') s"
    sed -e "s#@AUDIO@#$here/peer/speech10s.ulaw#" -e "s#@PT@#0#" -e "s#@TALK@#2000#" -e "s#@CONTACT@#sip:#" \
        "$here/../test/resources/sipp/deposit.xml" > "$work/caller.xml"
    (cd "$work" && exec sipp -sf "$work/caller.xml" -i 127.0.0.1 -p 0 -mi 127.0.0.1 -mp 32000 -s "$NUMBER" \
        -key caller 3330001111 -key name Bench -key pt 0 -key te 96 -r "$rate" -l 1000 -nostdin \
        -buff_size 4194304 -timeout 900s -trace_stat -fd 1 -trace_err "127.0.0.1:$proxy_port" >/dev/null 2>&1) &
    callers=$!
    sleep 10
    before=$(pbx_calls)
    echo "calls at the PBX in the first 10 s: $before"
    since=$(date -u +%Y-%m-%dT%H:%M:%S)
    kill "$pbx"; wait "$pbx" 2>/dev/null || true
    killed=$(now)
    declared=$(until_true outage '[ "$(outage)" = true ]')
    echo "PBX killed: outage declared after $declared s"
    sleep "$seconds"
    for action in PBX_DOWN MESSAGE_LEFT; do # when the first failed-over call reached the service, the first message
      curl -sf -u "$OPERATOR" "$HTTP/voicemail/api/tenants/$TENANT/audit?action=$action&from=${since}Z&limit=1000" |
        python3 -c "
import json, sys, datetime
rows = json.load(sys.stdin)
if rows:
    first = min(datetime.datetime.fromisoformat(r['occurredAt'].replace('Z', '+00:00')) for r in rows)
    print('PBX killed -> first $action (by %s): %.2f s' % (rows[-1]['actor'], first.timestamp() - $killed))
else:
    print('no $action since the kill')" || true
    done
    rm -f "$work/pbx.log"
    start_pbx
    back=$(now)
    echo "PBX back: calls at the PBX again after $(until_true pbx '[ "$(pbx_calls)" -gt 0 ]') s"
    echo "          outage over after $(echo "$(now) - $back + $(until_true over '[ "$(outage)" = false ]')" | bc) s"
    sleep 5
    kill "$callers"; wait "$callers" 2>/dev/null || true
    establishment "$work/caller_*_.csv"
    echo "failed calls by what their caller last saw (calls established at the PBX die with it):"
    grep -ho "while [a-z]* [^(]*(index [0-9]*)" "$work"/caller_*_errors.log 2>/dev/null | sort | uniq -c || true
    echo "  (index 12 is the 200 to the caller's BYE: a BYE sent to the dead PBX)"
    kill "$pbx" "$proxy"; wait "$pbx" "$proxy" 2>/dev/null || true
    ;;
  peer-vm|peer-vm-multi)
    conc=${2:-800}
    scenario=uac_vm.xml; inf=()
    if [ "$mode" = peer-vm-multi ]; then
      scenario=uac_vm_multi.xml
      numbers=${NUMBERS:?set NUMBERS to the numbers file of 'peer-provisioning'}
      inf=(-inf "$numbers")
    fi
    sed "s#@AUDIO@#$here/peer/speech10s.ulaw#" "$here/peer/$scenario" > "$work/$scenario"
    since=$(date -u +%Y-%m-%dT%H:%M:%S)
    echo "peer $scenario: $conc calls at once ($((conc * 5 / 2)) calls at $((conc * 10 / 24)) per 10 s), since $since UTC"
    t0=$(cpu_ticks); s0=$(date +%s.%N)
    (cd "$work" && ulimit -n 20000 && sipp "$SIP" -sf "$work/$scenario" -s "$NUMBER" -i 127.0.0.1 "${inf[@]}" \
        -r $((conc * 10 / 24)) -rp 10000 -l $((conc * 3 / 2)) -m $((conc * 5 / 2)) -d 13500 \
        -buff_size 4194304 -nostdin -timeout 900s -trace_stat -fd 1 -trace_rtt -rtt_freq 1 >/dev/null 2>&1) || true
    sleep 1 # the last messages: stored once their RTP is quiet after the BYE (at most 2 s), see the loop
    for _ in $(seq 1 1200); do # then until no call is left and the spool is empty: every message committed
      [ "$(spooled_and_active)" = 0 ] && break
      sleep 0.1
    done
    s1=$(date +%s.%N)
    establishment "$work/${scenario%.xml}_*_.csv"
    percentiles "$work/${scenario%.xml}_*_rtt.csv"
    curl -sf -u "$OPERATOR" "$HTTP/voicemail/api/tenants/$TENANT/mailboxes" | python3 -c "
import json, sys, urllib.request, base64
since = '$since'
auth = 'Basic ' + base64.b64encode(b'$OPERATOR').decode()
stored = whole = 0
for mailbox in json.load(sys.stdin):
    request = urllib.request.Request('$HTTP/voicemail/api/tenants/$TENANT/mailboxes/%d/messages' % mailbox['id'], headers={'Authorization': auth})
    for m in json.load(urllib.request.urlopen(request)):
        if m['receivedAt'] >= since:
            stored += 1
            whole += m['durationMillis'] >= 9980
print('messages stored: %d; whole (all 10.0 s of speech): %d' % (stored, whole))"
    report_process "$t0" "$(echo "$s1 - $s0" | bc)"
    ;;
  heap-per-call)
    conc=${2:-1000}
    histogram() { jcmd "$pid" GC.class_histogram > "$work/$1.txt"; } # live objects: a full collection first
    histogram idle-before
    "$0" peer-vm "$conc" > "$work/load.out" 2>&1 &
    load=$!
    for _ in $(seq 1 1200); do # until the calls reach their plateau (at most 120 s)
      [ "$(metric voicemail_calls_connected | cut -d. -f1)" -ge $((conc * 9 / 10)) ] && break
      sleep 0.1
    done
    connected=$(metric voicemail_calls_connected | cut -d. -f1)
    recording=$(metric voicemail_messages_spooled | cut -d. -f1)
    histogram live
    wait "$load" || true
    histogram idle-after
    grep -v "^sipp files" "$work/load.out"
    python3 - "$work" "$connected" "$recording" <<'PY'
import sys, re
work, connected, recording = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def read(name):
    classes, total = {}, 0
    for line in open('%s/%s.txt' % (work, name)):
        m = re.match(r'\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)', line)
        if m:
            classes[m.group(3)] = (int(m.group(1)), int(m.group(2)))
        elif line.startswith('Total'):
            total = int(line.split()[2])
    return classes, total
before, tb = read('idle-before'); live, tl = read('live'); after, ta = read('idle-after')
mib = lambda b: b / 1048576
print('live heap: idle before %.0f MiB, with %d calls connected (%d recording) %.0f MiB, idle after %.0f MiB'
      % (mib(tb), connected, recording, mib(tl), mib(ta)))
print('heap per connected call: %.0f KiB (against idle before), %.0f KiB (against idle after)'
      % ((tl - tb) / 1024 / max(connected, 1), (tl - ta) / 1024 / max(connected, 1)))
grew = sorted(((live[c][1] - before.get(c, (0, 0))[1], c) for c in live), reverse=True)[:10]
print('classes that grew most with the calls (bytes per connected call, instances):')
for delta, c in grew:
    print('  %8.0f  %8d  %s' % (delta / max(connected, 1), live[c][0] - before.get(c, (0, 0))[0], c))
PY
    ;;
  *) echo "usage: $0 deposits|setup|notify|peer-short|peer-vm|peer-vm-multi|heap-per-call|peer-provisioning ..." >&2; exit 2 ;;
esac
echo "sipp files: $work"
