#!/usr/bin/env bash
# A throwaway one-node Slurm cluster on this machine, for the tests that compare jobcheck with
# the real `sbatch --test-only`. Debian/Ubuntu, as root.
#
#   tests/slurm/cluster.sh start   # install munge + Slurm if missing, write a config, start daemons
#   tests/slurm/cluster.sh stop    # stop only the daemons this script started
#
# The node is this host: partitions `debug` (default, MaxTime 1 day) and `gpu` (2 days), two
# fake GPUs `gpu:tesla:2` (backed by /dev/null and /dev/zero; nothing ever opens them).
# It refuses to overwrite a slurm.conf that it did not write.
set -euo pipefail

STATE=/run/jobcheck-slurm
LOGS=/var/log/jobcheck-slurm
CONF=/etc/slurm/slurm.conf
GRES=/etc/slurm/gres.conf
STAMP="# written by jobcheck tests/slurm/cluster.sh"

running() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

stop_one() {
    local pidfile=$1 pid
    [ -s "$pidfile" ] || return 0
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid"
        for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    fi
    rm -f "$pidfile"
}

stop() {
    stop_one "$STATE/slurmd.pid"
    stop_one "$STATE/slurmctld.pid"
    [ "${1:-}" = --keep-munge ] || stop_one "$STATE/munged.pid"
}

install_packages() {
    local missing="" p
    for p in munge slurmctld slurmd slurm-client; do
        dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
    done
    if [ -n "$missing" ]; then
        echo "cluster.sh: installing$missing" >&2
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    fi
}

start_munge() {
    [ -s /etc/munge/munge.key ] || mungekey --create --keyfile=/etc/munge/munge.key
    mkdir -p /run/munge
    chown munge:munge /etc/munge/munge.key /run/munge
    chmod 400 /etc/munge/munge.key
    if ! munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1; then
        runuser -u munge -- /usr/sbin/munged --force
        for _ in $(seq 20); do [ -s /run/munge/munged.pid ] && break; sleep 0.2; done
        cp /run/munge/munged.pid "$STATE/munged.pid"
    fi
}

write_config() {
    local node=$1 hardware
    if [ -f "$CONF" ] && ! grep -q "^$STAMP" "$CONF"; then
        echo "cluster.sh: $CONF was not written by this script; leaving it alone" >&2
        exit 1
    fi
    # CPUs, sockets, cores and memory as slurmd detects them on this machine
    hardware=$(slurmd -C | head -1 | sed "s/^NodeName=[^ ]*//")
    cat > "$CONF.new" <<CONFIG
$STAMP
ClusterName=jobcheck
SlurmctldHost=$node(127.0.0.1)
SlurmUser=root
AuthType=auth/munge
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=$STATE/slurmctld.pid
SlurmdPidFile=$STATE/slurmd.pid
SlurmctldLogFile=$LOGS/slurmctld.log
SlurmdLogFile=$LOGS/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
MailProg=/bin/true
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
GresTypes=gpu
NodeName=$node NodeAddr=127.0.0.1 $hardware Gres=gpu:tesla:2 State=UNKNOWN
PartitionName=debug Nodes=$node Default=YES MaxTime=1-00:00:00 State=UP
PartitionName=gpu Nodes=$node MaxTime=2-00:00:00 State=UP
CONFIG
    printf '%s\nNodeName=%s Name=gpu Type=tesla File=/dev/null\nNodeName=%s Name=gpu Type=tesla File=/dev/zero\n' \
        "$STAMP" "$node" "$node" > "$GRES.new"
    if cmp -s "$CONF.new" "$CONF" && cmp -s "$GRES.new" "$GRES"; then
        rm -f "$CONF.new" "$GRES.new"
    else
        mv "$CONF.new" "$CONF"
        mv "$GRES.new" "$GRES"
        stop --keep-munge   # daemons started with the old config must pick up the new one
    fi
}

start() {
    [ "$(id -u)" = 0 ] || { echo "cluster.sh: run as root" >&2; exit 1; }
    local node state
    node=$(hostname -s)
    install_packages
    mkdir -p "$STATE" "$LOGS" /var/spool/slurmctld /var/spool/slurmd /etc/slurm
    start_munge
    write_config "$node"
    running "$STATE/slurmctld.pid" || slurmctld -f "$CONF"
    for _ in $(seq 30); do scontrol ping 2>/dev/null | grep -q UP && break; sleep 1; done
    running "$STATE/slurmd.pid" || slurmd -f "$CONF"
    for _ in $(seq 30); do
        # %t is the short state; a trailing `*` means the node is not responding yet
        state=$(sinfo -h -n "$node" -o %t 2>/dev/null | head -1)
        case "$state" in
            *\*) ;;
            idle|mix|alloc) sinfo; return 0 ;;
            down*|drain*) scontrol update NodeName="$node" State=RESUME 2>/dev/null || true ;;
        esac
        sleep 1
    done
    echo "cluster.sh: the node did not come up; see $LOGS" >&2
    sinfo >&2 || true
    exit 1
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
