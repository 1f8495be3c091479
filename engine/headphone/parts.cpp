#include "headphone/parts.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "headphone/measured_driver.hpp"
#include "headphone/thiele_small.hpp"

namespace hpsim::headphone {
namespace {

const std::set<std::string> pole_functions{"left+", "left-", "right+", "right-", "ground", "mic", "plus", "minus", "unused"};

// Conductor resistance per metre for a wire gauge, from the catalog's wire table.
double awg_resistance(const Catalog& catalog, const Fields& cable) {
    const double awg = cable.number("awg");
    for (const CatalogEntry& entry : catalog.entries()) {
        if (entry.kind != "wire-table") continue;
        const Fields table(*entry.table, entry.path, "wire table '" + entry.name + "'");
        const std::vector<double> gauges = table.numbers("awg");
        const std::vector<double> resistances = table.numbers("resistance_per_m_ohm");
        for (std::size_t i = 0; i < gauges.size() && i < resistances.size(); ++i)
            if (gauges[i] == awg) return resistances[i];
    }
    throw DeckError(cable.where("awg"), cable.owner() + ": no wire table lists AWG " + std::to_string(static_cast<int>(awg)));
}

void require_driver_values(const Fields& driver, Driver& result, std::initializer_list<const char*> keys) {
    for (const char* key : keys) result.values[key] = driver.positive(key);
}

}  // namespace

Termination read_termination(const Catalog& catalog, const std::string& name, const SourceLocation& where) {
    const Fields fields = catalog.get(name, "termination", where);
    Termination termination;
    termination.name = name;
    termination.description = fields.optional_text("description").value_or("");
    termination.family = fields.text("family");
    termination.diameter_mm = fields.non_negative("diameter_mm");
    termination.poles = fields.texts("poles");
    termination.contact_resistance_ohm = fields.positive("contact_resistance_ohm");
    termination.reversible = fields.flag("reversible", false);
    termination.per_channel = fields.flag("per_channel", false);
    if (termination.poles.empty()) throw DeckError(fields.where("poles"), fields.owner() + " has no poles");
    for (const std::string& pole : termination.poles)
        if (!pole_functions.count(pole)) throw DeckError(fields.where("poles"), fields.owner() + ": unknown pole function '" + pole + "'");
    return termination;
}

Termination stereo_connector(const Termination& termination) {
    if (!termination.per_channel || termination.connectors == 2) return termination;
    Termination pair = termination;
    pair.connectors = 2;
    pair.poles.clear();
    for (const std::string side : {"left", "right"})
        for (const std::string& pole : termination.poles)
            pair.poles.push_back(pole == "plus" ? side + "+" : pole == "minus" ? side + "-" : pole);
    return pair;
}

std::vector<std::string> amplifier_modes(const Catalog& catalog, const std::string& amplifier, const SourceLocation& where) {
    const Fields entry = catalog.get(amplifier, "amplifier", where);
    std::vector<std::string> found;
    for (const char* mode : {"single-ended", "balanced"})
        if (entry.has(mode)) found.emplace_back(mode);
    if (found.empty()) throw DeckError(entry.where(), entry.owner() + " has neither a single-ended nor a balanced output");
    return found;
}

Amplifier read_amplifier(const Catalog& catalog, Fields fields, const std::string& mode, const SourceLocation& mode_where) {
    Amplifier amplifier;
    amplifier.description = fields.optional_text("description").value_or("");
    amplifier.ground_return_ohm = fields.positive("ground_return_ohm");
    if (mode != "single-ended" && mode != "balanced")
        throw DeckError(mode_where, "unknown output mode '" + mode + "' (single-ended or balanced)");
    const std::optional<Fields> output = fields.table(mode);
    if (!output) throw DeckError(mode_where, fields.owner() + " has no " + mode + " output");
    AmplifierOutput& result = amplifier.output;
    result.mode = mode;
    result.jack = stereo_connector(read_termination(catalog, output->text("jack"), output->where("jack")));
    result.output_impedance_ohm = output->positive("output_impedance_ohm");
    result.voltage_limit_vrms = output->positive("voltage_limit_vrms");
    result.current_limit_arms = output->positive("current_limit_arms");
    if (output->has("mic_bias_ohm")) result.mic_bias_ohm = output->positive("mic_bias_ohm");
    return amplifier;
}

Adapter read_adapter(const Catalog& catalog, const Fields& fields) {
    Adapter adapter;
    adapter.description = fields.optional_text("description").value_or("");
    adapter.jack = stereo_connector(read_termination(catalog, fields.text("jack"), fields.where("jack")));
    adapter.plug = stereo_connector(read_termination(catalog, fields.text("plug"), fields.where("plug")));
    adapter.wire_resistance_ohm = fields.positive("wire_resistance_ohm");
    const toml::array* wiring = fields.raw().get_as<toml::array>("wiring");
    if (!wiring) throw DeckError(fields.where("wiring"), fields.owner() + " needs 'wiring': [jack function, plug function] pairs");
    for (const toml::node& pair : *wiring) {
        const toml::array* ends = pair.as_array();
        const auto from = ends && ends->size() == 2 ? (*ends)[0].value<std::string>() : std::nullopt;
        const auto to = ends && ends->size() == 2 ? (*ends)[1].value<std::string>() : std::nullopt;
        if (!from || !to) throw DeckError(location_of(fields.where().file.str(), pair.source()), "wiring pairs are [jack function, plug function]");
        const auto has = [](const Termination& t, const std::string& f) { return std::find(t.poles.begin(), t.poles.end(), f) != t.poles.end(); };
        if (!has(adapter.jack, *from) || !has(adapter.plug, *to))
            throw DeckError(location_of(fields.where().file.str(), pair.source()),
                            "wiring [" + *from + ", " + *to + "]: the jack or the plug has no such pole");
        adapter.wiring.emplace_back(*from, *to);
    }
    return adapter;
}

Cable read_cable(const Catalog& catalog, const Fields& fields) {
    Cable cable;
    cable.description = fields.optional_text("description").value_or("");
    const std::string topology = fields.text("topology");
    if (topology != "three-wire" && topology != "four-wire")
        throw DeckError(fields.where("topology"), fields.owner() + ": topology must be three-wire or four-wire");
    cable.four_wire = topology == "four-wire";
    cable.plug = stereo_connector(read_termination(catalog, fields.text("plug"), fields.where("plug")));
    cable.headphone_connector = read_termination(catalog, fields.text("headphone_connector"), fields.where("headphone_connector"));
    const auto balanced = [](const Termination& plug) {
        return std::count(plug.poles.begin(), plug.poles.end(), "left-") + std::count(plug.poles.begin(), plug.poles.end(), "right-") > 0;
    };
    if (fields.has("plugs")) {
        for (const std::string& name : fields.texts("plugs")) {
            cable.plug_options.push_back(stereo_connector(read_termination(catalog, name, fields.where("plugs"))));
            if (!cable.four_wire && balanced(cable.plug_options.back()))
                throw DeckError(fields.where("plugs"), fields.owner() + " has three wires (one shared ground) and cannot take "
                                                       "balanced plug '" + name + "'");
        }
        const auto& options = cable.plug_options;
        if (std::none_of(options.begin(), options.end(), [&](const Termination& t) { return t.name == cable.plug.name; }))
            throw DeckError(fields.where("plug"), fields.owner() + ": its plug '" + cable.plug.name + "' is not one of its 'plugs'");
    } else {
        cable.plug_options.push_back(cable.plug);
    }
    cable.resistance_per_m_ohm = fields.has("resistance_per_m_ohm") ? fields.positive("resistance_per_m_ohm") : awg_resistance(catalog, fields);
    cable.inductance_per_m_h = fields.positive("inductance_per_m_h");
    cable.capacitance_per_m_f = fields.positive("capacitance_per_m_f");
    cable.length_m = fields.positive("length_m");
    cable.leg_m = fields.positive("y_split_leg_m");
    if (cable.leg_m >= cable.length_m)
        throw DeckError(fields.where("y_split_leg_m"), fields.owner() + ": the legs after the Y-split must be shorter than the cable");
    const double sections = fields.positive("sections");
    if (sections != std::floor(sections) || sections > 100)
        throw DeckError(fields.where("sections"), fields.owner() + ": sections must be a whole number from 1 to 100");
    cable.sections = static_cast<int>(sections);
    cable.shield = fields.flag("shield", false);
    return cable;
}

Headphone read_headphone(const Catalog& catalog, const Fields& fields) {
    Headphone headphone;
    headphone.description = fields.optional_text("description").value_or("");
    if (const auto connector = fields.optional_text("connector"))
        headphone.connector = read_termination(catalog, *connector, fields.where("connector"));
    if (const auto plug = fields.optional_text("plug"))
        headphone.plug = stereo_connector(read_termination(catalog, *plug, fields.where("plug")));
    if (headphone.connector.has_value() == headphone.plug.has_value())
        throw DeckError(fields.where(), fields.owner() + " needs either a per-cup 'connector' or an integrated 'plug'");
    if (fields.has("mic_ohm")) headphone.mic_ohm = fields.positive("mic_ohm");
    headphone.sensitivity_db_per_mw = fields.optional_number("sensitivity_db_per_mw");
    headphone.sensitivity_db_per_v = fields.optional_number("sensitivity_db_per_v");
    const std::optional<Fields> driver = fields.table("driver");
    if (!driver) throw DeckError(fields.where(), fields.owner() + " has no [driver]");
    Driver& result = headphone.driver;
    result.type = driver->text("type");
    if (result.type == "resistor") {
        require_driver_values(*driver, result, {"resistance_ohm"});
    } else if (result.type == "planar") {
        require_driver_values(*driver, result, {"re_ohm", "le_h"});
    } else if (result.type == "dynamic") {
        const ThieleSmall figures = read_thiele_small(*driver);
        result.values = {{"re_ohm", figures.re_ohm}, {"le_h", figures.le_h},     {"res_ohm", figures.res_ohm},
                         {"cmes_f", figures.cmes_f}, {"lces_h", figures.lces_h}, {"fs_hz", figures.fs_hz},
                         {"qms", figures.qms},       {"qes", figures.qes}};
    } else if (result.type == "measured") {
        read_measured_driver(*driver, result);
    } else if (result.type == "multi-ba") {
        require_driver_values(*driver, result, {"woofer_re_ohm", "woofer_le_h", "tweeter_re_ohm", "tweeter_le_h", "crossover_c_f"});
    } else {
        throw DeckError(driver->where("type"), fields.owner() + ": driver type must be resistor, dynamic, planar, multi-ba or measured");
    }
    return headphone;
}

}  // namespace hpsim::headphone
