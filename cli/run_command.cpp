#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>

#include "commands.hpp"
#include "io/csv_writer.hpp"
#include "input.hpp"
#include "sim/simulate.hpp"

namespace hpsim::cli {
namespace {

namespace po = boost::program_options;

// Counts points per analysis for the summary line.
class PointCounter final : public sim::ResultSink {
public:
    struct Entry {
        std::string name;
        std::size_t points = 0;
    };
    std::vector<Entry> entries;

    void begin(const sim::AnalysisHeader& header) override {
        std::string name = sim::analysis_kind_name(header.kind);
        if (header.ordinal > 1) name += std::to_string(header.ordinal);
        entries.push_back({name, 0});
    }
    void real_point(double, std::span<const double>) override { ++entries.back().points; }
    void complex_point(double, std::span<const std::complex<double>>) override { ++entries.back().points; }
    void end() override {}
};

}  // namespace

int usage_error(const std::string& command, const std::string& message) {
    std::cerr << "hpsim " << command << ": error: " << message << "\n(see 'hpsim " << command << " --help')\n";
    return 2;
}

std::optional<int> parse_options(const std::string& command, const Arguments& arguments,
                                 const po::options_description& options, const po::positional_options_description& positional,
                                 po::variables_map& values) {
    try {
        po::store(po::command_line_parser(arguments).options(options).positional(positional).run(), values);
        po::notify(values);
    } catch (const po::error& error) {
        return usage_error(command, error.what());
    }
    if (values.count("help")) {
        std::cout << options;
        return 0;
    }
    return std::nullopt;
}

int run_command(const Arguments& arguments) {
    po::options_description options("hpsim run DECK [--out DIR]");
    options.add_options()("help,h", "show this help")("out,o", po::value<std::string>(),
                                                      "write op.csv, ac.csv, tran.csv, dc.csv ... into DIR")(
        "mode", po::value<std::string>(), "rig files: single-ended or balanced, instead of the rig's mode")(
        "deck", po::value<std::string>(), "SPICE deck to simulate");
    po::positional_options_description positional;
    positional.add("deck", 1);
    po::variables_map values;
    if (const auto stop = parse_options("run", arguments, options, positional, values)) return *stop;
    if (!values.count("deck")) return usage_error("run", "no deck given");
    const std::string deck_path = values["deck"].as<std::string>();
    std::optional<std::string> mode;
    if (values.count("mode")) mode = values["mode"].as<std::string>();

    try {
        const auto started = std::chrono::steady_clock::now();
        const sim::LoadedDeck deck = load_input(deck_path, mode);
        for (const auto& warning : deck.circuit.warnings) std::cerr << warning.to_string() << '\n';
        PointCounter counter;
        std::optional<io::CsvWriter> writer;
        if (values.count("out")) writer.emplace(values["out"].as<std::string>());
        std::vector<sim::ResultSink*> sinks{&counter};
        if (writer) sinks.push_back(&*writer);
        sim::SinkFanout fanout(sinks);
        sim::simulate(deck.circuit, fanout);
        if (writer) writer->commit();
        const double elapsed_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();

        std::printf("%s: %s\n", deck_path.c_str(), deck.circuit.title.c_str());
        std::printf("  %zu nodes, %zu elements\n", deck.circuit.node_names.size() - 1, deck.circuit.elements.size());
        for (const auto& entry : counter.entries)
            std::printf("  %-6s %zu point%s\n", entry.name.c_str(), entry.points, entry.points == 1 ? "" : "s");
        if (counter.entries.empty()) std::printf("  no analysis cards: nothing to simulate\n");
        std::printf("  simulated in %.1f ms\n", elapsed_ms);
        if (writer)
            for (const auto& file : writer->files()) std::printf("  wrote %s\n", file.string().c_str());
        return 0;
    } catch (const spice::DeckError& error) {
        std::cerr << error.what() << '\n';
    } catch (const std::exception& error) {
        std::cerr << "hpsim run: error: " << error.what() << '\n';
    }
    return 1;
}

}  // namespace hpsim::cli
