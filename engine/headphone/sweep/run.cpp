#include "headphone/sweep/run.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

#include "headphone/compiler.hpp"
#include "headphone/report.hpp"
#include "headphone/rig.hpp"

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

void run_sweep(const Spec& spec, const Catalog& catalog, Format format, const RunOptions& options,
               const std::function<void(const std::string&)>& write) {
    const VariantSpace space(spec);
    const std::size_t total = options.shard.size_of(space.size());
    const unsigned jobs = std::max(1u, options.jobs);
    // A block is what the threads share between two writes: large enough to keep them
    // busy, small enough that memory stays flat and a killed run loses little.
    const std::size_t block = 64 * jobs;
    std::vector<MeasuringBench> benches(jobs);
    std::vector<std::string> lines(block);

    for (std::size_t first = std::min(options.first_position, total); first < total; first += block) {
        const std::size_t count = std::min(block, total - first);
        std::atomic<std::size_t> next{0};
        std::exception_ptr failure;
        std::mutex failure_mutex;
        auto work = [&](unsigned worker) {
            try {
                for (std::size_t i; (i = next.fetch_add(1)) < count;) {
                    const Row row = run_variant(spec, catalog, space.at(options.shard.variant_at(first + i)), benches[worker]);
                    lines[i] = format == Format::csv ? csv_row(row) : jsonl_row(spec, row);
                }
            } catch (...) {
                const std::lock_guard lock(failure_mutex);
                if (!failure) failure = std::current_exception();
                next = count;  // the others stop at their next variant
            }
        };
        if (jobs == 1 || count == 1) {
            work(0);
        } else {
            std::vector<std::jthread> threads;
            for (unsigned worker = 1; worker < jobs; ++worker) threads.emplace_back(work, worker);
            work(0);
        }  // the threads join here
        if (failure) std::rethrow_exception(failure);
        for (std::size_t i = 0; i < count; ++i) write(lines[i]);
        if (options.progress) options.progress(first + count, total);
    }
}

}  // namespace hpsim::headphone::sweep
