// ngspice has no .step: the usual way to sweep a deck's parameters through it is to
// load each variant into libngspice and run it. This loads, one by one, the deck of
// every step of a stepped deck (each stepped .param given the step's value, as
// `hpsim check` builds them) and runs it, keeping ngspice's results in memory.
//   ngspice_step_decks DECK      prints the variants, the time and the time per variant
#include <chrono>
#include <cstdio>
#include <exception>

#include "ngspice/ngspice_session.hpp"
#include "sim/load.hpp"
#include "verify/step_decks.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: ngspice_step_decks DECK\n");
        return 2;
    }
    try {
        const hpsim::sim::LoadedDeck deck = hpsim::sim::load_deck(argv[1]);
        if (!deck.steps) throw std::runtime_error("the deck has no .step");
        std::string why_not;
        hpsim::ngspice::Session* session = hpsim::ngspice::Session::instance(why_not);
        if (!session) throw std::runtime_error("libngspice: " + why_not);
        const hpsim::sim::StepSweep& sweep = deck.steps->sweep;
        const std::vector<std::string> names = sweep.parameters();
        std::vector<double> values;
        std::size_t points = 0;
        const auto started = std::chrono::steady_clock::now();
        for (std::size_t step = 0; step < sweep.size(); ++step) {
            sweep.values(step, values);
            const hpsim::ngspice::RunResult result =
                session->run(hpsim::verify::deck_for_step(deck.cards, names, values).to_lines());
            for (const auto& plot : result.plots)
                if (!plot.vectors.empty())
                    points += plot.vectors.front().is_complex ? plot.vectors.front().complex.size()
                                                              : plot.vectors.front().real.size();
        }
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        std::printf("%zu variants, %zu points, %.3f s, %.3f ms per variant\n", sweep.size(), points, seconds,
                    seconds * 1e3 / static_cast<double>(sweep.size()));
        return 0;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "ngspice_step_decks: %s\n", error.what());
        return 1;
    }
}
