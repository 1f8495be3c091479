#!/usr/bin/env bash
# Prints the impedance of a known network as a .zma file (frequency Hz, |Z| Ohm, phase
# degrees): a synthetic "measurement" for examples and tests. The deck drives 1 A into
# node "plus" (the network's other end at ground) with an .ac analysis, so that v(plus)
# is the impedance; it runs through hpsim.   usage: synthetic-impedance.sh DECK
# (HPSIM=path selects the executable; default build/hpsim)
set -euo pipefail
deck=${1:?usage: synthetic-impedance.sh DECK}
hpsim=${HPSIM:-$(dirname "$0")/../build/hpsim}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$hpsim" run "$deck" --out "$out" >/dev/null
title=$(head -n 1 "$deck")
awk -F, -v deck="$(basename "$deck")" -v title="$title" '
NR == 1 {
  for (i = 1; i <= NF; ++i) { if ($i == "v(plus).re") re = i; if ($i == "v(plus).im") im = i }
  if (!re || !im) { print "synthetic-impedance.sh: the deck has no node plus" > "/dev/stderr"; exit 1 }
  printf "* %s\n* Synthetic: computed by hpsim from %s (1 A into plus), not measured.\n", title, deck
  printf "Freq(Hz) Magnitude(Ohm) Phase(degrees)\n"
  next
}
{ printf "%.9g %.9g %.9g\n", $1, sqrt($re * $re + $im * $im), atan2($im, $re) * 45 / atan2(1, 1) }' "$out/ac.csv"
