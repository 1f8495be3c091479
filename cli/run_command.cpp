#include <sys/resource.h>

#include <boost/program_options.hpp>
#include <algorithm>
#include <charconv>
#include <chrono>
#include <thread>
#include <cstdio>
#include <iostream>
#include <memory>
#include <new>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "input.hpp"
#include "io/csv_writer.hpp"
#include "io/raw_writer.hpp"
#include "sim/simulate.hpp"
#include "sim/step/stepped_simulation.hpp"
#include "spice/suggestion.hpp"

namespace hpsim::cli {
namespace {

namespace po = boost::program_options;

// Counts points per analysis for the summary line (over every step of a .step sweep).
class PointCounter final : public sim::ResultSink {
public:
    struct Entry {
        std::string name;
        std::size_t points = 0;
    };
    std::vector<Entry> entries;

    void begin(const sim::AnalysisHeader& header) override { current_ = entry_named(entries, name_of(header)); }
    void real_point(double, std::span<const double>) override { ++entries[current_].points; }
    void complex_point(double, std::span<const std::complex<double>>) override { ++entries[current_].points; }
    void end() override {}
    // As they happen: a warning belongs beside the analysis that raised it.
    void warning(const spice::Warning& warning) override { std::cerr << warning.to_string() << '\n'; }
    // Counts on the producing thread; delivering adds the counts and prints the warnings.
    std::unique_ptr<sim::DeferredResults> defer() override { return std::make_unique<DeferredCount>(*this); }

private:
    std::size_t current_ = 0;

    static std::string name_of(const sim::AnalysisHeader& header) {  // "ac", "ac2", ...
        std::string name = sim::analysis_kind_name(header.kind);
        if (header.ordinal > 1) name += std::to_string(header.ordinal);
        return name;
    }
    static std::size_t entry_named(std::vector<Entry>& entries, const std::string& name) {
        for (std::size_t i = 0; i < entries.size(); ++i)
            if (entries[i].name == name) return i;
        entries.push_back({name, 0});
        return entries.size() - 1;
    }

    class DeferredCount final : public sim::DeferredResults {
    public:
        explicit DeferredCount(PointCounter& owner) : owner_(owner) {}
        void begin(const sim::AnalysisHeader& header) override { current_ = entry_named(counts_, name_of(header)); }
        void real_point(double, std::span<const double>) override { ++counts_[current_].points; }
        void complex_point(double, std::span<const std::complex<double>>) override { ++counts_[current_].points; }
        void end() override {}
        void warning(const spice::Warning& warning) override { warnings_.push_back(warning); }
        void deliver() override {
            for (const spice::Warning& warning : warnings_) owner_.warning(warning);
            for (Entry& count : counts_) {
                owner_.entries[entry_named(owner_.entries, count.name)].points += count.points;
                count.points = 0;
            }
            warnings_.clear();
        }

    private:
        PointCounter& owner_;
        std::vector<Entry> counts_;
        std::vector<spice::Warning> warnings_;
        std::size_t current_ = 0;
    };
};

// The phases as a table on stderr: an analysis's own steps ("ac: order") indented under
// its total; then the whole run and the peak memory (resident set).
void print_phases(const std::vector<sim::PhaseClock::Phase>& phases) {
    std::fprintf(stderr, "phase                   wall time   processor time\n");
    auto row = [](int indent, const std::string& name, double wall_s, double processor_s) {
        std::fprintf(stderr, "%*s%-*s %9.1f ms %13.1f ms\n", indent, "", 22 - indent, name.c_str(), wall_s * 1e3,
                     processor_s * 1e3);
    };
    double total = 0.0, total_processor = 0.0;
    for (std::size_t i = 0; i < phases.size(); ++i) {
        const std::string prefix = phases[i].name + ": ";
        double group = phases[i].seconds, group_processor = phases[i].processor_seconds;
        std::size_t last = i;
        while (last + 1 < phases.size() && phases[last + 1].name.starts_with(prefix)) {
            ++last;
            group += phases[last].seconds;
            group_processor += phases[last].processor_seconds;
        }
        row(2, phases[i].name, group, group_processor);
        for (std::size_t step = i + 1; step <= last; ++step)
            row(4, phases[step].name.substr(prefix.size()), phases[step].seconds, phases[step].processor_seconds);
        total += group;
        total_processor += group_processor;
        i = last;
    }
    row(2, "total", total, total_processor);
    rusage usage{};
    if (getrusage(RUSAGE_SELF, &usage) == 0)
        std::fprintf(stderr, "  %-20s %9.1f MB\n", "peak memory", static_cast<double>(usage.ru_maxrss) / 1024.0);
}

}  // namespace

int usage_error(const std::string& command, const std::string& message) {
    std::cerr << "hpsim " << command << ": error: " << message << "\n(see 'hpsim " << command << " --help')\n";
    return 2;
}

int report_failure(const std::string& command) {
    try {
        throw;
    } catch (const spice::DeckError& error) {
        std::cerr << error.what() << '\n';
    } catch (const std::bad_alloc&) {
        std::cerr << "hpsim " << command << ": error: out of memory: this needs more memory than this machine (or its limits) has\n";
    } catch (const std::exception& error) {
        std::cerr << "hpsim " << command << ": error: " << error.what() << '\n';
    } catch (...) {
        std::cerr << "hpsim " << command << ": error: an unknown failure\n";
    }
    return 1;
}

std::string number_text(double value) {
    char text[32];
    const auto written = std::to_chars(text, text + sizeof text, value);  // shortest exact form: "1e-09"
    std::string result(text, written.ptr);
    // "1e-09" -> "1e-9", "1e+20" -> "1e20": the exponent as a person writes it.
    const std::size_t e = result.find('e');
    if (e != std::string::npos) {
        std::string exponent = result.substr(e + 1);
        const bool negative = exponent[0] == '-';
        if (exponent[0] == '-' || exponent[0] == '+') exponent.erase(0, 1);
        exponent.erase(0, std::min(exponent.find_first_not_of('0'), exponent.size() - 1));
        result = result.substr(0, e + 1) + (negative ? "-" : "") + exponent;
    }
    return result;
}

std::optional<int> parse_options(const std::string& command, const Arguments& arguments,
                                 const po::options_description& options, const po::positional_options_description& positional,
                                 po::variables_map& values) {
    // The positional arguments' own names (--deck, --rig, ...) are not options a user writes.
    std::vector<std::string> positional_names;
    for (unsigned position = 0; position < std::min(positional.max_total_count(), 8u); ++position)
        positional_names.push_back(positional.name_for_position(position));
    const auto is_positional = [&](const std::string& name) {
        return std::find(positional_names.begin(), positional_names.end(), name) != positional_names.end();
    };
    try {
        po::store(po::command_line_parser(arguments).options(options).positional(positional).run(), values);
        po::notify(values);
    } catch (const po::unknown_option& error) {
        std::vector<std::string> names;
        for (const auto& option : options.options())
            if (!is_positional(option->long_name())) names.push_back("--" + option->long_name());
        return usage_error(command, error.what() + spice::did_you_mean(error.get_option_name(), names));
    } catch (const po::error& error) {
        return usage_error(command, error.what());
    }
    if (values.count("help")) {
        std::ostringstream whole;  // its first line is the caption (Boost has no accessor for it)
        whole << options;
        std::string caption = whole.str().substr(0, whole.str().find('\n'));
        if (caption.ends_with(':')) caption.pop_back();
        po::options_description shown(caption);
        for (const auto& option : options.options())
            if (!is_positional(option->long_name())) shown.add(option);
        std::ostringstream text;
        text << shown;
        std::cout << text.str() << (text.str().ends_with('\n') ? "" : "\n");
        return 0;
    }
    return std::nullopt;
}

int run_command(const Arguments& arguments) {
    po::options_description options("hpsim run DECK [--out DIR] [--format csv|raw] [-v]");
    std::string format = "csv";
    options.add_options()("help,h", "show this help")("out,o", po::value<std::string>(),
                                                      "write op.csv, ac.csv, tran.csv, dc.csv ... into DIR")(
        "format", po::value<std::string>(&format)->default_value("csv"),
        "csv, or raw: ngspice's binary raw files (op.raw, ac.raw, ...; each .step a plot), which ngspice's load reads")(
        "mode", po::value<std::string>(), "rig files: single-ended or balanced, instead of the rig's mode")(
        "verbose,v", "print the wall and processor time of each phase (read, parse, ..., each analysis) and the peak memory")(
        "jobs,j", po::value<unsigned>(), "threads for the steps of a .step sweep (default: one per processor)")(
        "deck", po::value<std::string>(), "SPICE deck to simulate");
    po::positional_options_description positional;
    positional.add("deck", 1);
    po::variables_map values;
    if (const auto stop = parse_options("run", arguments, options, positional, values)) return *stop;
    if (!values.count("deck")) return usage_error("run", "no deck given");
    if (format != "csv" && format != "raw") return usage_error("run", "--format is csv or raw");
    if (format == "raw" && !values.count("out")) return usage_error("run", "--format raw writes files: give --out DIR");
    const std::string deck_path = values["deck"].as<std::string>();
    std::optional<std::string> mode;
    if (values.count("mode")) mode = values["mode"].as<std::string>();

    const bool verbose = values.count("verbose") > 0;
    const unsigned jobs = values.count("jobs") ? values["jobs"].as<unsigned>() : std::max(1u, std::thread::hardware_concurrency());
    if (jobs < 1 || jobs > 1024) return usage_error("run", "--jobs is 1 to 1024");
    try {
        const auto started = std::chrono::steady_clock::now();
        sim::PhaseClock clock;
        sim::PhaseClock* const timing = verbose ? &clock : nullptr;
        const sim::LoadedDeck deck = load_input(deck_path, mode, timing);
        for (const auto& warning : deck.circuit.warnings) std::cerr << warning.to_string() << '\n';
        PointCounter counter;
        std::optional<io::CsvWriter> writer;
        std::optional<io::RawWriter> raw_writer;
        if (values.count("out") && format == "csv") writer.emplace(values["out"].as<std::string>());
        if (values.count("out") && format == "raw") raw_writer.emplace(values["out"].as<std::string>(), deck.circuit.title);
        std::vector<sim::ResultSink*> sinks{&counter};
        if (writer) sinks.push_back(&*writer);
        if (raw_writer) sinks.push_back(&*raw_writer);
        sim::SinkFanout fanout(sinks);
        std::size_t steps = 1;
        if (deck.steps) {
            sim::start_phase(timing, "topology");
            sim::SteppedSimulation stepped(deck.circuit, *deck.steps);
            steps = stepped.size();
            stepped.run_all(fanout, timing, jobs);
        } else {
            sim::simulate(deck.circuit, fanout, timing);
        }
        if (writer || raw_writer) {
            sim::start_phase(timing, "write");
            if (writer) writer->commit();
            if (raw_writer) raw_writer->commit();
            if (timing) timing->stop();
        }
        const double elapsed_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();

        std::printf("%s: %s\n", deck_path.c_str(), deck.circuit.title.c_str());
        std::printf("  %zu nodes, %zu elements\n", deck.circuit.node_names.size() - 1, deck.circuit.elements.size());
        if (deck.steps) {
            std::string names;
            for (const std::string& name : deck.steps->sweep.parameters()) names += (names.empty() ? "" : ", ") + name;
            std::printf("  %zu steps of %s\n", steps, names.c_str());
        }
        for (const auto& entry : counter.entries)
            std::printf("  %-6s %zu point%s\n", entry.name.c_str(), entry.points, entry.points == 1 ? "" : "s");
        if (counter.entries.empty()) std::printf("  no analysis cards: nothing to simulate\n");
        std::printf("  simulated in %.1f ms\n", elapsed_ms);
        for (const auto& file : writer ? writer->files() : raw_writer ? raw_writer->files() : std::vector<std::filesystem::path>{})
            std::printf("  wrote %s\n", file.string().c_str());
        if (verbose) {
            std::fflush(stdout);
            print_phases(clock.phases());
        }
        return 0;
    } catch (...) {
        return report_failure("run");
    }
}

}  // namespace hpsim::cli
