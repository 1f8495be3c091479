#pragma once
// Runs a sweep: every variant of this shard, measured as compare measures a rig, on
// `jobs` threads (one MeasuringBench each, so that a variant of a topology seen
// before only restamps values). Rows reach the sink in variant order as they finish,
// a few per thread held at most: memory stays flat however many variants there are.
#include <cstddef>
#include <functional>
#include <string>

#include "headphone/catalog.hpp"
#include "headphone/sweep/rows.hpp"
#include "headphone/sweep/variants.hpp"

namespace hpsim::headphone::sweep {

struct RunOptions {
    unsigned jobs = 1;
    Shard shard;
    std::size_t first_position = 0;  // of this shard's variants: where a resumed run goes on
    // Called every few hundred rows (and after the last) with this shard's variants done
    // and in all.
    std::function<void(std::size_t done, std::size_t total)> progress;
};

// One variant, alone (what compare would print for the rig with these figures).
Row run_variant(const Spec& spec, const Catalog& catalog, const Variant& variant, MeasuringBench& bench);

// `write` receives each row's text (CSV or JSON line) in order. Throws what a
// variant throws other than a DeckError (which becomes the row's error).
void run_sweep(const Spec& spec, const Catalog& catalog, Format format, const RunOptions& options,
               const std::function<void(const std::string&)>& write);
// The same rows as they are, in order, for a caller that keeps its own table of them.
// `prepare`, when given, runs on the thread that measured each row, before `take`.
void run_sweep_rows(const Spec& spec, const Catalog& catalog, const RunOptions& options, const std::function<void(Row&&)>& take,
                    const std::function<void(Row&)>& prepare = {});

}  // namespace hpsim::headphone::sweep
