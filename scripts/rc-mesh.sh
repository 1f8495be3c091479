#!/usr/bin/env bash
# Prints an N x N RC mesh deck: 1 kOhm between grid neighbours, 1 nF from every node
# to ground, driven at one corner through 10 Ohm, loaded at the far corner; .op and a
# 5-point .ac. N x N nodes, about 3 N^2 elements.   usage: rc-mesh.sh N
set -euo pipefail
n=${1:?usage: rc-mesh.sh N}
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "rc-mesh.sh: N must be a positive integer" >&2; exit 2; }
awk -v n="$n" 'BEGIN {
  printf "RC mesh %d x %d\nV1 in 0 DC 1 AC 1\nRin in n0_0 10\n", n, n
  for (row = 0; row < n; ++row)
    for (column = 0; column < n; ++column) {
      if (column + 1 < n) printf "Rh%d_%d n%d_%d n%d_%d 1k\n", row, column, row, column, row, column + 1
      if (row + 1 < n) printf "Rv%d_%d n%d_%d n%d_%d 1k\n", row, column, row, column, row + 1, column
      printf "C%d_%d n%d_%d 0 1n\n", row, column, row, column
    }
  printf "Rfar n%d_%d 0 1k\n.op\n.ac dec 1 10 100k\n.end\n", n - 1, n - 1
}'
