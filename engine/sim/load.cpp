#include "sim/load.hpp"

#include "sim/elaborate.hpp"
#include "spice/parser.hpp"

namespace hpsim::sim {

namespace {

LoadedDeck load_cards(spice::CardStream cards, PhaseClock* clock) {
    start_phase(clock, "parse");
    const spice::Deck deck = spice::parse_cards(cards);
    start_phase(clock, "elaborate");
    ElaboratedDeck elaborated = elaborate_deck(deck);
    return {std::move(cards), std::move(elaborated.circuit), std::move(elaborated.steps)};
}

}  // namespace

LoadedDeck load_deck(const std::filesystem::path& path, PhaseClock* clock) {
    start_phase(clock, "read");
    return load_cards(spice::read_deck_file(path), clock);
}

LoadedDeck load_deck_text(std::string_view text, const std::string& name, const std::filesystem::path& base_folder,
                          PhaseClock* clock) {
    start_phase(clock, "read");
    return load_cards(spice::read_deck_text(text, name, base_folder), clock);
}

}  // namespace hpsim::sim
