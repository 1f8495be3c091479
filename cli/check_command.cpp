#include <boost/program_options.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <new>

#include "commands.hpp"
#include "input.hpp"
#include "verify/cross_check.hpp"

namespace hpsim::cli {
namespace {

// hpsim's results when there is nothing to compare them with: per vector, the number
// of points, its largest magnitude and its value at the last point.
void print_own_results(const std::vector<sim::RecordedAnalysis>& analyses) {
    std::printf("hpsim's results (ngspice gave none):\n");
    std::printf("%-6s %-28s %8s %14s %24s\n", "", "vector", "points", "peak |x|", "last");
    for (const sim::RecordedAnalysis& analysis : analyses) {
        std::string label = sim::analysis_kind_name(analysis.header.kind);
        if (analysis.header.ordinal > 1) label += std::to_string(analysis.header.ordinal);
        for (std::size_t v = 0; v < analysis.header.vector_names.size(); ++v) {
            double peak = 0.0;
            std::string last = "-";
            char text[64];
            if (analysis.is_complex()) {
                for (const auto& point : analysis.complex) peak = std::max(peak, std::abs(point[v]));
                if (!analysis.complex.empty()) {
                    const auto value = analysis.complex.back()[v];
                    std::snprintf(text, sizeof text, "%.6g%+.6gj", value.real(), value.imag());
                    last = text;
                }
            } else {
                for (const auto& point : analysis.real) peak = std::max(peak, std::abs(point[v]));
                if (!analysis.real.empty()) {
                    std::snprintf(text, sizeof text, "%.9g", analysis.real.back()[v]);
                    last = text;
                }
            }
            std::printf("%-6s %-28s %8zu %14.6e %24s\n", label.c_str(), analysis.header.vector_names[v].c_str(),
                        analysis.sweep.size(), peak, last.c_str());
        }
    }
}

}  // namespace

int check_command(const Arguments& arguments) {
    namespace po = boost::program_options;
    verify::Tolerances tolerances;
    po::options_description options("hpsim check DECK [options]");
    options.add_options()("help,h", "show this help")(
        "rtol", po::value<double>(&tolerances.relative)->default_value(tolerances.relative, number_text(tolerances.relative)),
        "op/dc/ac: allowed difference, relative to each vector's peak")(
        "atol", po::value<double>(&tolerances.absolute)->default_value(tolerances.absolute, number_text(tolerances.absolute)),
        "allowed difference added to the relative one (V or A)")(
        "tran-rtol", po::value<double>(&tolerances.transient_relative)->default_value(tolerances.transient_relative, number_text(tolerances.transient_relative)),
        "tran: allowed difference relative to each vector's peak, at hpsim's time points")(
        "mode", po::value<std::string>(), "rig files: single-ended or balanced, instead of the rig's mode")(
        "deck", po::value<std::string>(), "SPICE deck to check");
    po::positional_options_description positional;
    positional.add("deck", 1);
    po::variables_map values;
    if (const auto stop = parse_options("check", arguments, options, positional, values)) return *stop;
    if (!values.count("deck")) return usage_error("check", "no deck given");
    if (!(tolerances.relative >= 0 && tolerances.absolute >= 0 && tolerances.transient_relative >= 0))
        return usage_error("check", "tolerances must not be negative");
    const std::string deck_path = values["deck"].as<std::string>();
    std::optional<std::string> mode;
    if (values.count("mode")) mode = values["mode"].as<std::string>();

    try {
        const sim::LoadedDeck deck = load_input(deck_path, mode);
        const verify::CheckReport report = verify::cross_check(deck, tolerances);
        for (const auto& warning : deck.circuit.warnings) std::cerr << warning.to_string() << '\n';
        for (const auto& warning : report.warnings) std::cerr << warning.to_string() << '\n';
        if (!report.ngspice_crash.empty()) {
            print_own_results(report.hpsim_results);
            std::fflush(stdout);
            std::cerr << "hpsim check: error: " << report.ngspice_crash << ": nothing to compare against\n";
            return 1;
        }
        const bool stepped = deck.steps.has_value();
        if (stepped)
            std::printf("%zu steps, each against ngspice; each vector's worst step\n", deck.steps->sweep.size());
        std::printf("%-6s %-28s %12s %12s %12s  %-7s %s\n", "", "vector", "|hpsim-ng|", "peak", "allowed", "",
                    stepped ? "step" : "");
        std::size_t failed = 0;
        for (const auto& row : report.vectors) {
            failed += row.passed() ? 0 : 1;
            std::printf("%-6s %-28s %12.3e %12.3e %12.3e  %-7s %s\n", row.analysis.c_str(), row.vector.c_str(),
                        row.worst_difference, row.peak, row.allowed, row.passed() ? "ok" : "DIFFERS", row.step.c_str());
        }
        for (const auto& problem : report.problems) std::printf("problem: %s\n", problem.c_str());
        std::printf("%s: %zu vectors agree, %zu differ, %zu problems (rtol %g, atol %g, tran-rtol %g)\n",
                    report.passed() ? "agree" : "DISAGREE", report.vectors.size() - failed, failed,
                    report.problems.size(), tolerances.relative, tolerances.absolute, tolerances.transient_relative);
        return report.passed() ? 0 : 1;
    } catch (const verify::NgspiceUnavailable& error) {
        std::cerr << "hpsim check: error: ngspice is unavailable: " << error.what() << '\n';
    } catch (...) {
        return report_failure("check");
    }
    return 1;
}

}  // namespace hpsim::cli
