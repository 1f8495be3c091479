#include "headphone/match/equipment.hpp"

#include <sstream>

#include "headphone/rig.hpp"
#include "io/atomic_file.hpp"

namespace hpsim::headphone::match {
namespace {

// TOML with double-quoted strings, every nested table inline (so that the lines sit
// under one section header).
std::string toml_lines(toml::table section) {
    const auto make_inline = [](auto& self, toml::table& table) -> void {
        for (auto& [key, value] : table)
            if (toml::table* inner = value.as_table()) {
                inner->is_inline(true);
                self(self, *inner);
            }
    };
    make_inline(make_inline, section);
    std::ostringstream out;
    out << toml::toml_formatter{section, toml::toml_formatter::default_flags & ~toml::format_flags::allow_literal_strings} << "\n";
    return out.str();
}

std::string model_line(const std::string& model) {
    toml::table section;
    section.insert("model", model);
    return toml_lines(section);
}

}  // namespace

Equipment equipment_from_catalog(const Catalog& catalog, const std::string& amplifier, const std::string& headphone) {
    const SourceLocation where{"hpsim match", 0, 0};
    Equipment equipment;
    equipment.amplifier_model = amplifier;
    equipment.headphone_model = headphone;
    const Fields entry = catalog.get(amplifier, "amplifier", where);
    for (const std::string& mode : amplifier_modes(catalog, amplifier, where))
        equipment.outputs.push_back(read_amplifier(catalog, entry, mode, where).output);
    equipment.headphone = read_headphone(catalog, catalog.get(headphone, "headphone", where));
    equipment.amplifier_lines = model_line(amplifier);
    equipment.headphone_lines = model_line(headphone);
    return equipment;
}

Equipment equipment_from_rig(const Catalog& catalog, const std::filesystem::path& rig) {
    load_rig(rig, catalog);  // reports a file that cannot be read, or a bad rig, where it is written
    return equipment_from_rig_text(catalog, io::read_file(rig), rig);
}

Equipment equipment_from_rig_text(const Catalog& catalog, const std::string& text, const std::filesystem::path& rig) {
    Equipment equipment;
    const Rig first = load_rig_text(text, rig, catalog);  // reports a bad rig where it is written
    equipment.amplifier_model = first.amplifier_model;
    equipment.headphone_model = first.headphone_model;
    equipment.headphone = first.headphone;
    for (const std::string& mode : amplifier_modes(catalog, first.amplifier_model, first.amplifier_where))
        equipment.outputs.push_back(load_rig_text(text, rig, catalog, mode).amplifier.output);

    const toml::table document = toml::parse(text, rig.string());  // parsed once already by load_rig_text
    toml::table amplifier = *document["amplifier"].as_table();
    toml::table headphone = *document["headphone"].as_table();
    for (toml::table* section : {&amplifier, &headphone}) section->erase("model");
    amplifier.erase("mode");  // each path takes its own output; `reversed` stays: how the earpieces go in is the user's
    // A measured curve named relative to the rig stays that file wherever a path's rig is read.
    if (const auto file = headphone["impedance_file"].value<std::string>(); file && std::filesystem::path(*file).is_relative())
        headphone.insert_or_assign("impedance_file", std::filesystem::absolute(rig.parent_path() / *file).lexically_normal().string());
    equipment.amplifier_lines = model_line(equipment.amplifier_model) + (amplifier.empty() ? "" : toml_lines(amplifier));
    equipment.headphone_lines = model_line(equipment.headphone_model) + (headphone.empty() ? "" : toml_lines(headphone));
    return equipment;
}

}  // namespace hpsim::headphone::match
