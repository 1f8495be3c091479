#include "headphone/rig.hpp"

#include <algorithm>
#include <initializer_list>
#include <set>

#include "headphone/number_text.hpp"
#include "spice/suggestion.hpp"

namespace hpsim::headphone {
namespace {

// Applies every key of a rig section except `reserved` as an override of the part's
// figures, looking in the part's top level, then in `subtable`. A value given per
// output mode ({ single-ended = ..., balanced = ... }) takes the one for `mode`.
void apply_overrides(const toml::table& section, const std::filesystem::path& rig_file, Fields& part,
                     const std::set<std::string>& reserved, const std::string& subtable, const std::string& mode) {
    for (const auto& [key, value] : section) {
        const std::string name(key.str());
        if (reserved.count(name)) continue;
        const toml::node* chosen = &value;
        if (const toml::table* per_mode = value.as_table()) {
            if (!subtable.empty() && name == subtable && !per_mode->empty() && !per_mode->contains("single-ended") &&
                !per_mode->contains("balanced")) {
                const std::string first(per_mode->cbegin()->first.str());
                throw DeckError(location_of(rig_file, value.source()),
                                "the " + subtable + "'s figures are overridden directly in the rig's section: write " + first +
                                    " = ... beside model, not in a '" + subtable + "' table");
            }
            for (const auto& [mode_name, mode_value] : *per_mode)
                if (mode_name.str() != "single-ended" && mode_name.str() != "balanced")
                    throw DeckError(location_of(rig_file, mode_value.source()),
                                    "a per-mode value is keyed single-ended or balanced, not '" + std::string(mode_name.str()) + "'");
            chosen = per_mode->get(mode);
            if (!chosen) continue;  // not overridden in this mode
        }
        const SourceLocation where = location_of(rig_file, chosen->source());
        const bool at_top = part.has(name);
        part.override_value(name, *chosen, where, at_top ? "" : subtable);
    }
}

std::string model_of(const Fields& section) { return section.text("model"); }

// What a kind of part plausibly has; a figure outside is warned about, where it is written.
struct PlausibleRange {
    const char* key;
    double low, high;
    const char* unit;
    const char* usual;  // what parts of this kind have
};

void warn_if_implausible(const std::optional<Fields>& part, std::initializer_list<PlausibleRange> ranges,
                         std::vector<spice::Warning>& warnings) {
    if (!part) return;
    for (const PlausibleRange& range : ranges) {
        if (!part->has(range.key)) continue;
        const std::optional<double> value = part->raw()[range.key].value<double>();
        if (!value || (*value >= range.low && *value <= range.high)) continue;
        warnings.push_back({part->where(range.key), part->owner() + ": " + range.key + " = " + format_number("%g", *value) + " " + range.unit +
                                                        " is implausible (" + range.usual + "): a slip of units or digits?"});
    }
}

Rig read_rig(const toml::table& document, const std::filesystem::path& path, const Catalog& catalog,
             const std::optional<std::string>& mode) {
    const Fields rig_fields(document, path, "rig");
    for (const auto& [key, value] : document) {
        static const std::set<std::string> sections{"description", "amplifier", "adapter", "cable", "headphone", "drive"};
        if (!sections.count(std::string(key.str())))
            throw DeckError(location_of(path, value.source()),
                            "unknown rig section '" + std::string(key.str()) + "'" +
                                spice::did_you_mean(key.str(), std::vector<std::string>(sections.begin(), sections.end())));
    }
    Rig rig;
    rig.path = path;
    rig.description = rig_fields.optional_text("description").value_or("");

    const std::optional<Fields> amplifier = rig_fields.table("amplifier");
    if (!amplifier) throw DeckError(rig_fields.where(), "the rig has no [amplifier]");
    rig.amplifier_model = model_of(*amplifier);
    rig.amplifier_where = amplifier->where("model");
    const std::string chosen_mode = mode ? *mode : amplifier->optional_text("mode").value_or("single-ended");
    const SourceLocation mode_where = mode ? SourceLocation{"--mode", 0, 0} : amplifier->where("mode");
    Fields amplifier_part = catalog.get(rig.amplifier_model, "amplifier", amplifier->where("model"));
    apply_overrides(amplifier->as_written(), path, amplifier_part, {"model", "mode", "jack_contact_resistance_ohm"}, chosen_mode,
                    chosen_mode);
    rig.amplifier = read_amplifier(catalog, amplifier_part, chosen_mode, mode_where);
    if (const std::optional<Fields> contacts = amplifier->table("jack_contact_resistance_ohm")) {
        for (const auto& [function, value] : contacts->as_written()) {
            const std::string name(function.str());
            const double resistance = contacts->positive(name);
            const auto& poles = rig.amplifier.output.jack.poles;
            if (std::find(poles.begin(), poles.end(), name) == poles.end())
                throw DeckError(contacts->where(name), "the amplifier's jack has no '" + name + "' contact");
            rig.jack_contact_resistance_ohm[name] = resistance;
            warn_if_implausible(contacts, {{name.c_str(), 0, 10, "Ohm", "a mated contact has 10-50 mOhm, a worn one up to an ohm or so"}},
                                rig.warnings);
        }
    }

    if (const toml::node* adapters = document.get("adapter")) {
        const toml::array* list = adapters->as_array();
        if (!list) throw DeckError(location_of(path, adapters->source()), "adapters are written as [[adapter]] tables");
        for (const toml::node& entry : *list) {
            const toml::table* table = entry.as_table();
            if (!table) throw DeckError(location_of(path, entry.source()), "adapters are written as [[adapter]] tables");
            const Fields section(*table, path, "adapter");
            const std::string model = model_of(section);
            Fields part = catalog.get(model, "adapter", section.where("model"));
            apply_overrides(*table, path, part, {"model"}, "", chosen_mode);
            rig.adapters.emplace_back(model, read_adapter(catalog, part));
            rig.adapter_where.push_back(section.where("model"));
        }
    }

    if (const std::optional<Fields> cable = rig_fields.table("cable")) {
        const std::string model = model_of(*cable);
        Fields part = catalog.get(model, "cable", cable->where("model"));
        apply_overrides(cable->as_written(), path, part, {"model"}, "", chosen_mode);
        warn_if_implausible(part, {{"length_m", 0, 100, "m", "headphone cables are a few metres, extensions tens"}}, rig.warnings);
        rig.cable.emplace(model, read_cable(catalog, part));
        rig.cable_where = cable->where("model");
    }

    const std::optional<Fields> headphone = rig_fields.table("headphone");
    if (!headphone) throw DeckError(rig_fields.where(), "the rig has no [headphone]");
    rig.headphone_model = model_of(*headphone);
    rig.headphone_where = headphone->where("model");
    Fields headphone_part = catalog.get(rig.headphone_model, "headphone", headphone->where("model"));
    apply_overrides(headphone->as_written(), path, headphone_part, {"model", "reversed"}, "driver", chosen_mode);
    rig.headphone = read_headphone(catalog, headphone_part);
    if (headphone->has("reversed")) {
        for (const std::string& side : headphone->texts("reversed")) {
            if (side != "left" && side != "right")
                throw DeckError(headphone->where("reversed"), "reversed lists cups: \"left\", \"right\"");
            (side == "left" ? rig.left_reversed : rig.right_reversed) = true;
        }
        const Termination* cup = rig.headphone.connector ? &*rig.headphone.connector : nullptr;
        if (!cup) throw DeckError(headphone->where("reversed"), "only a per-cup connector can be inserted reversed");
        if (!cup->reversible)
            throw DeckError(headphone->where("reversed"), cup->name + " cannot be inserted reversed (" + cup->description + ")");
    }

    if (const std::optional<Fields> drive = rig_fields.table("drive")) {
        for (const auto& [key, value] : drive->as_written())
            if (key.str() != "left_vrms" && key.str() != "right_vrms")
                throw DeckError(location_of(path, value.source()), "[drive] takes left_vrms and right_vrms");
        if (drive->has("left_vrms")) rig.left_vrms = drive->non_negative("left_vrms");
        if (drive->has("right_vrms")) rig.right_vrms = drive->non_negative("right_vrms");
    }
    warn_if_implausible(amplifier_part.table(chosen_mode),
                        {{"output_impedance_ohm", 0, 1000, "Ohm", "headphone outputs have 0-120 Ohm, OTL tube amps about 120"},
                         {"voltage_limit_vrms", 0, 100, "Vrms", "headphone outputs swing up to a few tens of volts"},
                         {"current_limit_arms", 0, 20, "A rms", "headphone outputs give up to a few amperes"}},
                        rig.warnings);
    warn_if_implausible(headphone_part.table("driver"),
                        {{"re_ohm", 0.5, 2000, "Ohm", "headphone drivers have about 8-600 Ohm"},
                         {"resistance_ohm", 0.5, 2000, "Ohm", "headphone drivers have about 8-600 Ohm"}},
                        rig.warnings);
    warn_if_implausible(rig_fields.table("drive"),
                        {{"left_vrms", 0, 100, "Vrms", "a leg's open-circuit level is a few volts"},
                         {"right_vrms", 0, 100, "Vrms", "a leg's open-circuit level is a few volts"}},
                        rig.warnings);
    if (!rig.cable && !rig.headphone.plug)
        throw DeckError(rig_fields.where(), "the headphone has per-cup connectors: the rig needs a [cable]");
    if (rig.cable && rig.headphone.plug)
        throw DeckError(rig_fields.where("cable"), "the headphone has an integrated cable: remove the rig's [cable]");
    return rig;
}

}  // namespace

Rig load_rig(const std::filesystem::path& path, const Catalog& catalog, const std::optional<std::string>& mode) {
    if (const std::string reason = spice::unreadable_reason(path.string()); !reason.empty())
        throw DeckError({path.string(), 0, 0}, "cannot read the rig: " + reason);
    toml::table document;
    try {
        document = toml::parse_file(path.string());
    } catch (const toml::parse_error& error) {
        throw DeckError(location_of(path, error.source()), std::string(error.description()));
    }
    return read_rig(document, path, catalog, mode);
}

Rig load_rig_document(const toml::table& document, const std::filesystem::path& path, const Catalog& catalog,
                      const std::optional<std::string>& mode) {
    return read_rig(document, path, catalog, mode);
}

Rig load_rig_text(const std::string& text, const std::filesystem::path& path, const Catalog& catalog,
                  const std::optional<std::string>& mode) {
    toml::table document;
    try {
        document = toml::parse(text, path.string());
    } catch (const toml::parse_error& error) {
        throw DeckError(location_of(path, error.source()), std::string(error.description()));
    }
    return read_rig(document, path, catalog, mode);
}

}  // namespace hpsim::headphone
