#include "headphone/sweep/run.hpp"

#include <algorithm>

#include "headphone/compiler.hpp"
#include "headphone/hazards.hpp"
#include "headphone/rig.hpp"
#include "sim/ordered_parallel.hpp"

namespace hpsim::headphone::sweep {

Row run_variant(const Spec& spec, const Catalog& catalog, const Variant& variant, MeasuringBench& bench) {
    Row row;
    row.variant = variant.index;
    toml::table document = spec.rig_document;
    for (std::size_t a = 0; a < spec.axes.size(); ++a) {
        row.axis_values.push_back(spec.axes[a].values[variant.value_of_axis[a]]);
        set_figure(document, spec.axes[a].figure, row.axis_values.back());
    }
    const toml::value<std::string>* written_mode = document["amplifier"]["mode"].as_string();
    row.mode = variant.mode ? *variant.mode : written_mode ? written_mode->get() : "single-ended";
    try {
        const Rig rig = load_rig_document(document, spec.rig_path, catalog, variant.mode);
        // Parametric: variants that differ only in figures share one netlist text, read once.
        const CompiledRig compiled = compile_rig(rig, {.parametric = true});
        Measurements measurements = bench.measure(rig, compiled, spec.level_vrms, nullptr);
        measurements.hazards = assess_hazards(measurements, spec.level_vrms);
        row.mode = measurements.mode;
        for (Figure& figure : variant_figures(measurements))
            if (figure.path != "mode") row.figures.push_back(std::move(figure));
        row.hazards = std::move(measurements.hazards);
    } catch (const DeckError& error) {
        row.error = error.message();
    }
    return row;
}

namespace {

// Every variant of the shard on the threads; `make` turns a row into what the writing
// thread takes (on the thread that measured it), `take` receives them in order.
template <class Made, class Make, class Take>
void run_variants(const Spec& spec, const Catalog& catalog, const RunOptions& options, Make&& make, Take&& take) {
    const VariantSpace space(spec);
    const std::size_t total = options.shard.size_of(space.size());
    const std::size_t first = std::min(options.first_position, total);
    const unsigned jobs = std::max(1u, options.jobs);
    std::vector<MeasuringBench> benches(jobs);
    // Progress (and the flush that makes rows survive a kill) every block of rows.
    const std::size_t block = 64 * static_cast<std::size_t>(jobs);
    // The threads take a few variants at a time: one wake-up of the writing thread per
    // group rather than per row.
    const std::size_t remaining = total - first;
    const std::size_t group = std::clamp<std::size_t>(remaining / (16 * std::size_t{jobs}), 1, 8);
    sim::ordered_parallel<std::vector<Made>>(
        (remaining + group - 1) / group, jobs, 4 * static_cast<std::size_t>(jobs),
        [&](unsigned worker, std::size_t g) {
            std::vector<Made> made;
            for (std::size_t i = g * group; i < std::min(remaining, (g + 1) * group); ++i)
                made.push_back(make(run_variant(spec, catalog, space.at(options.shard.variant_at(first + i)), benches[worker])));
            return made;
        },
        [&](std::size_t g, std::vector<Made>&& made) {
            for (std::size_t k = 0; k < made.size(); ++k) {
                take(std::move(made[k]));
                const std::size_t done = first + g * group + k + 1;
                if (options.progress && (done % block == 0 || done == total)) options.progress(done, total);
            }
        });
}

}  // namespace

void run_sweep(const Spec& spec, const Catalog& catalog, Format format, const RunOptions& options,
               const std::function<void(const std::string&)>& write) {
    run_variants<std::string>(
        spec, catalog, options, [&](const Row& row) { return format == Format::csv ? csv_row(row) : jsonl_row(spec, row); },
        [&](std::string&& line) { write(line); });
}

void run_sweep_rows(const Spec& spec, const Catalog& catalog, const RunOptions& options, const std::function<void(Row&&)>& take,
                    const std::function<void(Row&)>& prepare) {
    run_variants<Row>(
        spec, catalog, options,
        [&](Row&& row) {
            if (prepare) prepare(row);
            return std::move(row);
        },
        take);
}

}  // namespace hpsim::headphone::sweep
