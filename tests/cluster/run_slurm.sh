#!/usr/bin/env bash
# A real SLURM run of the pipeline: installs Debian's slurm-wlm and munge when missing, starts a
# one-node cluster on localhost (munged, slurmctld, slurmd), runs the seed corpus through
# `snakemake --workflow-profile workflow/profiles/slurm` in a copy of the project, and checks that
# every table is byte-identical to a local run of the same copy. Needs root (as CI and developers
# are here). Usage: tests/cluster/run_slurm.sh [python]   (python with govtopics installed)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PYTHON="${1:-$ROOT/.venv/bin/python}"
# absolute, since the runs happen in another folder (not realpath: it would leave the venv's symlink)
PYTHON="$(cd "$(dirname "$PYTHON")" && pwd)/$(basename "$PYTHON")"
WORK="$(mktemp -d /tmp/govtopics-slurm.XXXXXX)"
ETC=/etc/slurm

"$PYTHON" -m pip install -q -e "$ROOT[slurm]"  # the executor plugin, an extra of the project
if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
fi

cleanup() {
  pkill -x slurmd 2>/dev/null || true
  pkill -x slurmctld 2>/dev/null || true
  pkill -x munged 2>/dev/null || true
}
trap cleanup EXIT
cleanup

# munge: a key shared by controller and node (here one machine)
mkdir -p /etc/munge /var/lib/munge /var/log/munge /run/munge
[ -s /etc/munge/munge.key ] || dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key status=none
chown -R munge:munge /etc/munge /var/lib/munge /var/log/munge /run/munge 2>/dev/null || true
chmod 0700 /etc/munge && chmod 0400 /etc/munge/munge.key
if id munge >/dev/null 2>&1; then runuser -u munge -- munged --force; else munged --force; fi

HOST="$(hostname -s)"
MEMORY=$(( $(awk '/MemTotal/ {print int($2/1024)}' /proc/meminfo) - 2000 ))
mkdir -p "$ETC" /var/spool/slurmctld /var/spool/slurmd /var/log/slurm
cat > "$ETC/slurm.conf" <<CONF
ClusterName=govtopics-test
SlurmctldHost=$HOST(127.0.0.1)
SlurmUser=root
AuthType=auth/munge
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SchedulerType=sched/backfill
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
MpiDefault=none
ReturnToService=2
MinJobAge=3600
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=$MEMORY State=UNKNOWN
PartitionName=main Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
CONF
slurmctld
slurmd
for _ in $(seq 1 60); do
  sinfo -h -o %T 2>/dev/null | grep -q idle && break
  sleep 1
done
sinfo

# the same copy, once locally and once on the cluster
for name in Snakefile workflow config resources; do cp -r "$ROOT/$name" "$WORK/"; done
cd "$WORK"
"$PYTHON" -m snakemake --cores 2 --quiet > local.log 2>&1
mkdir local && mv results local/results
"$PYTHON" -m snakemake --workflow-profile workflow/profiles/slurm --slurm-no-account \
  --slurm-status-command squeue --slurm-init-seconds-before-status-checks 2 --seconds-between-status-checks 2 \
  --jobs 4 > slurm.log 2>&1 \
  || { tail -40 slurm.log; tail -20 /var/log/slurm/slurmctld.log; exit 1; }
submitted=$(grep -c "Job .* has been submitted with SLURM jobid" slurm.log || true)
echo "jobs submitted to SLURM: $submitted"
[ "$submitted" -gt 10 ] || { echo "FAIL: the jobs did not go through SLURM"; exit 1; }
different=0
while IFS= read -r table; do
  cmp -s "local/$table" "$table" || { echo "differs: $table"; different=$((different + 1)); }
done < <(cd local && find results -name '*.csv' -o -name '*.jsonl' -o -name '*.txt' | sort)
tables=$(cd local && find results -name '*.csv' -o -name '*.jsonl' -o -name '*.txt' | wc -l)
[ "$different" -eq 0 ] || { echo "FAIL: $different of $tables tables differ between the local and the SLURM run"; exit 1; }
echo "SLURM run: $tables tables byte-identical to the local run"
echo "1 passed, 0 failed"
