#!/usr/bin/env bash
# Fuzzes hpsim's readers with libFuzzer under AddressSanitizer and UndefinedBehavior-
# Sanitizer (clang, into build-fuzz/): every target in tests/fuzz/main/ runs for
# FUZZ_SECONDS (default 60) from seeds copied out of netlists/ and models/, with the
# SPICE/TOML dictionary and a per-input time limit. A crash, leak, hang or undefined
# behaviour fails the run, and its input is copied into tests/fuzz/regressions/<target>/
# (replayed by the normal test suite from then on).   usage: fuzz.sh [target...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
per_input_seconds=${FUZZ_TIMEOUT:-10}
jobs=${JOBS:-$(nproc)}

packages=(clang libclang-rt-14-dev)  # clang 14 and its sanitizer and libFuzzer runtimes
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "fuzz: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g -O1"
cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DHPSIM_FUZZ=ON -DHPSIM_STATIC_LIBRARIES=OFF -DHPSIM_PYTHON=OFF \
  -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_CXX_FLAGS_DEBUG="" -DCMAKE_CXX_FLAGS="$flags" > /dev/null

# Seeds per target: the example files a reader of that kind takes.
seeds_of() {
  case "$1" in
    deck) find netlists/decks tests/data -name '*.cir' -o -name '*.inc' ;;
    rig) find netlists/rigs -name '*.toml' ;;
    catalog) find models -name '*.toml' ;;
    sweep) find netlists/sweeps -name '*.toml' ;;
    *) echo "fuzz: no seeds for target '$1' (add them in scripts/fuzz.sh)" >&2; return 1 ;;
  esac
}

targets=("$@")
if ((${#targets[@]} == 0)); then
  for main in tests/fuzz/main/fuzz_*.cpp; do targets+=("$(basename "$main" .cpp | sed 's/^fuzz_//')"); done
fi
cmake --build build-fuzz -j "$jobs" --target "${targets[@]/#/fuzz_}"

export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=()
for target in "${targets[@]}"; do
  corpus="$work/$target/corpus" findings="$work/$target/findings"
  mkdir -p "$corpus" "$findings"
  seeds_of "$target" | while read -r seed; do cp "$seed" "$corpus/$(echo "$seed" | tr / _)"; done
  cp tests/fuzz/regressions/"$target"/* "$corpus"/ 2> /dev/null || true
  rm -f "$corpus/README"
  echo "fuzz: $target for ${seconds} s"
  status=0
  (cd "$findings" && "$OLDPWD/build-fuzz/tests/fuzz/fuzz_$target" "$corpus" \
      -dict="$OLDPWD/tests/fuzz/spice-toml.dict" -max_total_time="$seconds" -timeout="$per_input_seconds" \
      -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 -artifact_prefix="$findings/") \
    > "$work/$target.log" 2>&1 || status=$?
  grep -E '^stat::number_of_executed_units|^#[0-9]+ *DONE' "$work/$target.log" | sed "s/^/fuzz: $target: /" || true
  found=$(find "$findings" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) )
  if ((status != 0)) || [ -n "$found" ]; then
    failed+=("$target")
    tail -60 "$work/$target.log"
    for input in $found; do
      cp "$input" "tests/fuzz/regressions/$target/"
      echo "fuzz: $target: kept $(basename "$input") in tests/fuzz/regressions/$target/"
    done
  fi
done
if ((${#failed[@]})); then
  echo "fuzz: FAILED: ${failed[*]}"
  exit 1
fi
echo "fuzz: no findings in ${targets[*]}"
