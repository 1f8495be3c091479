#pragma once
// What `hpsim match` prints: the two answers a buyer asks for (which connection works,
// and whether the equipment is powerful enough without balanced), the ranked paths as a
// table or JSON, and with `verbose` every plug that was offered a jack it does not go into.
#include <string>
#include <vector>

#include "headphone/match/rank.hpp"

namespace hpsim::headphone::match {

// One sentence per question, or what is missing when nothing fits.
std::vector<std::string> answers(const Match& match);

std::string format_table(const Match& match, bool verbose);
std::string format_json(const Match& match, bool verbose);

// "cable X: plug mini-xlr-vendor-a into mini-xlr-vendor-b: pin map, pin 1 is ..."
std::string refusal_text(const Refusal& refusal);

}  // namespace hpsim::headphone::match
