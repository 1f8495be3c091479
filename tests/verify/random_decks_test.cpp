// Differential testing: random linear decks (see random_decks.hpp) at hpsim's default
// settings against a converged ngspice run (largest step tstep/1000, reltol 1e-6).
// hpsim claims every output waveform within reltol (1e-3) of its own peak; the test
// holds it to that, plus 1e-7 of the largest peak of the vector's kind for the
// reference's own error on waveforms far smaller than the rest.
#include <catch2/catch.hpp>

#include "random_decks.hpp"
#include "sim/load.hpp"
#include "verify/cross_check.hpp"

namespace {

constexpr int deck_count = 30;

}  // namespace

TEST_CASE("random linear decks agree with converged ngspice within 1e-3 of each waveform's peak", "[ngspice][random]") {
    hpsim::verify::Tolerances tolerances;
    tolerances.reference_steps_per_output = 1000;
    int compared = 0;
    double worst_relative = 0.0;
    for (std::uint64_t seed = 1; seed <= deck_count; ++seed) {
        const std::string text = hpsim::testing::random_linear_deck(seed);
        const auto deck = hpsim::sim::load_deck_text(text, "random.cir");
        hpsim::verify::CheckReport report;
        try {
            report = hpsim::verify::cross_check(deck, tolerances);
        } catch (const hpsim::verify::NgspiceUnavailable&) {
            throw;
        } catch (const std::runtime_error&) {
            continue;  // ngspice gave up on this deck (timestep too small): no reference
        }
        ++compared;
        double largest_voltage = 0.0, largest_current = 0.0;
        for (const auto& row : report.vectors)
            (row.vector.rfind("v(", 0) == 0 ? largest_voltage : largest_current) =
                std::max(row.vector.rfind("v(", 0) == 0 ? largest_voltage : largest_current, row.own_peak);
        for (const auto& row : report.vectors) {
            const double kind_peak = row.vector.rfind("v(", 0) == 0 ? largest_voltage : largest_current;
            const double allowed = 1e-3 * row.own_peak + 1e-7 * kind_peak + 1e-12;
            if (row.own_peak > 1e-6 * kind_peak)
                worst_relative = std::max(worst_relative, row.worst_difference / row.own_peak);
            INFO(text << row.vector << " off by " << row.worst_difference << " of peak " << row.own_peak);
            CHECK(row.worst_difference <= allowed);
        }
        CHECK(report.problems.empty());
    }
    WARN("random decks compared: " << compared << " of " << deck_count << ", worst error " << worst_relative
                                   << " of the waveform's peak");
    CHECK(compared >= deck_count * 3 / 4);
}
