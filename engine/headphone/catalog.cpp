#include "headphone/catalog.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <set>
#include <tuple>

#include "headphone/json_text.hpp"
#include "spice/suggestion.hpp"

namespace hpsim::headphone {
namespace {

const std::set<std::string> known_kinds{"termination", "adapter", "cable", "amplifier", "headphone", "wire-table"};

}  // namespace

SourceLocation location_of(const std::filesystem::path& file, const toml::source_region& region) {
    return {file.string(), static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
}

Fields::Fields(const toml::table& table, std::filesystem::path file, std::string owner)
    : table_(table), origin_(&table), file_(std::move(file)), owner_(std::move(owner)) {}

SourceLocation Fields::where() const {
    SourceLocation location = location_of(file_, origin_ ? origin_->source() : table_.source());
    if (location.line == 0) location.line = location.column = 1;
    return location;
}

SourceLocation Fields::where(const std::string& key) const {
    if (const auto found = overridden_.find(key); found != overridden_.end()) return found->second;
    if (const toml::node* node = origin_ ? origin_->get(key) : nullptr) return location_of(file_, node->source());
    return where();
}

const toml::node& Fields::required(const std::string& key) const {
    const toml::node* node = table_.get(key);
    if (!node) throw DeckError(where(), owner_ + " has no '" + key + "'");
    return *node;
}

namespace {

// The unit a figure's name ends in ("output_impedance_ohm": Ohm), for messages; "" if none.
std::string unit_of(const std::string& key) {
    static const std::pair<const char*, const char*> units[] = {
        {"_db_per_mw", "dB/mW"}, {"_db_per_v", "dB/V"}, {"_per_m_h", "H/m"}, {"_per_m_f", "F/m"}, {"_m_per_n", "m/N"},
        {"_kg_per_s", "kg/s"},   {"_ohm", "Ohm"},       {"_vrms", "V rms"},  {"_arms", "A rms"},  {"_hz", "Hz"},
        {"_db", "dB"},           {"_deg", "degrees"},   {"_kg", "kg"},       {"_tm", "T m"},      {"_mw", "mW"},
        {"_m", "m"},             {"_h", "H"},           {"_f", "F"}};
    for (const auto& [suffix, unit] : units)
        if (key.size() > std::strlen(suffix) && key.ends_with(suffix)) return unit;
    return "";
}

// "an amplifier", "a cable".
std::string with_article(const std::string& noun) {
    return (!noun.empty() && std::string_view("aeiou").find(noun[0]) != std::string_view::npos ? "an " : "a ") + noun;
}

// What a value is, for messages: "the string '2 ohm'", "the number 2", "a table".
std::string described(const toml::node& value) {
    if (const auto* text = value.as_string()) return "the string '" + text->get() + "'";
    if (const auto number = value.value<double>())
        return std::isfinite(*number) ? "the number " + json_number(*number) : std::isnan(*number) ? "nan" : *number > 0 ? "inf" : "-inf";
    if (const auto* flag = value.as_boolean()) return flag->get() ? "true" : "false";
    if (value.is_table()) return "a table";
    if (value.is_array()) return "a list";
    return "a date or time";
}

// "a number in Ohm" for a number with a unit, else the kind as it is.
std::string expected_kind(const std::string& key, const std::string& kind) {
    const std::string unit = unit_of(key);
    return kind.find("number") != std::string::npos && !unit.empty() ? kind + " in " + unit : kind;
}

}  // namespace

void Fields::wrong_type(const std::string& key, const char* expected) const {
    const toml::node* given = table_.get(key);
    throw DeckError(where(key), owner_ + ": '" + key + "' must be " + expected_kind(key, expected) +
                                    (given ? ", not " + described(*given) : std::string()));
}

double Fields::number(const std::string& key) const {
    const toml::node& node = required(key);
    if (const auto value = node.value<double>()) {  // integers convert too
        if (!std::isfinite(*value)) wrong_type(key, "a finite number");  // TOML's inf and nan
        return *value;
    }
    wrong_type(key, "a number");
}

std::optional<double> Fields::optional_number(const std::string& key) const {
    if (!has(key)) return std::nullopt;
    return number(key);
}

double Fields::positive(const std::string& key) const {
    const double value = number(key);
    if (!(value > 0)) throw DeckError(where(key), owner_ + ": '" + key + "' must be above zero");
    return value;
}

double Fields::non_negative(const std::string& key) const {
    const double value = number(key);
    if (!(value >= 0)) throw DeckError(where(key), owner_ + ": '" + key + "' must not be negative");
    return value;
}

std::string Fields::text(const std::string& key) const {
    const toml::node& node = required(key);
    if (const auto value = node.value<std::string>()) return *value;
    wrong_type(key, "a string");
}

std::optional<std::string> Fields::optional_text(const std::string& key) const {
    if (!has(key)) return std::nullopt;
    return text(key);
}

bool Fields::flag(const std::string& key, bool fallback) const {
    if (!has(key)) return fallback;
    if (const auto value = table_.get(key)->value<bool>()) return *value;
    wrong_type(key, "true or false");
}

std::vector<std::string> Fields::texts(const std::string& key) const {
    const toml::array* array = required(key).as_array();
    if (!array) wrong_type(key, "an array of strings");
    std::vector<std::string> values;
    for (const toml::node& element : *array) {
        const auto value = element.value<std::string>();
        if (!value) wrong_type(key, "an array of strings");
        values.push_back(*value);
    }
    return values;
}

std::vector<double> Fields::numbers(const std::string& key) const {
    const toml::array* array = required(key).as_array();
    if (!array) wrong_type(key, "an array of numbers");
    std::vector<double> values;
    for (const toml::node& element : *array) {
        const auto value = element.value<double>();
        if (!value) wrong_type(key, "an array of numbers");
        values.push_back(*value);
    }
    return values;
}

std::optional<Fields> Fields::table(const std::string& key) const {
    const toml::node* node = table_.get(key);
    if (!node) return std::nullopt;
    const toml::table* inner = node->as_table();
    if (!inner) wrong_type(key, "a table");
    const toml::node* original = origin_ ? origin_->get(key) : nullptr;
    const toml::table* original_table = original ? original->as_table() : nullptr;
    Fields fields(original_table ? *original_table : *inner, file_, owner_ + " [" + key + "]");
    fields.table_ = *inner;  // the values, with any overrides
    for (const auto& [name, location] : overridden_)
        if (name.rfind(key + ".", 0) == 0) fields.overridden_[name.substr(key.size() + 1)] = location;
    return fields;
}

void Fields::override_value(const std::string& key, const toml::node& value, const SourceLocation& where,
                            const std::string& subtable) {
    toml::table* target = &table_;
    if (!subtable.empty()) target = table_.get(subtable) ? table_.get(subtable)->as_table() : nullptr;
    if (!target || !target->contains(key)) {
        std::vector<std::string> figures;
        for (const toml::table* table : {&table_, target})
            if (table)
                for (const auto& [name, value] : *table)
                    if (!value.is_table()) figures.emplace_back(name.str());
        throw DeckError(where, owner_ + " has no figure '" + key + "' to override" + spice::did_you_mean(key, figures));
    }
    const toml::node* old = target->get(key);
    if (old->is_number() != value.is_number() || old->is_string() != value.is_string() ||
        old->is_boolean() != value.is_boolean()) {
        const std::string kind = old->is_number() ? "a number" : old->is_string() ? "a string" : old->is_boolean() ? "true or false"
                                                                                                             : "a list";
        throw DeckError(where, "'" + key + "' is " + expected_kind(key, kind) + " (as in " + owner_ + "), not " + described(value));
    }
    target->insert_or_assign(key, toml::node_view<const toml::node>(value));
    overridden_[subtable.empty() ? key : subtable + "." + key] = where;
}

Catalog Catalog::load(const std::filesystem::path& folder) {
    std::error_code error;
    if (!std::filesystem::is_directory(folder, error))
        throw DeckError({folder.string(), 0, 0}, "model catalog folder not found");
    Catalog catalog;
    for (const auto& file : std::filesystem::recursive_directory_iterator(folder)) {
        if (file.path().extension() != ".toml") continue;
        auto table = std::make_shared<toml::table>();
        try {
            *table = toml::parse_file(file.path().string());
        } catch (const toml::parse_error& parse_error) {
            throw DeckError(location_of(file.path(), parse_error.source()), std::string(parse_error.description()));
        }
        catalog.add(file.path(), std::move(table));
    }
    return catalog;
}

void Catalog::add_text(const std::filesystem::path& file, std::string_view text) {
    auto table = std::make_shared<toml::table>();
    try {
        *table = toml::parse(text, file.string());
    } catch (const toml::parse_error& parse_error) {
        throw DeckError(location_of(file, parse_error.source()), std::string(parse_error.description()));
    }
    add(file, std::move(table));
}

void Catalog::add(const std::filesystem::path& file, std::shared_ptr<toml::table> table) {
    const std::string name = file.stem().string();
    const Fields fields(*table, file, "catalog entry '" + name + "'");
    const std::string kind = fields.text("kind");
    if (!known_kinds.count(kind)) throw DeckError(fields.where("kind"), "unknown kind '" + kind + "'");
    if (const CatalogEntry* other = find(name))
        throw DeckError(fields.where(), "catalog entry '" + name + "' is defined twice (also " + other->path.string() + ")");
    CatalogEntry entry{name, kind, file, std::move(table)};
    const auto place = std::upper_bound(entries_.begin(), entries_.end(), entry, [](const auto& a, const auto& b) {
        return std::tie(a.kind, a.name) < std::tie(b.kind, b.name);
    });
    entries_.insert(place, std::move(entry));
}

std::filesystem::path Catalog::default_folder() {
    if (const char* folder = std::getenv("HPSIM_MODELS"); folder && *folder) return folder;
    return HPSIM_DEFAULT_MODELS_DIR;
}

const CatalogEntry* Catalog::find(const std::string& name) const {
    for (const CatalogEntry& entry : entries_)
        if (entry.name == name) return &entry;
    return nullptr;
}

Fields Catalog::get(const std::string& name, const std::string& kind, const SourceLocation& where) const {
    const CatalogEntry* entry = find(name);
    if (!entry) {
        std::vector<std::string> of_kind;
        for (const CatalogEntry& candidate : entries_)
            if (candidate.kind == kind) of_kind.push_back(candidate.name);
        const std::string hint = spice::did_you_mean(name, of_kind);
        throw DeckError(where, "unknown " + kind + " '" + name + "'" + (hint.empty() ? " (see 'hpsim models')" : hint));
    }
    if (entry->kind != kind)
        throw DeckError(where, "'" + name + "' is " + with_article(entry->kind) + ", not " + with_article(kind));
    return Fields(*entry->table, entry->path, kind + " '" + name + "'");
}

}  // namespace hpsim::headphone
