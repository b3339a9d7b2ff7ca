#!/usr/bin/env bash
# A one-host Son of Grid Engine cell for tests/test_sge_oracle.py: `bash tests/sge/cell.sh start`
# (as root) installs Debian's gridengine packages if needed, configures the cell the way the
# tests expect and starts qmaster and execd; `stop` stops what `start` started.
#
# The cell: SGE_ROOT=/var/lib/gridengine, cell "default"; queues all.q (no run-time limit) and
# long.q (h_rt 48:00:00), 4 slots each; parallel environments smp and mpi; a consumable "gpu"
# with 2 on the host; jobs run as the user jcsge (Grid Engine refuses uid < 1000, so not root).
# Debian's slurm-wlm-torque also ships /usr/bin/qsub and cannot be installed next to it.
set -euo pipefail
export SGE_ROOT=/var/lib/gridengine SGE_CELL=default
STATE=/run/jobcheck-sge
COMMON=$SGE_ROOT/$SGE_CELL/common
MASTER_SPOOL=/var/spool/gridengine/qmaster
EXEC_SPOOL=/var/spool/gridengine/execd
HOST=$(hostname)

running() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

install_packages() {
  local need=""
  for p in gridengine-master gridengine-exec gridengine-client; do dpkg -s "$p" >/dev/null 2>&1 || need="$need $p"; done
  if [ -n "$need" ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
  fi
  [ -s "$COMMON/bootstrap" ] || { echo "cell.sh: $COMMON/bootstrap is missing (the package did not create the cell)" >&2; exit 1; }
}

name_the_host() {
  # Grid Engine checks that a peer's address resolves back to the name it gives; when the host
  # name resolves to 127.0.0.1 (reverse: localhost), an alias file reconciles the two.
  echo "$HOST" > "$COMMON/act_qmaster"
  local addr rev
  addr=$(getent hosts "$HOST" | awk '{print $1; exit}')
  rev=$(getent hosts "$addr" | awk '{print $2; exit}')
  if [ -n "$rev" ] && [ "$rev" != "$HOST" ]; then printf '%s %s\n' "$HOST" "$rev" > "$COMMON/host_aliases"
  else rm -f "$COMMON/host_aliases"; fi
}

start_qmaster() {
  running "$STATE/qmaster.pid" && return
  # a qmaster left by an earlier run (its pid file in the spool is alive): take it over
  if running "$MASTER_SPOOL/qmaster.pid"; then cp "$MASTER_SPOOL/qmaster.pid" "$STATE/qmaster.pid"; return; fi
  rm -f "$MASTER_SPOOL/qmaster.pid"
  /usr/sbin/sge_qmaster
  for _ in $(seq 60); do [ -s "$MASTER_SPOOL/qmaster.pid" ] && qconf -sh >/dev/null 2>&1 && break; sleep 0.5; done
  cp "$MASTER_SPOOL/qmaster.pid" "$STATE/qmaster.pid"
}

configure() {
  local tmp; tmp=$(mktemp -d)
  qconf -ss 2>/dev/null | grep -qx "$HOST" || qconf -as "$HOST" >/dev/null
  if ! qconf -sel 2>/dev/null | grep -qx "$HOST"; then
    printf 'hostname %s\nload_scaling NONE\ncomplex_values NONE\nuser_lists NONE\nxuser_lists NONE\nprojects NONE\nxprojects NONE\nusage_scaling NONE\nreport_variables NONE\n' "$HOST" > "$tmp/host"
    qconf -Ae "$tmp/host" >/dev/null
  fi
  if ! qconf -shgrpl 2>/dev/null | grep -qx '@allhosts'; then
    printf 'group_name @allhosts\nhostlist %s\n' "$HOST" > "$tmp/group"; qconf -Ahgrp "$tmp/group" >/dev/null
  fi
  for pe in smp mpi; do
    qconf -spl 2>/dev/null | grep -qx "$pe" && continue
    local rule='$pe_slots'; [ "$pe" = mpi ] && rule='$fill_up'
    printf 'pe_name %s\nslots 999\nuser_lists NONE\nxuser_lists NONE\nstart_proc_args NONE\nstop_proc_args NONE\nallocation_rule %s\ncontrol_slaves FALSE\njob_is_first_task TRUE\nurgency_slots min\naccounting_summary FALSE\nqsort_args NONE\n' "$pe" "$rule" > "$tmp/pe"
    qconf -Ap "$tmp/pe" >/dev/null
  done
  if ! qconf -sc | grep -q '^gpu '; then
    qconf -sc > "$tmp/complex"; echo 'gpu gpu INT <= YES YES 0 0' >> "$tmp/complex"; qconf -Mc "$tmp/complex" >/dev/null
    qconf -mattr exechost complex_values gpu=2 "$HOST" >/dev/null
  fi
  for q in all.q long.q; do
    qconf -sql 2>/dev/null | grep -qx "$q" && continue
    # busy test machines would put the queues in alarm state: no load thresholds
    qconf -sq | sed -e "s/^qname .*/qname $q/" -e 's/^hostlist .*/hostlist @allhosts/' -e 's/^slots .*/slots 4/' \
      -e 's/^pe_list .*/pe_list smp mpi/' -e 's,^shell .*,shell /bin/bash,' -e 's/^load_thresholds .*/load_thresholds NONE/' > "$tmp/queue"
    [ "$q" = long.q ] && sed -i 's/^h_rt .*/h_rt 48:00:00/' "$tmp/queue"
    qconf -Aq "$tmp/queue" >/dev/null
  done
  qconf -ssconf | sed 's/^schedule_interval .*/schedule_interval 0:0:1/' > "$tmp/sched"; qconf -Msconf "$tmp/sched" >/dev/null
  printf '#!/bin/sh\nsed -i -e "s,^mailer .*,mailer /bin/true," "$1"\n' > "$tmp/edit"; chmod +x "$tmp/edit"
  EDITOR="$tmp/edit" qconf -mconf global >/dev/null 2>&1 || true
  rm -rf "$tmp"
  id jcsge >/dev/null 2>&1 || useradd -m -u 1500 -s /bin/bash jcsge
}

start_execd() {
  running "$STATE/execd.pid" && return
  local pidfile
  for pidfile in "$EXEC_SPOOL"/*/execd.pid; do
    if running "$pidfile"; then cp "$pidfile" "$STATE/execd.pid"; return; fi
  done
  # stale pid files would be mistaken for the new daemon's
  rm -f "$EXEC_SPOOL"/*/execd.pid
  /usr/sbin/sge_execd
  for _ in $(seq 60); do ls "$EXEC_SPOOL"/*/execd.pid >/dev/null 2>&1 && break; sleep 0.5; done
  sleep 0.5
  cp "$(ls -t "$EXEC_SPOOL"/*/execd.pid | head -1)" "$STATE/execd.pid"
}

start() {
  [ "$(id -u)" = 0 ] || { echo "cell.sh: run as root" >&2; exit 1; }
  install_packages
  mkdir -p "$STATE" /var/run/gridengine; chown sgeadmin:sgeadmin /var/run/gridengine
  name_the_host
  start_qmaster
  configure
  start_execd
  for _ in $(seq 60); do qstat -f 2>/dev/null | grep -q "all.q@" && break; sleep 0.5; done
  echo "Grid Engine cell up (SGE_ROOT=$SGE_ROOT); submit as jcsge"
}

stop() {
  mkdir -p "$STATE"
  # the daemons' own pid files too: a state file may be missing after an interrupted run
  local pidfile
  for pidfile in "$EXEC_SPOOL"/*/execd.pid "$MASTER_SPOOL/qmaster.pid"; do
    if running "$pidfile"; then
      case "$pidfile" in *execd.pid) cp "$pidfile" "$STATE/execd.pid" ;; *) cp "$pidfile" "$STATE/qmaster.pid" ;; esac
    fi
  done
  for daemon in execd qmaster; do
    if running "$STATE/$daemon.pid"; then
      kill "$(cat "$STATE/$daemon.pid")" 2>/dev/null || true
      for _ in $(seq 20); do running "$STATE/$daemon.pid" || break; sleep 0.5; done
      running "$STATE/$daemon.pid" && kill -9 "$(cat "$STATE/$daemon.pid")" 2>/dev/null || true
    fi
    rm -f "$STATE/$daemon.pid"
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
