#include "headphone/sweep/merge.hpp"

#include <fstream>
#include <map>
#include <cctype>
#include <memory>
#include <optional>
#include <regex>
#include <stdexcept>
#include <string>

#include "io/atomic_file.hpp"

namespace hpsim::headphone::sweep {
namespace {

struct Part {
    std::filesystem::path path;
    std::unique_ptr<std::ifstream> stream;
    bool csv = true;
    std::size_t shard = 0, shards = 0, variants = 0;
    std::string sweep;   // the sweep's fingerprint
    std::string header;  // CSV only
};

[[noreturn]] void fail(const Part& part, const std::string& message) {
    throw std::runtime_error("'" + part.path.string() + "': " + message);
}

Part open_part(const std::filesystem::path& path) {
    Part part;
    part.path = path;
    part.stream = std::make_unique<std::ifstream>(path, std::ios::binary);
    if (!*part.stream) fail(part, "cannot read it");
    std::string first;
    std::getline(*part.stream, first);
    static const std::regex csv_part(R"(# hpsim sweep part (\d{1,10})/(\d{1,10}) of (\d{1,19}) variants, sweep ([0-9a-f]+))");
    static const std::regex json_part(
        R"re(\{"sweep_part": \{"shard": (\d{1,10}), "of": (\d{1,10}), "variants": (\d{1,19}), "sweep": "([0-9a-f]+)"\}\})re");
    std::smatch match;
    if (std::regex_match(first, match, csv_part)) part.csv = true;
    else if (std::regex_match(first, match, json_part)) part.csv = false;
    else fail(part, "not a part of a sweep (no part line: was it written with --shard K/N?)");
    part.shard = std::stoull(match[1]);
    part.shards = std::stoull(match[2]);
    part.variants = std::stoull(match[3]);
    part.sweep = match[4];
    if (part.shard < 1 || part.shard > part.shards) fail(part, "its part line names shard " + match[1].str() + " of " + match[2].str());
    if (part.csv && !std::getline(*part.stream, part.header)) fail(part, "it ends before its header");
    return part;
}

std::string which_variants(std::size_t first, std::size_t step, std::size_t variants) {
    std::string list;
    std::size_t shown = 0;
    for (std::size_t v = first; v < variants && shown < 4; v += step, ++shown) list += (list.empty() ? "" : ", ") + std::to_string(v);
    if (first + shown * step < variants) list += ", ...";
    return list;
}

// The variant number a row starts with.
std::optional<std::size_t> variant_of(const std::string& row, bool csv) {
    const std::string prefix = csv ? "" : "{\"variant\": ";
    if (row.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
    std::size_t value = 0, i = prefix.size();
    if (i >= row.size() || !std::isdigit(static_cast<unsigned char>(row[i]))) return std::nullopt;
    for (; i < row.size() && std::isdigit(static_cast<unsigned char>(row[i])); ++i) value = value * 10 + static_cast<std::size_t>(row[i] - '0');
    return value;
}

}  // namespace

void merge_parts(const std::vector<std::filesystem::path>& paths, const std::filesystem::path& output) {
    if (paths.empty()) throw std::runtime_error("no parts to merge");
    std::map<std::size_t, Part> by_shard;
    std::size_t shards = 0, variants = 0;
    bool csv = true;
    std::string header, sweep;
    for (const auto& path : paths) {
        Part part = open_part(path);
        if (by_shard.empty()) {
            shards = part.shards, variants = part.variants, csv = part.csv, header = part.header, sweep = part.sweep;
        } else if (part.sweep != sweep) {
            fail(part, "a part of another sweep (spec, rig, catalog or format " + part.sweep + "; '" + by_shard.begin()->second.path.string() +
                           "' is of " + sweep + ")");
        } else if (part.shards != shards || part.variants != variants || part.csv != csv) {
            fail(part, "a part of another sweep (shard " + std::to_string(part.shard) + "/" + std::to_string(part.shards) + " of " +
                           std::to_string(part.variants) + " variants, " + (part.csv ? "CSV" : "JSON lines") + "; the first part: " +
                           std::to_string(shards) + " shards of " + std::to_string(variants) + " variants, " + (csv ? "CSV" : "JSON lines") + ")");
        } else if (part.header != header) {
            fail(part, "its columns differ from '" + by_shard.begin()->second.path.string() + "'s: a part of another sweep");
        }
        if (const auto found = by_shard.find(part.shard); found != by_shard.end())
            fail(part, "shard " + std::to_string(part.shard) + "/" + std::to_string(shards) + " is given twice (also '" +
                           found->second.path.string() + "'): variants " + which_variants(part.shard - 1, shards, variants) + " are duplicated");
        by_shard.emplace(part.shard, std::move(part));
    }
    for (std::size_t k = 1; k <= shards; ++k)
        if (!by_shard.count(k))
            throw std::runtime_error("shard " + std::to_string(k) + "/" + std::to_string(shards) + " is missing: variants " +
                                     which_variants(k - 1, shards, variants) + " are in no part");

    io::AtomicFile out(output);
    if (csv) out.write(header + "\n");
    std::string row;
    for (std::size_t variant = 0; variant < variants; ++variant) {
        Part& part = by_shard.at(variant % shards + 1);
        if (!std::getline(*part.stream, row) || part.stream->eof())
            fail(part, "it ends before variant " + std::to_string(variant) + ": variants " + which_variants(variant, shards, variants) +
                           " are missing (an unfinished run? go on with --resume)");
        const std::optional<std::size_t> found = variant_of(row, csv);
        if (!found) fail(part, "a row that does not start with its variant number, where variant " + std::to_string(variant) + " belongs");
        if (*found != variant)
            fail(part, "variant " + std::to_string(*found) + " where variant " + std::to_string(variant) + " belongs" +
                           (*found < variant ? " (duplicated)" : " (variant " + std::to_string(variant) + " is missing)"));
        out.write(row);
        out.write("\n");
    }
    for (auto& [shard, part] : by_shard)
        if (std::getline(*part.stream, row))
            fail(part, "rows beyond its share of " + std::to_string(variants) + " variants (" +
                           (variant_of(row, csv) ? "variant " + std::to_string(*variant_of(row, csv)) : std::string("a stray line")) + ")");
    out.commit();
}

}  // namespace hpsim::headphone::sweep
