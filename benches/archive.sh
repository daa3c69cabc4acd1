#!/bin/bash
# The archive figures of docs/performance.md (sessions 5 and 6), release build:
#   cargo build --release --bin depeche --example archive
#   target/release/examples/archive gen /tmp/archive-10k 10000
#   benches/archive.sh /tmp/archive-10k
# "no index" is DEPECHE_INDEX_DIR=off: the code as it was before the index.
# The index goes to /tmp/idx-bench-NAME, deleted first. Peak RSS: %M.
set -u
D=$1; A=target/release/examples/archive; B=target/release/depeche
export DEPECHE_INDEX_DIR=/tmp/idx-bench-$(basename "$D"); rm -rf "$DEPECHE_INDEX_DIR"
T='%e s %U u %M KB'
sleep 3 # files written moments ago are in doubt: the index re-hashes them
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in 1 2; do $A cat "$D"; done
echo "-- reader, no index"; DEPECHE_INDEX_DIR=off $A frame "$D"
echo "-- reader, first indexing"; $A frame "$D"
sleep 3
echo "-- reader, index fresh"; for i in 1 2 3; do $A frame "$D"; done
echo "-- list filter: each key to its frame, then the texts' matches through the index"
$A filter "$D" geneva
$A filter "$D" cessez
echo "-- list json: no index / from the index"
DEPECHE_INDEX_DIR=off /usr/bin/time -f "$T" $B list "$D" --format json >/dev/null
for i in 1 2; do /usr/bin/time -f "$T" $B list "$D" --format json >/dev/null; done
echo "-- claims json: first (digest rows made) / from the index"
/usr/bin/time -f "$T" $B claims "$D" --format json >/tmp/claims-1.json
for i in 1 2; do /usr/bin/time -f "$T" $B claims "$D" --format json >/tmp/claims-2.json; done
cmp /tmp/claims-1.json /tmp/claims-2.json && echo "claims identical"
echo "-- timeline json from the index"
for i in 1 2; do /usr/bin/time -f "$T" $B timeline "$D" --format json >/tmp/timeline.json; done
echo "-- search: first (fills FTS) / then"
/usr/bin/time -f "$T" $B list "$D" --search "geneva ceasefire" --format json | grep -c '"id"'
/usr/bin/time -f "$T" $B list "$D" --search "geneve cessez" --format json | grep -c '"id"'
ls -la "$DEPECHE_INDEX_DIR"
rm -f /tmp/claims-1.json /tmp/claims-2.json /tmp/timeline.json
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
