#pragma once
// The part catalog: one TOML file per entry under models/, each with a `kind`.
// Typed reads report errors at the file, line and column of the offending value.
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "headphone/toml.hpp"

#include "spice/diagnostic.hpp"

namespace hpsim::headphone {

using spice::DeckError;
using spice::SourceLocation;

// A TOML table with the file it came from, read with located errors. Values a rig
// overrides keep the rig's location.
class Fields {
public:
    // `table` must outlive the Fields: source locations are read from it (a copy of a
    // toml++ table has none); values are copied so that a rig can override them.
    Fields(const toml::table& table, std::filesystem::path file, std::string owner);

    const std::string& owner() const { return owner_; }  // "amplifier 'portable-player'"
    bool has(const std::string& key) const { return table_.contains(key); }
    SourceLocation where(const std::string& key) const;  // of the value, else of the table
    SourceLocation where() const;

    double number(const std::string& key) const;  // required
    std::optional<double> optional_number(const std::string& key) const;
    double positive(const std::string& key) const;      // > 0
    double non_negative(const std::string& key) const;  // >= 0
    std::string text(const std::string& key) const;
    std::optional<std::string> optional_text(const std::string& key) const;
    bool flag(const std::string& key, bool fallback) const;
    std::vector<std::string> texts(const std::string& key) const;
    std::vector<double> numbers(const std::string& key) const;
    std::optional<Fields> table(const std::string& key) const;
    const toml::table& raw() const { return table_; }            // values, with overrides
    const toml::table& as_written() const { return *origin_; }   // with source locations

    // Replaces `key` (which must exist, here or in `subtable`) with a value from a rig.
    void override_value(const std::string& key, const toml::node& value, const SourceLocation& where,
                        const std::string& subtable = "");

private:
    toml::table table_;
    const toml::table* origin_;
    std::filesystem::path file_;
    std::string owner_;
    std::map<std::string, SourceLocation> overridden_;

    const toml::node& required(const std::string& key) const;
    [[noreturn]] void wrong_type(const std::string& key, const char* expected) const;
};

SourceLocation location_of(const std::filesystem::path& file, const toml::source_region& region);

struct CatalogEntry {
    std::string name;  // the file name without .toml
    std::string kind;  // termination, adapter, cable, amplifier, headphone, wire-table
    std::filesystem::path path;
    std::shared_ptr<const toml::table> table;  // shared, so that entries can move without losing locations
};

class Catalog {
public:
    // Reads every .toml file under the folder. Throws DeckError for a bad file.
    static Catalog load(const std::filesystem::path& folder);
    static std::filesystem::path default_folder();  // HPSIM_MODELS, else the source tree's models/
    // Adds one entry written in memory, as if read from `file`. Throws DeckError.
    void add_text(const std::filesystem::path& file, std::string_view text);

    const std::vector<CatalogEntry>& entries() const { return entries_; }
    const CatalogEntry* find(const std::string& name) const;
    // The entry of that kind, or a DeckError at `where` naming the problem.
    Fields get(const std::string& name, const std::string& kind, const SourceLocation& where) const;

private:
    std::vector<CatalogEntry> entries_;  // sorted by kind, then name

    void add(const std::filesystem::path& file, std::shared_ptr<toml::table> table);
};

}  // namespace hpsim::headphone
