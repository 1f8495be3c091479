#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <optional>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "commands.hpp"
#include "headphone/sweep/merge.hpp"
#include "headphone/sweep/output.hpp"
#include "headphone/sweep/run.hpp"
#include "io/progress_bar.hpp"
#include "report/sweep_report.hpp"

namespace hpsim::cli {
namespace {

namespace sweep = headphone::sweep;

// K/N, digits only, 1 <= K <= N <= a billion (no sweep has more variants).
std::optional<sweep::Shard> parse_shard(const std::string& text) {
    const std::size_t slash = text.find('/');
    auto whole = [](const std::string& digits) -> std::optional<std::size_t> {
        if (digits.empty() || digits.size() > 10 || digits.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
        return std::stoull(digits);
    };
    if (slash == std::string::npos) return std::nullopt;
    const auto k = whole(text.substr(0, slash)), n = whole(text.substr(slash + 1));
    if (!k || !n || *k < 1 || *k > *n || *n > 1'000'000'000) return std::nullopt;
    return sweep::Shard{*k, *n};
}

}  // namespace

int sweep_command(const Arguments& arguments) {
    namespace po = boost::program_options;
    unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
    po::options_description options("hpsim sweep SPEC.toml [--out FILE.csv|FILE.jsonl] [--jobs N] [--shard K/N] [--resume] [--report DIR]");
    options.add_options()("help,h", "show this help")(
        "out,o", po::value<std::string>(), "write the rows to FILE (.csv or .jsonl); without it, CSV on standard output")(
        "jobs,j", po::value<unsigned>(&jobs), "threads (default: one per processor)")(
        "shard", po::value<std::string>(), "run only every N-th variant, starting with variant K-1 (K = 1..N); 'hpsim merge' joins the parts")(
        "resume", "go on from where a stopped run left FILE.partial")(
        "report", po::value<std::string>(), "also write a plotted report of the rows (as hpsim report FILE.csv) into DIR")(
        "spec", po::value<std::string>(), "the sweep specification (TOML)");
    po::positional_options_description positional;
    positional.add("spec", 1);
    po::variables_map values;
    if (const auto stop = parse_options("sweep", arguments, options, positional, values)) return *stop;
    if (!values.count("spec")) return usage_error("sweep", "no spec given");
    if (jobs < 1 || jobs > 1024) return usage_error("sweep", "--jobs is 1 to 1024");
    sweep::Shard shard;
    if (values.count("shard")) {
        const auto parsed = parse_shard(values["shard"].as<std::string>());
        if (!parsed) return usage_error("sweep", "--shard is K/N with 1 <= K <= N, e.g. --shard 2/4");
        shard = *parsed;
    }
    const bool resume = values.count("resume") > 0;
    sweep::Format format = sweep::Format::csv;
    std::optional<std::filesystem::path> out;
    if (values.count("out")) {
        out = values["out"].as<std::string>();
        const std::string extension = out->extension().string();
        if (extension == ".jsonl") format = sweep::Format::jsonl;
        else if (extension != ".csv") return usage_error("sweep", "--out names a .csv or .jsonl file");
    } else if (resume) {
        return usage_error("sweep", "--resume goes on with the file of --out");
    }
    std::optional<std::filesystem::path> report_folder;
    if (values.count("report")) {
        if (!out || format != sweep::Format::csv || shard.count > 1)
            return usage_error("sweep", "--report draws the whole sweep from its CSV: give --out FILE.csv and no --shard");
        report_folder = values["report"].as<std::string>();
    }

    const std::filesystem::path spec_path = values["spec"].as<std::string>();
    try {
        const headphone::Catalog catalog = headphone::Catalog::load(headphone::Catalog::default_folder());
        const sweep::Spec spec = sweep::load_spec(spec_path, catalog);
        for (const spice::Warning& warning : spec.warnings) std::cerr << warning.to_string() << "\n";
        const std::size_t variants = sweep::VariantSpace(spec).size();
        const std::string sweep_id = sweep::sweep_fingerprint(spec, catalog, format);
        const std::string preamble = sweep::file_preamble(spec, format, shard, variants, sweep_id);
        sweep::RunOptions run_options;
        run_options.jobs = jobs;
        run_options.shard = shard;
        std::optional<io::ProgressBar> bar(std::in_place);
        const auto started = std::chrono::steady_clock::now();
        std::size_t rows = 0;
        // "1,000 variants in 0.21 s (4,800/s)": said when the sweep is done, as report says what it wrote.
        const auto summary = [&] {
            bar.reset();  // ends the progress bar's line first
            const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            char text[128];
            std::snprintf(text, sizeof text, "%zu variant%s in %.2f s (%.0f/s)", rows, rows == 1 ? "" : "s", seconds,
                          seconds > 0 ? static_cast<double>(rows) / seconds : 0.0);
            return std::string(text);
        };

        if (!out) {
            std::cout << preamble;
            run_options.progress = [&](std::size_t done, std::size_t total) {
                std::cout.flush();
                bar->update(done, total, 0);
            };
            sweep::run_sweep(spec, catalog, format, run_options, [&](const std::string& row) {
                std::cout << row;
                ++rows;
            });
            std::cout.flush();
            std::cerr << "hpsim sweep: " << summary() << "\n";  // standard output holds the rows
            return std::cout ? 0 : 1;
        }
        const std::string fingerprint = sweep_id + " shard " + std::to_string(shard.number) + "/" + std::to_string(shard.count);
        sweep::SweepFile file(*out, fingerprint, preamble, shard.size_of(variants), resume);
        if (file.complete()) {
            std::cerr << "hpsim sweep: '" << out->string() << "' is complete; nothing to resume\n";
            if (report_folder) report::write_sweep_report(report::read_sweep_csv(*out), {}, *report_folder);
            return 0;
        }
        run_options.first_position = file.rows_done();
        run_options.progress = [&](std::size_t done, std::size_t total) {
            file.flush(total - done);
            bar->update(done, total, run_options.first_position);
        };
        sweep::run_sweep(spec, catalog, format, run_options, [&](const std::string& row) {
            file.write(row);
            ++rows;
        });
        file.commit();
        std::cout << "wrote " << out->string() << ": " << summary()
                  << (run_options.first_position ? ", after " + std::to_string(run_options.first_position) + " resumed" : std::string())
                  << "\n";
        if (report_folder) {
            report::write_sweep_report(report::read_sweep_csv(*out), {}, *report_folder);
            std::cout << "wrote " << (*report_folder / "report.html").string() << "\n";
        }
        return 0;
    } catch (...) {
        return report_failure("sweep");
    }
}

int merge_command(const Arguments& arguments) {
    namespace po = boost::program_options;
    po::options_description options("hpsim merge PART... --out FILE");
    options.add_options()("help,h", "show this help")("out,o", po::value<std::string>(), "the merged sweep (as one run writes it)")(
        "parts", po::value<std::vector<std::string>>(), "the files of every shard of one sweep");
    po::positional_options_description positional;
    positional.add("parts", -1);
    po::variables_map values;
    if (const auto stop = parse_options("merge", arguments, options, positional, values)) return *stop;
    if (!values.count("parts")) return usage_error("merge", "no parts given");
    if (!values.count("out")) return usage_error("merge", "--out FILE is required");
    const auto words = values["parts"].as<std::vector<std::string>>();
    try {
        sweep::merge_parts(std::vector<std::filesystem::path>(words.begin(), words.end()), values["out"].as<std::string>());
        return 0;
    } catch (const std::exception& error) {
        std::cerr << "hpsim merge: error: " << error.what() << '\n';
    }
    return 1;
}

}  // namespace hpsim::cli
