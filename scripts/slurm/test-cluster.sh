#!/usr/bin/env bash
# Starts a real single-node Slurm cluster on this machine (Debian slurm-wlm and munge,
# installed when missing; needs root), runs the example sweep as a 4-task job array
# through scripts/slurm/sweep.sbatch, and checks the merged file against a
# single-process run byte for byte, in CSV and in JSON lines. The daemons it started
# are stopped whatever happens.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
spec=${SPEC:-netlists/sweeps/multi-ba-output-impedance.toml}
[ "$(id -u)" -eq 0 ] || { echo "test-cluster: needs root (it starts munged, slurmctld and slurmd)" >&2; exit 1; }

missing=()
for package in slurm-wlm munge; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "test-cluster: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi
[ -x build/hpsim ] || ./scripts/setup.sh

work=$(mktemp -d /tmp/hpsim-slurm.XXXXXX)
munged_pid=""
stop() {
  for daemon in slurmd slurmctld; do
    [ -f "$work/$daemon.pid" ] && kill "$(cat "$work/$daemon.pid")" 2>/dev/null || true
  done
  [ -n "$munged_pid" ] && kill "$munged_pid" 2>/dev/null || true
  sleep 1
  rm -rf "$work"
}
trap stop EXIT

# munge: a key, its directories, and a daemon (one already running is used as it is).
if ! pgrep -x munged > /dev/null; then
  if [ ! -s /etc/munge/munge.key ]; then
    mkdir -p /etc/munge
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
  fi
  mkdir -p /run/munge /var/log/munge /var/lib/munge
  chown munge:munge /etc/munge/munge.key /run/munge /var/log/munge /var/lib/munge
  chmod 400 /etc/munge/munge.key
  runuser -u munge -- munged
  munged_pid=$(pgrep -x munged)
fi

# slurmctld and slurmd, configured in the scratch folder.
mkdir -p "$work/state" "$work/spool" "$work/log" "$work/out"
sed -e "s|SLURM_DIR|$work|g" -e "s|HOST|$(hostname)|g" -e "s|NCPUS|$(nproc)|g" \
  scripts/slurm/slurm.conf.template > "$work/slurm.conf"
export SLURM_CONF=$work/slurm.conf
slurmctld
slurmd
for _ in $(seq 60); do
  sinfo -h -o %t 2>/dev/null | grep -q idle && break
  sleep 1
done
sinfo -h -o %t | grep -q idle || { echo "test-cluster: the node did not come up" >&2; cat "$work"/log/*.log >&2; exit 1; }

status=0
for extension in csv jsonl; do
  sbatch --wait --quiet --array=0-3 --chdir="$root" --output="$work/log/task-%a.$extension.log" \
    scripts/slurm/sweep.sbatch "$spec" "$work/out/cluster.$extension"
  build/hpsim sweep "$spec" --jobs 1 --out "$work/out/single.$extension"
  if cmp "$work/out/cluster.$extension" "$work/out/single.$extension"; then
    echo "test-cluster: 4-task job array, merged $extension = single process, byte for byte ($(wc -l < "$work/out/single.$extension") lines)"
  else
    echo "test-cluster: the merged $extension differs from the single-process run" >&2
    cat "$work"/log/task-*."$extension".log >&2
    status=1
  fi
done
exit $status
