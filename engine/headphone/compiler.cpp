#include "headphone/compiler.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>

#include "headphone/mating.hpp"

namespace hpsim::headphone {
namespace {

// Keeps a node defined where a contact or wire end is connected to nothing: about the
// insulation resistance of a connector.
constexpr double insulation_ohm = 1e9;

std::string format_number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.15g", value);
    return text;
}

std::string spice_name(const std::string& catalog_name) {
    std::string name;
    for (const char c : catalog_name) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    return name;
}

// Pin names for a connector's poles, by function; repeated functions get an index.
std::vector<std::string> pole_pins(const Termination& termination) {
    std::vector<std::string> pins;
    std::map<std::string, int> seen;
    for (const std::string& pole : termination.poles) {
        std::string pin = node_token(pole);
        const int count = ++seen[pin];
        const bool repeated = std::count(termination.poles.begin(), termination.poles.end(), pole) > 1;
        if (repeated) pin += std::to_string(count);
        pins.push_back(pin);
    }
    return pins;
}

std::string join(const std::vector<std::string>& words, const std::string& prefix = "") {
    std::string text;
    for (const std::string& word : words) text += " " + prefix + word;
    return text;
}

std::vector<std::string> prefixed(const std::string& prefix, const std::vector<std::string>& pins) {
    std::vector<std::string> nodes;
    for (const std::string& pin : pins) nodes.push_back(prefix + pin);
    return nodes;
}

std::ptrdiff_t pole_index(const Termination& termination, const std::string& function) {
    const auto found = std::find(termination.poles.begin(), termination.poles.end(), function);
    return found == termination.poles.end() ? -1 : found - termination.poles.begin();
}

// A connector at the top level: its termination and one node per pole.
struct Connector {
    const Termination* termination;
    std::vector<std::string> nodes;
};

class Compiler {
public:
    Compiler(const Rig& rig, const CompileOptions& options) : rig_(rig), parametric_(options.parametric) {}

    CompiledRig compile() {
        header();
        Connector outlet = amplifier();
        for (std::size_t i = 0; i < rig_.adapters.size(); ++i) outlet = adapter(i, outlet);
        if (rig_.cable) {
            const auto [left_cup, right_cup] = cable(outlet);
            headphone_cups(left_cup, right_cup);
        } else {
            headphone_plug(outlet);
        }
        parts_ << "\n* ---- the rig ----\n" << top_.str();
        parts_ << "\n.op\n.ac dec 20 20 20k\n.end\n";
        result_.netlist = parts_.str();
        return std::move(result_);
    }

private:
    const Rig& rig_;
    const bool parametric_;

    // A value as the netlist writes it (15 significant digits); in a parametric compile,
    // a reference to the .param that holds it (CompiledRig::parameter_values).
    std::string number(double value) {
        std::string text = format_number(value);
        if (!parametric_) return text;
        result_.parameter_values.push_back(std::move(text));
        return '{' + CompiledRig::parameter_name(result_.parameter_values.size() - 1) + '}';
    }
    std::ostringstream parts_, top_;
    CompiledRig result_;
    int matings_ = 0;

    void header() {
        parts_ << "hpsim rig " << rig_.path.filename().string() << ": " << rig_.description << "\n";
        parts_ << "* Compiled by hpsim from " << rig_.path.string() << " (" << rig_.amplifier.output.mode << " output).\n";
        parts_ << "* Nodes: amp_<pole> are the amplifier jack's contacts; hp_... the headphone's.\n";
    }

    // Plug into jack by geometry (headphone/mating.hpp): one resistor per touching contact.
    // `reversed`: a pin connector inserted the other way round.
    void mate(const Connector& jack, const Connector& plug_side, const std::string& plug_owner, const SourceLocation& where,
              bool reversed = false, const std::map<std::string, double>& worn = {}) {
        const Termination& socket = *jack.termination;
        const Termination& plug = *plug_side.termination;
        if (const auto problem = geometry_problem(socket, plug)) {
            if (problem->aspect == "pin count")
                throw DeckError(where, "plug '" + plug.name + "' has " + std::to_string(plug.poles.size()) + " pins, jack '" +
                                           socket.name + "' " + std::to_string(socket.poles.size()));
            throw DeckError(where, "plug '" + plug.name + "' of " + plug_owner + " does not fit jack '" + socket.name + "' (" +
                                       plug.description + " into " + socket.description + ")");
        }
        const auto touching = touching_contacts(socket, plug, reversed);
        const Connector& result = plug_side;
        const int mating = ++matings_;
        top_ << "* " << plug_owner << ": plug " << plug.name << (reversed ? " (inserted reversed)" : "") << " in jack "
             << socket.name << (socket.connectors == 2 ? " (a pair: left into left, right into right)" : "")
             << ", one resistor per touching contact\n";
        for (std::size_t k = 0; k < touching.size(); ++k) {
            const auto [contact, pole] = touching[k];
            const auto worn_contact = worn.find(socket.poles[contact]);
            const double resistance = worn_contact != worn.end() ? worn_contact->second : socket.contact_resistance_ohm;
            top_ << "Rmate" << mating << "_" << k + 1 << " " << jack.nodes[contact] << " " << result.nodes[pole] << " "
                 << number(resistance) << "   ; jack " << socket.poles[contact] << " - plug " << plug.poles[pole]
                 << (worn_contact != worn.end() ? " (worn contact)" : "") << "\n";
        }
    }

    Connector amplifier() {
        const AmplifierOutput& output = rig_.amplifier.output;
        const std::vector<std::string> pins = pole_pins(output.jack);
        const std::string name = spice_name(rig_.amplifier_model) + "_" + spice_name(output.mode);
        parts_ << "\n* amplifier " << rig_.amplifier_model << ": " << rig_.amplifier.description << "\n"
               << "* " << output.mode << " output on " << output.jack.name << ": each leg a source behind "
               << number(output.output_impedance_ohm) << " Ohm; limits " << number(output.voltage_limit_vrms)
               << " Vrms and " << number(output.current_limit_arms) << " Arms per leg\n"
               << ".subckt " << name << join(pins) << " params: left_vrms=1 right_vrms=1\n";
        for (std::size_t i = 0; i < pins.size(); ++i) {
            const std::string& function = output.jack.poles[i];
            const std::string& pin = pins[i];
            if (function == "left+" || function == "left-" || function == "right+" || function == "right-") {
                const bool left = function[0] == 'l', negative = function.back() == '-';
                parts_ << "V" << pin << " " << pin << "_source 0 DC 0 AC {" << (left ? "left_vrms" : "right_vrms") << "}"
                       << (negative ? " 180" : "") << "   ; " << function << " leg\n"
                       << "R" << pin << " " << pin << "_source " << pin << " " << number(output.output_impedance_ohm)
                       << "   ; its output impedance\n";
                result_.legs.push_back({function, "i(xamp.v" + pin + ")", "amp_" + pin});
            } else if (function == "ground") {
                // A pair of per-channel jacks has a ground contact in each: each returns
                // through its own path to the one current-reading source.
                const bool first = pole_index(output.jack, "ground") == static_cast<std::ptrdiff_t>(i);
                parts_ << "Rground_return" << (first ? "" : "_" + pin) << " " << pin << " ground_return "
                       << number(rig_.amplifier.ground_return_ohm) << "   ; the amplifier's ground return path\n";
                if (first) parts_ << "Vground_return ground_return 0 DC 0   ; reads the return current\n";
            } else if (function == "mic" && output.mic_bias_ohm) {
                parts_ << "Rmic_bias " << pin << " 0 " << number(*output.mic_bias_ohm) << "   ; microphone input bias network\n";
            } else {
                parts_ << "Rleak_" << pin << " " << pin << " 0 " << number(insulation_ohm) << "   ; contact not used here\n";
            }
        }
        parts_ << ".ends " << name << "\n";
        const std::vector<std::string> nodes = prefixed("amp_", pins);
        top_ << "Xamp" << join(nodes) << " " << name << " params: left_vrms=" << number(rig_.left_vrms)
             << " right_vrms=" << number(rig_.right_vrms) << "\n";
        return {&output.jack, nodes};
    }

    Connector adapter(std::size_t index, const Connector& outlet) {
        const auto& [model, part] = rig_.adapters[index];
        const std::string instance = "adapter" + std::to_string(index + 1);
        const Connector plug{&part.plug, prefixed(instance + "_plug_", pole_pins(part.plug))};
        mate(outlet, plug, "adapter " + model, rig_.adapter_where[index], false,
             index == 0 ? rig_.jack_contact_resistance_ohm : std::map<std::string, double>{});
        const std::vector<std::string> jack_pins = prefixed("jack_", pole_pins(part.jack));
        const std::vector<std::string> plug_pins = prefixed("plug_", pole_pins(part.plug));
        const std::string name = spice_name(model);
        parts_ << "\n* adapter " << model << ": " << part.description << "\n"
               << ".subckt " << name << join(jack_pins) << join(plug_pins) << "\n";
        std::vector<bool> jack_used(jack_pins.size()), plug_used(plug_pins.size());
        for (std::size_t k = 0; k < part.wiring.size(); ++k) {
            const auto& [from, to] = part.wiring[k];
            const auto j = static_cast<std::size_t>(pole_index(part.jack, from));
            const auto p = static_cast<std::size_t>(pole_index(part.plug, to));
            jack_used[j] = plug_used[p] = true;
            parts_ << "Rwire" << k + 1 << " " << jack_pins[j] << " " << plug_pins[p] << " " << number(part.wire_resistance_ohm)
                   << "   ; jack " << from << " to plug " << to << "\n";
        }
        for (std::size_t i = 0; i < jack_pins.size(); ++i)
            if (!jack_used[i]) parts_ << "Rleak_" << jack_pins[i] << " " << jack_pins[i] << " 0 " << number(insulation_ohm) << "   ; not wired\n";
        for (std::size_t i = 0; i < plug_pins.size(); ++i)
            if (!plug_used[i]) parts_ << "Rleak_" << plug_pins[i] << " " << plug_pins[i] << " 0 " << number(insulation_ohm) << "   ; not wired\n";
        parts_ << ".ends " << name << "\n";
        const std::vector<std::string> jack_nodes = prefixed(instance + "_jack_", pole_pins(part.jack));
        top_ << "X" << instance << join(jack_nodes) << join(plug.nodes) << " " << name << "\n";
        return {&part.jack, jack_nodes};
    }

    std::pair<Connector, Connector> cable(const Connector& outlet);
    void headphone_cups(const Connector& left_cup, const Connector& right_cup);
    void headphone_plug(const Connector& outlet);
    std::string driver_subcircuit();
};

std::pair<Connector, Connector> Compiler::cable(const Connector& outlet) {
    // Named references, not a structured binding: the lambdas below capture them (clang 14 cannot).
    const std::string& model = rig_.cable->first;
    const Cable& part = rig_.cable->second;
    const Connector plug{&part.plug, prefixed("cable_plug_", pole_pins(part.plug))};
    mate(outlet, plug, "cable " + model, rig_.cable_where, false,
         rig_.adapters.empty() ? rig_.jack_contact_resistance_ohm : std::map<std::string, double>{});
    const std::vector<std::string> plug_pins = prefixed("plug_", pole_pins(part.plug));
    const std::vector<std::string> cup_pins = pole_pins(part.headphone_connector);
    const std::string name = spice_name(model);
    parts_ << "\n* cable " << model << ": " << part.description << "\n"
           << "* per conductor and metre: " << number(part.resistance_per_m_ohm) << " Ohm, "
           << number(part.inductance_per_m_h) << " H; " << number(part.capacitance_per_m_f)
           << " F between each pair of conductors; " << number(part.length_m) << " m, legs of " << number(part.leg_m)
           << " m after the Y-split, " << part.sections << " lumped section(s) each\n"
           << ".subckt " << name << join(plug_pins) << join(cup_pins, "l_") << join(cup_pins, "r_") << "\n";

    // Which plug pole each conductor of the main run starts at.
    std::vector<bool> plug_used(plug_pins.size());
    auto start_at = [&](const std::string& function, const std::string& conductor) -> std::string {
        const std::ptrdiff_t pole = pole_index(part.plug, function);
        if (pole < 0)
            throw DeckError(rig_.cable_where, "cable " + model + ": its " + conductor + " conductor needs a '" + function +
                                                  "' pole, and plug '" + part.plug.name + "' has none");
        plug_used[static_cast<std::size_t>(pole)] = true;
        return plug_pins[static_cast<std::size_t>(pole)];
    };
    const bool balanced_plug = pole_index(part.plug, "left-") >= 0 || pole_index(part.plug, "right-") >= 0;
    std::vector<std::pair<std::string, std::string>> main;  // conductor, start node
    if (!part.four_wire) {
        if (balanced_plug)
            throw DeckError(rig_.cable_where, "cable " + model + " has three wires (one shared ground) and cannot carry "
                                                  "the separate returns of balanced plug '" + part.plug.name + "'");
        main = {{"left", start_at("left+", "left")}, {"right", start_at("right+", "right")}, {"ground", start_at("ground", "ground")}};
    } else {
        // A single-ended plug joins the two returns at its ground pole.
        main = {{"left_p", start_at("left+", "left+")},
                {"left_n", start_at(pole_index(part.plug, "left-") >= 0 ? "left-" : "ground", "left-")},
                {"right_p", start_at("right+", "right+")},
                {"right_n", start_at(pole_index(part.plug, "right-") >= 0 ? "right-" : "ground", "right-")}};
    }
    if (part.shield) {
        if (pole_index(part.plug, "ground") >= 0) {
            main.emplace_back("shield", start_at("ground", "shield"));
        } else {
            main.emplace_back("shield", "shield_start");
            parts_ << "Rleak_shield shield_start 0 " << number(insulation_ohm) << "   ; the plug has no ground pole\n";
        }
    }
    for (std::size_t i = 0; i < plug_pins.size(); ++i)
        if (!plug_used[i]) parts_ << "Rleak_" << plug_pins[i] << " " << plug_pins[i] << " 0 " << number(insulation_ohm) << "   ; no conductor\n";

    // A run of conductors in sections: series R and L, then C between each pair.
    auto run = [&](const std::vector<std::pair<std::string, std::string>>& conductors,
                   const std::vector<std::string>& ends, double length_m) {
        const double section_m = length_m / part.sections;
        std::vector<std::string> at;
        for (const auto& [conductor, start] : conductors) at.push_back(start);
        for (int k = 1; k <= part.sections; ++k) {
            for (std::size_t c = 0; c < conductors.size(); ++c) {
                const std::string& conductor = conductors[c].first;
                const std::string middle = conductor + "_m" + std::to_string(k);
                const std::string end = k == part.sections ? ends[c] : conductor + "_" + std::to_string(k);
                parts_ << "R" << conductor << k << " " << at[c] << " " << middle << " "
                       << number(part.resistance_per_m_ohm * section_m) << "\n"
                       << "L" << conductor << k << " " << middle << " " << end << " "
                       << number(part.inductance_per_m_h * section_m) << "\n";
                at[c] = end;
            }
            for (std::size_t a = 0; a < conductors.size(); ++a)
                for (std::size_t b = a + 1; b < conductors.size(); ++b)
                    parts_ << "C" << conductors[a].first << "_" << conductors[b].first << k << " " << at[a] << " " << at[b]
                           << " " << number(part.capacitance_per_m_f * section_m) << "\n";
        }
    };
    std::vector<std::string> split;
    for (const auto& [conductor, start] : main) split.push_back(conductor + "_y");
    parts_ << "* from the plug to the Y-split\n";
    run(main, split, part.length_m - part.leg_m);

    const std::ptrdiff_t plus = pole_index(part.headphone_connector, "plus");
    const std::ptrdiff_t minus = pole_index(part.headphone_connector, "minus");
    if (plus < 0 || minus < 0)
        throw DeckError(rig_.cable_where, "cable " + model + ": headphone connector '" + part.headphone_connector.name +
                                              "' needs a plus and a minus pole");
    for (const char side : {'l', 'r'}) {
        const std::string signal = part.four_wire ? (side == 'l' ? "left_p" : "right_p") : (side == 'l' ? "left" : "right");
        const std::string ret = part.four_wire ? (side == 'l' ? "left_n" : "right_n") : "ground";
        const std::string leg = side == 'l' ? "leftleg" : "rightleg";
        parts_ << "* " << (side == 'l' ? "left" : "right") << " leg, from the Y-split to the cup\n";
        run({{leg + "_plus", signal + "_y"}, {leg + "_minus", ret + "_y"}},
            {std::string(1, side) + "_" + cup_pins[static_cast<std::size_t>(plus)],
             std::string(1, side) + "_" + cup_pins[static_cast<std::size_t>(minus)]},
            part.leg_m);
        for (std::size_t i = 0; i < cup_pins.size(); ++i)
            if (static_cast<std::ptrdiff_t>(i) != plus && static_cast<std::ptrdiff_t>(i) != minus)
                parts_ << "Rleak_" << side << "_" << cup_pins[i] << " " << side << "_" << cup_pins[i] << " 0 "
                       << number(insulation_ohm) << "   ; pin not wired\n";
    }
    parts_ << ".ends " << name << "\n";
    const Connector left{&part.headphone_connector, prefixed("cable_l_", cup_pins)};
    const Connector right{&part.headphone_connector, prefixed("cable_r_", cup_pins)};
    top_ << "Xcable" << join(plug.nodes) << join(left.nodes) << join(right.nodes) << " " << name << "\n";
    return {left, right};
}

std::string Compiler::driver_subcircuit() {
    const Driver& driver = rig_.headphone.driver;
    const auto value = [&](const char* key) { return number(driver.values.at(key)); };
    const std::string name = spice_name(rig_.headphone_model) + "_driver";
    parts_ << "\n* driver of " << rig_.headphone_model << " (" << driver.type << ")\n.subckt " << name << " plus minus\n";
    if (driver.type == "resistor") {
        parts_ << "R1 plus minus " << value("resistance_ohm") << "\n";
    } else if (driver.type == "planar") {
        parts_ << "Rcoil plus coil " << value("re_ohm") << "   ; conductor trace\nLcoil coil minus " << value("le_h") << "\n";
    } else if (driver.type == "measured") {
        parts_ << "* passive R-L-C network fitted to " << driver.impedance_file.string() << " (" << driver.fit->order
               << " poles, " << (driver.fit->network.form == measured::Form::series ? "sections in series" : "branches in parallel")
               << "): worst error " << measured::describe_errors(*driver.fit, driver.fit_options) << "\n"
               << measured::spice_cards(driver.fit->network);
    } else if (driver.type == "dynamic") {
        parts_ << "* Ze = Re + jwLe + [1/Res + jwCmes + 1/(jwLces)]^-1\n"
               << "Rcoil plus coil " << value("re_ohm") << "   ; voice coil Re\n"
               << "Lcoil coil motion " << value("le_h") << "   ; voice coil Le\n"
               << "Rmotion motion minus " << value("res_ohm") << "   ; Res = Bl^2 / Rms\n"
               << "Cmotion motion minus " << value("cmes_f") << "   ; Cmes = Mms / Bl^2\n"
               << "Lmotion motion minus " << value("lces_h") << "   ; Lces = Cms Bl^2\n";
    } else {
        parts_ << "* woofer armature, and a tweeter armature behind a crossover capacitor\n"
               << "Rwoofer plus woofer " << value("woofer_re_ohm") << "\nLwoofer woofer minus " << value("woofer_le_h") << "\n"
               << "Ccrossover plus tweeter_in " << value("crossover_c_f") << "\n"
               << "Rtweeter tweeter_in tweeter " << value("tweeter_re_ohm") << "\nLtweeter tweeter minus "
               << value("tweeter_le_h") << "\n";
    }
    parts_ << ".ends " << name << "\n";
    return name;
}

void Compiler::headphone_cups(const Connector& left_cup, const Connector& right_cup) {
    const Termination& socket = *rig_.headphone.connector;
    const std::vector<std::string> pins = pole_pins(socket);
    const std::ptrdiff_t plus = pole_index(socket, "plus"), minus = pole_index(socket, "minus");
    if (plus < 0 || minus < 0)
        throw DeckError(rig_.headphone_where, "headphone " + rig_.headphone_model + ": its connector '" + socket.name +
                                                  "' needs a plus and a minus pole");
    const std::string driver = driver_subcircuit();
    const std::string name = spice_name(rig_.headphone_model);
    parts_ << "\n* headphone " << rig_.headphone_model << ": " << rig_.headphone.description << "\n"
           << ".subckt " << name << join(pins, "l_") << join(pins, "r_") << "\n";
    for (const char side : {'l', 'r'}) {
        const std::string p = std::string(1, side) + "_";
        const std::string cup = side == 'l' ? "left" : "right";
        parts_ << "V" << cup << "_sense " << p << pins[static_cast<std::size_t>(plus)] << " " << cup
               << "_sense DC 0   ; reads the driver's current\n"
               << "X" << cup << " " << cup << "_sense " << p << pins[static_cast<std::size_t>(minus)] << " " << driver << "\n";
        for (std::size_t i = 0; i < pins.size(); ++i)
            if (static_cast<std::ptrdiff_t>(i) != plus && static_cast<std::ptrdiff_t>(i) != minus)
                parts_ << "Rleak_" << p << pins[i] << " " << p << pins[i] << " 0 " << number(insulation_ohm) << "   ; pin not wired\n";
    }
    parts_ << ".ends " << name << "\n";
    const Connector left{&socket, prefixed("hp_l_", pins)}, right{&socket, prefixed("hp_r_", pins)};
    mate(left, left_cup, "the left cup", rig_.headphone_where, rig_.left_reversed);
    mate(right, right_cup, "the right cup", rig_.headphone_where, rig_.right_reversed);
    top_ << "Xheadphone" << join(left.nodes) << join(right.nodes) << " " << name << "\n";
    result_.left_driver = {left.nodes[static_cast<std::size_t>(plus)], left.nodes[static_cast<std::size_t>(minus)],
                           "i(xheadphone.vleft_sense)"};
    result_.right_driver = {right.nodes[static_cast<std::size_t>(plus)], right.nodes[static_cast<std::size_t>(minus)],
                            "i(xheadphone.vright_sense)"};
}

void Compiler::headphone_plug(const Connector& outlet) {
    const Termination& plug = *rig_.headphone.plug;
    const std::vector<std::string> pins = pole_pins(plug);
    const auto pin = [&](const std::string& function) -> std::string {
        const std::ptrdiff_t index = pole_index(plug, function);
        return index < 0 ? std::string() : pins[static_cast<std::size_t>(index)];
    };
    const std::string left_return = pin("left-").empty() ? pin("ground") : pin("left-");
    const std::string right_return = pin("right-").empty() ? pin("ground") : pin("right-");
    if (pin("left+").empty() || pin("right+").empty() || left_return.empty() || right_return.empty())
        throw DeckError(rig_.headphone_where, "headphone " + rig_.headphone_model + ": plug '" + plug.name +
                                                  "' needs left+, right+ and their returns");
    const std::string driver = driver_subcircuit();
    const std::string name = spice_name(rig_.headphone_model);
    parts_ << "\n* headphone " << rig_.headphone_model << ": " << rig_.headphone.description << "\n"
           << ".subckt " << name << join(pins) << "\n"
           << "Vleft_sense " << pin("left+") << " left_sense DC 0   ; reads the driver's current\n"
           << "Xleft left_sense " << left_return << " " << driver << "\n"
           << "Vright_sense " << pin("right+") << " right_sense DC 0   ; reads the driver's current\n"
           << "Xright right_sense " << right_return << " " << driver << "\n";
    for (std::size_t i = 0; i < pins.size(); ++i) {
        const std::string& function = plug.poles[i];
        if (function == "mic" && rig_.headphone.mic_ohm && !pin("ground").empty())
            parts_ << "Rmic " << pins[i] << " " << pin("ground") << " " << number(*rig_.headphone.mic_ohm) << "   ; microphone element\n";
        else if (function == "mic" || function == "unused")
            parts_ << "Rleak_" << pins[i] << " " << pins[i] << " 0 " << number(insulation_ohm) << "   ; not wired\n";
    }
    parts_ << ".ends " << name << "\n";
    const Connector own{&plug, prefixed("hp_", pins)};
    mate(outlet, own, "headphone " + rig_.headphone_model, rig_.headphone_where, false,
         rig_.adapters.empty() ? rig_.jack_contact_resistance_ohm : std::map<std::string, double>{});
    top_ << "Xheadphone" << join(own.nodes) << " " << name << "\n";
    result_.left_driver = {"hp_" + pin("left+"), "hp_" + left_return, "i(xheadphone.vleft_sense)"};
    result_.right_driver = {"hp_" + pin("right+"), "hp_" + right_return, "i(xheadphone.vright_sense)"};
}

}  // namespace

CompiledRig compile_rig(const Rig& rig, const CompileOptions& options) { return Compiler(rig, options).compile(); }

std::string CompiledRig::parameter_name(std::size_t index) { return "hpn" + std::to_string(index); }

std::string CompiledRig::deck_text() const {
    if (parameter_values.empty()) return netlist;
    // The .param cards after the title line.
    const std::size_t title_end = netlist.find('\n') + 1;
    std::string text = netlist.substr(0, title_end);
    for (std::size_t i = 0; i < parameter_values.size(); ++i) {
        text += ".param ";
        text += parameter_name(i);
        text += '=';
        text += parameter_values[i];
        text += '\n';
    }
    return text + netlist.substr(title_end);
}

std::string node_token(const std::string& function) {
    std::string token;
    for (const char c : function) token += c == '+' ? std::string("_p") : c == '-' ? std::string("_n") : std::string(1, c);
    return token;
}

sim::LoadedDeck load_rig_deck(const Rig& rig, const std::filesystem::path& path, sim::PhaseClock* clock) {
    sim::LoadedDeck deck = sim::load_deck_text(compile_rig(rig).netlist, path.string() + " (compiled)", path.parent_path(), clock);
    deck.circuit.warnings.insert(deck.circuit.warnings.begin(), rig.warnings.begin(), rig.warnings.end());
    return deck;
}

}  // namespace hpsim::headphone
