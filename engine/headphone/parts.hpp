#pragma once
// Catalog entries as typed parts. Pole functions are data: "left+", "left-",
// "right+", "right-", "ground", "mic" on a stereo connector; "plus", "minus" on a
// per-cup connector; "unused". A connector used once per channel (dual 3-pin XLR,
// `per_channel = true`) is, at an amplifier's output, an adapter or a cable's plug end,
// a pair: the left connector's poles, then the right's, "plus"/"minus" read as
// "left+"/"left-" and "right+"/"right-".
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "headphone/catalog.hpp"
#include "headphone/measured/network_fit.hpp"

namespace hpsim::headphone {

struct Termination {
    std::string name, description, family;
    double diameter_mm = 0;  // 0 where a diameter does not apply (XLR, MMCX)
    std::vector<std::string> poles;  // functions, from the tip (or pin 1)
    double contact_resistance_ohm = 0;
    bool reversible = false;  // can be inserted either way round (2-pin)
    bool per_channel = false;  // one connector per channel
    int connectors = 1;        // 2: the pair of a per-channel connector, left then right
};

// A per-channel connector as the pair that carries both channels; others unchanged.
Termination stereo_connector(const Termination& termination);

struct AmplifierOutput {
    std::string mode;  // "single-ended" or "balanced"
    Termination jack;
    double output_impedance_ohm = 0;  // per leg
    double voltage_limit_vrms = 0;    // per leg
    double current_limit_arms = 0;    // per leg
    std::optional<double> mic_bias_ohm;  // headset jacks: the mic input's bias network
};

struct Amplifier {
    std::string description;
    double ground_return_ohm = 0;
    AmplifierOutput output;  // the mode in use
};

struct Adapter {
    std::string description;
    Termination jack, plug;
    std::vector<std::pair<std::string, std::string>> wiring;  // jack function -> plug function
    double wire_resistance_ohm = 0;
};

struct Cable {
    std::string description;
    bool four_wire = false;  // else three wires: left, right, shared ground
    Termination plug, headphone_connector;
    std::vector<Termination> plug_options;  // what a modular cable can take ('plugs'); else its one plug
    double resistance_per_m_ohm = 0, inductance_per_m_h = 0, capacitance_per_m_f = 0;
    double length_m = 0, leg_m = 0;  // whole length; each leg after the Y-split
    int sections = 1;
    bool shield = false;
};

// Ze = Re + jwLe + [1/Res + jwCmes + 1/(jwLces)]^-1 for a dynamic driver (Thiele-Small
// figures in any form: headphone/thiele_small.hpp); a measured driver is the passive
// network fitted to its impedance file; other types use the fields they name.
struct Driver {
    std::string type;  // resistor, dynamic, planar, multi-ba, measured
    std::map<std::string, double> values;  // ohm, henry, farad, by catalog key (dynamic: also fs_hz, qms, qes)
    // measured: the file (as resolved), the fit and its band and limits
    std::filesystem::path impedance_file;
    measured::FitOptions fit_options;
    std::optional<measured::NetworkFit> fit;
};

struct Headphone {
    std::string description;
    std::optional<Termination> connector;  // per-cup socket
    std::optional<Termination> plug;       // integrated cable ending in this plug
    std::optional<double> mic_ohm;
    std::optional<double> sensitivity_db_per_mw, sensitivity_db_per_v;
    Driver driver;
};

Termination read_termination(const Catalog& catalog, const std::string& name, const SourceLocation& where);
Amplifier read_amplifier(const Catalog& catalog, Fields fields, const std::string& mode, const SourceLocation& mode_where);
// The output modes a catalog amplifier has ("single-ended", "balanced"), in that order.
std::vector<std::string> amplifier_modes(const Catalog& catalog, const std::string& amplifier, const SourceLocation& where);
Adapter read_adapter(const Catalog& catalog, const Fields& fields);
Cable read_cable(const Catalog& catalog, const Fields& fields);
Headphone read_headphone(const Catalog& catalog, const Fields& fields);

}  // namespace hpsim::headphone
