#!/usr/bin/env bash
# Speed of hpsim against ngspice, whole process against whole process, in one run:
#  1. the reference rig (../shared/bench/reference-rig.cir) swept over 200,022 frequencies;
#  2. an RC driven by a pulse train for 1,000,000 time steps;
#  3. a deck sweep: the reference rig with its output impedance and cable resistance as
#     .param values, 25 x 40 = 1,000 steps of a 121-point .ac, through `hpsim run` against
#     the same 1,000 decks loaded one by one into libngspice (build/ngspice_step_decks;
#     ngspice has no .step); and the same written to disk, as CSV and as binary raw;
#  4. RC meshes of N x N nodes (scripts/rc-mesh.sh: .op and a 5-point .ac), 100 x 100
#     against ngspice, 200 x 200 and 300 x 300 for hpsim alone (ngspice needs minutes),
#     with each run's peak memory (maximum resident set, from /usr/bin/time);
#  5. a rig sweep: 1,000 variants of the player rig (25 cable lengths x 20 output
#     impedances x 2 modes, every compare measurement) with --jobs 1 and --jobs 2,
#     against a shell loop of hpsim compare over the first 100 of the same variants.
# SECTIONS="ac tran steps mesh sweep" (the default) chooses what runs.
# ngspice runs in batch mode with a .control block that says "run" (without one,
# ngspice -b simulates nothing). Each command runs REPEATS times; the best time counts.
set -euo pipefail
export LC_ALL=C  # decimal points in $EPOCHREALTIME and awk, whatever the locale
cd "$(dirname "$0")/.."
repeats=${REPEATS:-3}
sections=" ${SECTIONS:-ac tran steps mesh sweep} "
wants() { [[ "$sections" == *" $1 "* ]]; }
reference=${REFERENCE_RIG:-../shared/bench/reference-rig.cir}
hpsim=${HPSIM:-build/hpsim}  # another build to compare: HPSIM=path/to/hpsim
ngspice_steps=${NGSPICE_STEPS:-build/ngspice_step_decks}
[ -x "$hpsim" ] || ./scripts/setup.sh
command -v ngspice > /dev/null || { echo "bench: ngspice is not installed (run scripts/setup.sh)"; exit 1; }
! wants steps || [ -x "$ngspice_steps" ] || { echo "bench: $ngspice_steps is not built (cmake --build build)"; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is not installed (run scripts/setup.sh)"; exit 1; }
[ -f "$reference" ] || { echo "bench: $reference not found"; exit 1; }


work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

best_seconds() {  # best wall time of "$@" over $repeats runs; its output goes to $work/last.log
  # Bash's own clock ($EPOCHREALTIME): no process of its own inside the timed span
  # (a $(date) around the command adds about a millisecond to every measurement).
  local best="" start end
  for _ in $(seq "$repeats"); do
    start=$EPOCHREALTIME
    "$@" > "$work/last.log" 2>&1 || true  # ngspice -b exits 1 even after a good run
    end=$EPOCHREALTIME
    best=$(awk -v s="$start" -v e="$end" -v b="$best" 'BEGIN { t = e - s; print (b == "" || t < b) ? t : b }')
  done
  echo "$best"
}

best_run() {  # like best_seconds, but timed by /usr/bin/time: prints "seconds peak_kilobytes" of the best run
  local best="" best_kb="" seconds kilobytes
  for _ in $(seq "$repeats"); do
    /usr/bin/time -f '%e %M' -o "$work/time.txt" "$@" > "$work/last.log" 2>&1 || true
    read -r seconds kilobytes < <(tail -1 "$work/time.txt")
    if [ -z "$best" ] || awk -v t="$seconds" -v b="$best" 'BEGIN { exit !(t < b) }'; then
      best=$seconds best_kb=$kilobytes
    fi
  done
  echo "$best $best_kb"
}

expect_rows() {  # program rows: fail unless the last run produced that many points
  if [ "$1" = hpsim ]; then grep -Eq "^  (ac|tran) +$2 points" "$work/last.log"
  else grep -q "No. of Data Rows : $2" "$work/last.log"; fi || { echo "bench: $1 did not produce $2 points:" >&2; tail -5 "$work/last.log" >&2; exit 1; }
}

with_control() {  # deck for ngspice -b: the same cards plus a control block that runs them
  grep -iv '^\.end *$' "$1"
  printf '.control\nrun\n.endc\n.end\n'
}

report() {  # name points hpsim_seconds ngspice_seconds
  awk -v name="$1" -v points="$2" -v h="$3" -v n="$4" 'BEGIN {
    printf "%-34s %9d points  hpsim %8.3f s (%7.3f us/point)  ngspice %8.3f s (%7.3f us/point)  ngspice/hpsim %6.1fx\n",
      name, points, h, h / points * 1e6, n, n / points * 1e6, n / h }'
}

if wants ac; then
  # 1. AC: 50,000 points per decade from 10 Hz to 100 kHz.
  sed -E 's/^\.ac .*/.ac dec 50000 10 100k/I' "$reference" > "$work/ac.cir"
  with_control "$work/ac.cir" > "$work/ac-ngspice.cir"
  ac_points=200022  # ngspice's rule: while f <= fstop (1 + 1e-3 ratio)
  hpsim_ac=$(best_seconds "$hpsim" run "$work/ac.cir"); expect_rows hpsim $ac_points
  ngspice_ac=$(best_seconds ngspice -b "$work/ac-ngspice.cir"); expect_rows ngspice $ac_points
fi

if wants tran; then
  # 2. Transient: 1 ns steps for 1 ms (largest step 1 ns for both) = 1,000,000 steps.
  cat > "$work/tran.cir" <<'DECK'
RC driven by a 1 MHz pulse train
V1 in 0 PULSE(0 1 0 10n 10n 490n 1u)
R1 in out 1k
C1 out 0 100p
.tran 1n 1m 0 1n
.end
DECK
  with_control "$work/tran.cir" > "$work/tran-ngspice.cir"
  tran_points=1000000
  hpsim_tran=$(best_seconds "$hpsim" run "$work/tran.cir"); expect_rows hpsim 1000001
  ngspice_tran=$(best_seconds ngspice -b "$work/tran-ngspice.cir")
fi

if wants steps; then
  # 3. Deck sweep: Ro (both channels) and the three cable conductors' R become parameters.
  sed -E -e 's/^(Ro[LR] [^ ]+ [^ ]+) .*/\1 {rout}/' -e 's/^(Rc[LRG] [^ ]+ [^ ]+) .*/\1 {rcable}/' \
      -e 's/^\.ac .*/.ac dec 40 20 20k/I' -e '/^\.end *$/Id' "$reference" > "$work/steps.cir"
  printf '.param rout=0.5 rcable=0.2\n.step param rcable 0.05 1.25 0.05\n.step param rout 0.1 4 0.1\n.end\n' >> "$work/steps.cir"
  [ "$(grep -c '{rout}' "$work/steps.cir")" = 2 ] && [ "$(grep -c '{rcable}' "$work/steps.cir")" = 3 ] ||
    { echo "bench: $reference no longer has RoL/RoR and RcL/RcR/RcG to step" >&2; exit 1; }
  step_points=121000  # 1,000 steps of 121 frequencies
  hpsim_steps=$(best_seconds "$hpsim" run "$work/steps.cir"); expect_rows hpsim $step_points
  # The same, written: 1,000 x 121 rows as CSV (about 120 MB), and as ngspice's binary raw.
  hpsim_steps_csv=$(best_seconds "$hpsim" run "$work/steps.cir" --out "$work/steps-csv"); expect_rows hpsim $step_points
  hpsim_steps_raw=$(best_seconds "$hpsim" run "$work/steps.cir" --format raw --out "$work/steps-raw"); expect_rows hpsim $step_points
  steps_csv_mb=$(du -sm "$work/steps-csv" | cut -f1); steps_raw_mb=$(du -sm "$work/steps-raw" | cut -f1)
  rm -rf "$work/steps-csv" "$work/steps-raw"
  ngspice_steps_s=$(best_seconds "$ngspice_steps" "$work/steps.cir")
  grep -q "1000 variants, $step_points points" "$work/last.log" || { echo "bench: ngspice_step_decks failed:" >&2; cat "$work/last.log" >&2; exit 1; }
  ngspice_per_variant=$(sed -E 's/.* ([0-9.]+) ms per variant/\1/' "$work/last.log")
fi

declare -A mesh_hpsim mesh_ngspice
if wants mesh; then
  # 4. RC meshes: N^2 nodes, about 3 N^2 elements.
  mesh_sizes=${MESH_SIZES:-"100 200 300"}
  mesh_against_ngspice=100
  for n in $mesh_sizes; do
    scripts/rc-mesh.sh "$n" > "$work/mesh$n.cir"
    mesh_hpsim[$n]=$(best_run "$hpsim" run "$work/mesh$n.cir"); expect_rows hpsim 5
    if [ "$n" = "$mesh_against_ngspice" ]; then
      with_control "$work/mesh$n.cir" > "$work/mesh$n-ngspice.cir"
      mesh_ngspice[$n]=$(best_run ngspice -b "$work/mesh$n-ngspice.cir"); expect_rows ngspice 5
    fi
  done
fi

# 5. Rig sweep against a loop of compare.
if wants sweep; then
  rig=$PWD/netlists/rigs/player-se-vs-balanced-hd600.toml
  cat > "$work/sweep.toml" <<SPEC
rig = "$rig"
modes = ["single-ended", "balanced"]
[[axis]]
figure = "cable.length_m"
lin = { from = 0.5, to = 3, points = 25 }
[[axis]]
figure = "amplifier.output_impedance_ohm"
log = { from = 0.1, to = 100, points = 20 }
SPEC
  sweep_variants=1000
  sweep_one=$(best_seconds "$hpsim" sweep "$work/sweep.toml" --jobs 1 --out "$work/sweep1.csv")
  sweep_two=$(best_seconds "$hpsim" sweep "$work/sweep.toml" --jobs 2 --out "$work/sweep2.csv")
  [ "$(wc -l < "$work/sweep1.csv")" -eq $((sweep_variants + 1)) ] || { echo "bench: the sweep did not write $sweep_variants rows" >&2; exit 1; }
  cmp -s "$work/sweep1.csv" "$work/sweep2.csv" || { echo "bench: --jobs 2 wrote other rows than --jobs 1" >&2; exit 1; }
  # The same variants, one rig file and one hpsim compare each (the first 100).
  loop_variants=100
  mkdir -p "$work/loop"
  awk -v n="$loop_variants" 'BEGIN { for (v = 0; v < n; ++v) {
      i = int(v / 40); j = int(v / 2) % 20; mode = v % 2 ? "balanced" : "single-ended"
      printf "%d %.17g %.17g %s\n", v, 0.5 + 2.5 * i / 24, 0.1 * 1000 ^ (j / 19), mode } }' |
    while read -r v length impedance mode; do
      printf '[amplifier]\nmodel = "portable-player"\nmode = "%s"\noutput_impedance_ohm = %s\n[cable]\nmodel = "headphone-modular-4wire-24awg"\nlength_m = %s\nplug = { single-ended = "trs-3.5", balanced = "trrrs-4.4" }\n[headphone]\nmodel = "hd600-class"\n' \
        "$mode" "$impedance" "$length" > "$work/loop/$v.toml"
    done
  compare_loop() { for f in "$work"/loop/*.toml; do "$hpsim" compare "$f" --format json > /dev/null || return 1; done; }
  loop_seconds=$(best_seconds compare_loop)
fi

mesh_report() {  # n "hpsim_seconds hpsim_kb" ["ngspice_seconds ngspice_kb"]
  awk -v n="$1" -v h="$2" -v g="${3:-}" 'BEGIN {
    split(h, hs, " "); line = sprintf("%-34s %9d nodes   hpsim %8.2f s %6.0f MB", "RC mesh " n " x " n ", .op + 5-point .ac", n * n, hs[1], hs[2] / 1024)
    if (g != "") { split(g, gs, " "); line = line sprintf("   ngspice %8.2f s %6.0f MB   ngspice/hpsim %6.1fx", gs[1], gs[2] / 1024, gs[1] / hs[1]) }
    print line }'
}

echo "hpsim vs ngspice, whole process, best of $repeats (machine: $(nproc) cores)"
wants ac && report "reference rig, .ac 200,022 points" "$ac_points" "$hpsim_ac" "$ngspice_ac"
wants tran && report "RC pulse train, .tran 1e6 steps" "$tran_points" "$hpsim_tran" "$ngspice_tran"
if wants steps; then
  awk -v h="$hpsim_steps" -v n="$ngspice_steps_s" -v v="$ngspice_per_variant" 'BEGIN {
    printf "%-34s %9d steps   hpsim %8.3f s (%7.1f us/step)   ngspice %8.3f s (%7.1f us/variant, %.3f ms in libngspice)  ngspice/hpsim %6.1fx\n",
      "deck sweep, .step 25 x 40, 121-pt .ac", 1000, h, h * 1e3, n, n * 1e3, v, n / h }'
  awk -v c="$hpsim_steps_csv" -v r="$hpsim_steps_raw" -v n="$ngspice_steps_s" -v cm="$steps_csv_mb" -v rm="$steps_raw_mb" 'BEGIN {
    printf "%-34s %9d steps   --out CSV %6.3f s (%d MB)  ngspice/hpsim %5.1fx   --format raw %6.3f s (%d MB)  ngspice/hpsim %5.1fx\n",
      "the same, written to disk", 1000, c, cm, n / c, r, rm, n / r }'
fi
if wants mesh; then for n in $mesh_sizes; do mesh_report "$n" "${mesh_hpsim[$n]}" "${mesh_ngspice[$n]:-}"; done; fi
if wants sweep; then
  awk -v n="$sweep_variants" -v one="$sweep_one" -v two="$sweep_two" -v loop="$loop_seconds" -v ln="$loop_variants" 'BEGIN {
    printf "%-34s %9d variants hpsim sweep --jobs 1 %6.2f s (%5.0f/s)  --jobs 2 %6.2f s (%5.0f/s)  jobs 2/1 %4.2fx\n", "rig sweep, every compare figure", n, one, n / one, two, n / two, one / two
    printf "%-34s %9d variants hpsim compare loop %6.3f s/variant  sweep --jobs 2 %6.3f ms/variant  loop/sweep %6.1fx\n", "the same, one compare per variant", ln, loop / ln, two / n * 1000, (loop / ln) / (two / n) }'
fi
