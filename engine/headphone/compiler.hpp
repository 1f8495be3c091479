#pragma once
// Rig -> SPICE netlist (hpsim's subset, which ngspice also reads). One .subckt per
// part, named after its catalog entry; mated contacts are resistors between parts.
//
// Node names measurements rely on:
//   amp_<pole>              the amplifier jack's contacts (amp_left_p, amp_ground ...)
//   hp_l_<pole>, hp_r_<pole> the headphone's per-cup sockets; hp_<pole> for an
//                           integrated plug. The drivers sit between the nodes named in
//                           CompiledRig::left_driver / right_driver.
//   i(xamp.v<leg>)          each amplifier leg's current; i(xamp.vground_return) the
//                           current returning through the amplifier's ground.
//   i(xheadphone.vleft_sense), i(xheadphone.vright_sense)  each driver's current, into
//                           its + terminal.
#include <string>
#include <vector>

#include "headphone/rig.hpp"
#include "sim/load.hpp"

namespace hpsim::headphone {

struct DriverTerminals {
    std::string plus, minus;  // top-level node names
    std::string current;      // "i(xheadphone.vleft_sense)", into the + terminal
};

struct AmplifierLeg {
    std::string function;    // "left+", "left-", "right+", "right-"
    std::string current;     // "i(xamp.vleft_p)"
    std::string node;        // the jack contact it drives, "amp_left_p"
};

struct CompiledRig {
    std::string netlist;
    DriverTerminals left_driver, right_driver;
    std::vector<AmplifierLeg> legs;
    // A parametric compile: every number of `netlist` is a reference {hpnK} to .param K,
    // whose value (as the plain netlist would write it) is parameter_values[K]. Rigs
    // that differ only in figures then have the same netlist text: one topology, read
    // once, whose values a sweep sets without reading it again.
    std::vector<std::string> parameter_values;

    static std::string parameter_name(std::size_t index);  // "hpn7"
    std::string deck_text() const;  // the netlist with its .param cards: valid SPICE
};

struct CompileOptions {
    bool parametric = false;
};

// Throws DeckError (at the rig's part) when connectors do not fit or a cable cannot
// carry what its plug needs.
CompiledRig compile_rig(const Rig& rig, const CompileOptions& options = {});

// The rig compiled and read as a deck ready to simulate, named "<path> (compiled)", its
// implausible figures first among the deck's warnings. Throws DeckError.
sim::LoadedDeck load_rig_deck(const Rig& rig, const std::filesystem::path& path, sim::PhaseClock* clock = nullptr);

// A pole function as a SPICE node-name part: "left+" -> "left_p".
std::string node_token(const std::string& function);

}  // namespace hpsim::headphone
