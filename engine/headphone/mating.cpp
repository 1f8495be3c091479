#include "headphone/mating.hpp"

#include <algorithm>
#include <cstdio>

namespace hpsim::headphone {
namespace {

constexpr const char* tip_ring_sleeve = "tip-ring-sleeve";

std::string millimetres(double diameter_mm) {
    char text[32];
    std::snprintf(text, sizeof text, "%g mm", diameter_mm);
    return text;
}

bool carries_signal(const std::string& function) {
    return function == "plus" || function == "minus" || function == "left+" || function == "left-" || function == "right+" ||
           function == "right-";
}

}  // namespace

std::optional<MatingProblem> geometry_problem(const Termination& jack, const Termination& plug) {
    if (jack.family != plug.family) return MatingProblem{"plug family", plug.family + " plug, " + jack.family + " jack"};
    if (jack.connectors != plug.connectors) {
        const auto count = [](const Termination& t, const char* what) {
            return t.connectors == 2 ? std::string("a pair of ") + what + "s (one per channel)" : std::string("one ") + what;
        };
        return MatingProblem{"connector count", count(plug, "plug") + ", " + count(jack, "jack")};
    }
    if (jack.diameter_mm > 0 && plug.diameter_mm > 0 && jack.diameter_mm != plug.diameter_mm)
        return MatingProblem{"diameter", millimetres(plug.diameter_mm) + " plug, " + millimetres(jack.diameter_mm) + " jack"};
    if (jack.family != tip_ring_sleeve && jack.poles.size() != plug.poles.size())
        return MatingProblem{"pin count", std::to_string(plug.poles.size()) + " pins on the plug, " + std::to_string(jack.poles.size()) +
                                              " in the jack"};
    return std::nullopt;
}

std::vector<std::pair<std::size_t, std::size_t>> touching_contacts(const Termination& jack, const Termination& plug, bool reversed) {
    const std::size_t contacts = jack.poles.size(), poles = plug.poles.size();
    std::vector<std::pair<std::size_t, std::size_t>> touching;
    if (jack.family == tip_ring_sleeve) {
        for (std::size_t i = 0; i + 1 < contacts; ++i) touching.emplace_back(i, std::min(i, poles - 1));
        touching.emplace_back(contacts - 1, poles - 1);
    } else {
        for (std::size_t i = 0; i < contacts; ++i) touching.emplace_back(i, reversed ? poles - 1 - i : i);
    }
    return touching;
}

std::optional<MatingProblem> pin_map_problem(const Termination& socket, const Termination& plug) {
    if (socket.family == tip_ring_sleeve || geometry_problem(socket, plug)) return std::nullopt;
    std::string detail;
    for (const auto& [contact, pole] : touching_contacts(socket, plug)) {
        const std::string& in_socket = socket.poles[contact];
        const std::string& on_plug = plug.poles[pole];
        if (in_socket == on_plug || !(carries_signal(in_socket) || carries_signal(on_plug))) continue;
        detail += (detail.empty() ? "pin " : "; pin ") + std::to_string(contact + 1) + " is " + on_plug + " on the plug, " + in_socket +
                  " in the socket";
    }
    if (detail.empty()) return std::nullopt;
    return MatingProblem{"pin map", detail};
}

std::optional<MatingProblem> mating_problem(const Termination& jack, const Termination& plug) {
    if (auto problem = geometry_problem(jack, plug)) return problem;
    return pin_map_problem(jack, plug);
}

}  // namespace hpsim::headphone
