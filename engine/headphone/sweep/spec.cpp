#include "headphone/sweep/spec.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

#include "headphone/compiler.hpp"
#include "headphone/json_text.hpp"
#include "headphone/rig.hpp"
#include "spice/suggestion.hpp"

namespace hpsim::headphone::sweep {
namespace {

// More variants than this is a mistake in the spec, not a question (about a day of
// work at a few thousand variants per second).
constexpr double max_variants = 1e9;
constexpr std::size_t max_axes = 16;
constexpr std::int64_t max_points = 1'000'000;

const std::set<std::string> sections{"amplifier", "adapter", "cable", "headphone", "drive"};

// Every figure a rig may set for its parts, as `section.key`.
std::set<std::string> known_figures(const toml::table& rig_document, const Rig& rig, const Catalog& catalog) {
    std::set<std::string> figures{"amplifier.model", "amplifier.mode", "cable.model", "headphone.model", "drive.left_vrms",
                                  "drive.right_vrms"};
    const std::set<std::string> not_figures{"kind", "description", "source"};
    auto add_entry = [&](const std::string& section, const std::string& model) {
        const CatalogEntry* entry = catalog.find(model);
        if (!entry) return;
        for (const auto& [key, value] : *entry->table) {
            const std::string name(key.str());
            if (not_figures.count(name)) continue;
            if (const toml::table* sub = value.as_table()) {  // a mode's or the driver's own figures
                for (const auto& [sub_key, sub_value] : *sub)
                    if (!not_figures.count(std::string(sub_key.str()))) figures.insert(section + "." + std::string(sub_key.str()));
            } else if (!value.is_array()) {
                figures.insert(section + "." + name);
            }
        }
    };
    add_entry("amplifier", rig.amplifier_model);
    // Adapters are a list: adapter.N.key is the N-th's (from 1); with one, adapter.key too.
    if (const toml::array* adapters = rig_document["adapter"].as_array())
        for (std::size_t i = 0; i < adapters->size(); ++i) {
            const toml::table* adapter = (*adapters)[i].as_table();
            const toml::value<std::string>* model = adapter ? (*adapter)["model"].as_string() : nullptr;
            if (!model) continue;
            for (const std::string& section : adapters->size() == 1 ? std::vector<std::string>{"adapter.1", "adapter"}
                                                                    : std::vector<std::string>{"adapter." + std::to_string(i + 1)}) {
                figures.insert(section + ".model");
                add_entry(section, model->get());
            }
        }
    add_entry("headphone", rig.headphone_model);
    if (const auto* cable = rig_document["cable"]["model"].as_string()) add_entry("cable", cable->get());
    for (const std::string& pole : rig.amplifier.output.jack.poles)
        if (pole != "unused") figures.insert("amplifier.jack_contact_resistance_ohm." + pole);
    return figures;
}

[[noreturn]] void unknown_figure(const std::string& figure, const std::set<std::string>& known, const SourceLocation& where) {
    throw DeckError(where, "the rig has no figure '" + figure + "'" +
                               spice::did_you_mean(figure, std::vector<std::string>(known.begin(), known.end())));
}

double range_number(const toml::table& range, const char* key, const std::filesystem::path& path, const SourceLocation& where) {
    const toml::node* node = range.get(key);
    if (!node) throw DeckError(where, std::string("the range has no '") + key + "'");
    const std::optional<double> value = node->value<double>();
    if (!value || !std::isfinite(*value)) throw DeckError(location_of(path, node->source()), std::string("'") + key + "' must be a number");
    return *value;
}

Axis read_axis(const toml::table& table, const std::filesystem::path& path, const SourceLocation& where) {
    Axis axis;
    axis.where = where;
    for (const auto& [key, value] : table)
        if (key.str() != "figure" && key.str() != "values" && key.str() != "lin" && key.str() != "log")
            throw DeckError(location_of(path, key.source()), "an axis takes figure and one of values, lin, log; not '" + std::string(key.str()) + "'");
    const toml::node* figure = table.get("figure");
    if (!figure || !figure->is_string()) throw DeckError(where, "the axis has no figure (figure = \"cable.length_m\")");
    axis.figure = figure->as_string()->get();
    axis.where = location_of(path, figure->source());
    const int given = (table.contains("values") ? 1 : 0) + (table.contains("lin") ? 1 : 0) + (table.contains("log") ? 1 : 0);
    if (given != 1) throw DeckError(axis.where, "the axis '" + axis.figure + "' needs exactly one of values, lin, log");

    if (const toml::node* values = table.get("values")) {
        const toml::array* list = values->as_array();
        if (!list || list->empty()) throw DeckError(location_of(path, values->source()), "values is a non-empty list");
        for (const toml::node& value : *list) {
            const SourceLocation value_where = location_of(path, value.source());
            if (const auto number = value.value<double>(); number && value.is_number()) {
                if (!std::isfinite(*number)) throw DeckError(value_where, "a value must be finite");
                axis.values.emplace_back(*number);
            } else if (const toml::value<std::string>* text = value.as_string()) {
                axis.values.emplace_back(text->get());
            } else {
                throw DeckError(value_where, "a value is a number or a part's name");
            }
            axis.value_where.push_back(value_where);
        }
        return axis;
    }
    const bool logarithmic = table.contains("log");
    const toml::node* range_node = table.get(logarithmic ? "log" : "lin");
    const SourceLocation range_where = location_of(path, range_node->source());
    const toml::table* range = range_node->as_table();
    if (!range) throw DeckError(range_where, "a range is written { from = ..., to = ..., points = ... }");
    for (const auto& [key, value] : *range)
        if (key.str() != "from" && key.str() != "to" && key.str() != "points")
            throw DeckError(location_of(path, key.source()), "a range takes from, to, points; not '" + std::string(key.str()) + "'");
    const double from = range_number(*range, "from", path, range_where), to = range_number(*range, "to", path, range_where);
    const toml::node* points_node = range->get("points");
    if (!points_node || !points_node->is_integer()) throw DeckError(range_where, "the range needs a whole number of points");
    const std::int64_t points = points_node->as_integer()->get();
    if (points < 1 || points > max_points)
        throw DeckError(location_of(path, points_node->source()), "points must be from 1 to " + std::to_string(max_points));
    if (points == 1 && from != to) throw DeckError(location_of(path, points_node->source()), "one point needs from = to");
    if (logarithmic && (from <= 0 || to <= 0)) throw DeckError(range_where, "a log range needs from and to above zero");
    axis.spacing = logarithmic ? Axis::Spacing::logarithmic : Axis::Spacing::linear;
    for (std::int64_t i = 0; i < points; ++i) {
        const double t = points == 1 ? 0.0 : static_cast<double>(i) / static_cast<double>(points - 1);
        // The ends exactly as written; between them evenly in the value or its logarithm.
        const double value = i == 0 ? from : i == points - 1 ? to
                             : logarithmic ? from * std::pow(to / from, t) : from + (to - from) * t;
        axis.values.emplace_back(value);
        axis.value_where.push_back(range_where);
    }
    return axis;
}

}  // namespace

std::string axis_value_text(const AxisValue& value) {
    if (const double* number = std::get_if<double>(&value)) return json_number(*number);
    return std::get<std::string>(value);
}

void set_figure(toml::table& rig_document, const std::string& figure, const AxisValue& value) {
    toml::table* table = &rig_document;
    std::size_t start = 0;
    if (figure.starts_with("adapter.")) {  // adapter.N.key, or adapter.key for the only one
        start = figure.find('.') + 1;
        std::size_t index = 0;
        const std::size_t dot = figure.find('.', start);
        if (dot != std::string::npos && dot > start &&
            std::all_of(figure.begin() + static_cast<std::ptrdiff_t>(start), figure.begin() + static_cast<std::ptrdiff_t>(dot),
                        [](char c) { return c >= '0' && c <= '9'; })) {
            index = std::stoul(figure.substr(start, dot - start)) - 1;
            start = dot + 1;
        }
        toml::array* adapters = rig_document["adapter"].as_array();
        table = adapters && index < adapters->size() ? (*adapters)[index].as_table() : nullptr;
        if (!table) throw std::logic_error("the rig has no adapter for the figure '" + figure + "'");
    }
    for (std::size_t dot; (dot = figure.find('.', start)) != std::string::npos; start = dot + 1) {
        const std::string key = figure.substr(start, dot - start);
        toml::table* inner = (*table)[key].as_table();
        if (!inner) inner = table->insert_or_assign(key, toml::table{}).first->second.as_table();
        table = inner;
    }
    const std::string key = figure.substr(start);
    if (const double* number = std::get_if<double>(&value)) table->insert_or_assign(key, *number);
    else table->insert_or_assign(key, std::get<std::string>(value));
}

namespace {

Spec read_spec(const toml::table& document, const std::filesystem::path& path, const Catalog& catalog);

}  // namespace

Spec load_spec(const std::filesystem::path& path, const Catalog& catalog) {
    if (const std::string reason = spice::unreadable_reason(path.string()); !reason.empty())
        throw DeckError({path.string(), 0, 0}, "cannot read the spec: " + reason);
    toml::table document;
    try {
        document = toml::parse_file(path.string());
    } catch (const toml::parse_error& error) {
        throw DeckError(location_of(path, error.source()), std::string(error.description()));
    }
    return read_spec(document, path, catalog);
}

Spec load_spec_text(const std::string& text, const std::filesystem::path& path, const Catalog& catalog) {
    toml::table document;
    try {
        document = toml::parse(text, path.string());
    } catch (const toml::parse_error& error) {
        throw DeckError(location_of(path, error.source()), std::string(error.description()));
    }
    return read_spec(document, path, catalog);
}

namespace {

Spec read_spec(const toml::table& document, const std::filesystem::path& path, const Catalog& catalog) {
    Spec spec;
    spec.path = path;
    const SourceLocation file_where{path.string(), 1, 1};
    for (const auto& [key, value] : document) {
        static const std::set<std::string> keys{"rig", "modes", "level_vrms", "combine", "axis", "description"};
        if (!keys.count(std::string(key.str())))
            throw DeckError(location_of(path, key.source()), "unknown key '" + std::string(key.str()) +
                                                                   "' (a spec takes rig, modes, level_vrms, combine, [[axis]])");
    }
    const toml::node* rig = document.get("rig");
    if (rig && rig->is_table()) {
        // The rig written in the spec itself ([rig] with its [rig.amplifier], ...): its
        // errors point into the spec, and its files are found beside the spec.
        spec.rig_path = path;
        spec.rig_document = *rig->as_table();
    } else {
        if (!rig || !rig->is_string())
            throw DeckError(rig ? location_of(path, rig->source()) : file_where,
                            "the spec names no rig (rig = \"path/to/rig.toml\", or a [rig] table)");
        spec.rig_path = path.parent_path() / rig->as_string()->get();
        if (const std::string reason = spice::unreadable_reason(spec.rig_path.string()); !reason.empty())
            throw DeckError(location_of(path, rig->source()), "cannot read the rig '" + spec.rig_path.string() + "': " + reason);
        try {
            spec.rig_document = toml::parse_file(spec.rig_path.string());
        } catch (const toml::parse_error& error) {
            throw DeckError(location_of(spec.rig_path, error.source()), std::string(error.description()));
        } catch (const std::exception&) {
            throw DeckError(location_of(path, rig->source()), "cannot read the rig '" + spec.rig_path.string() + "'");
        }
        if (!std::filesystem::is_regular_file(spec.rig_path))
            throw DeckError(location_of(path, rig->source()), "cannot read the rig '" + spec.rig_path.string() + "'");
    }

    if (const toml::node* modes = document.get("modes")) {
        const toml::array* list = modes->as_array();
        if (!list || list->empty()) throw DeckError(location_of(path, modes->source()), "modes is a non-empty list of output modes");
        for (const toml::node& mode : *list) {
            const toml::value<std::string>* name = mode.as_string();
            if (!name || (name->get() != "single-ended" && name->get() != "balanced"))
                throw DeckError(location_of(path, mode.source()), "a mode is \"single-ended\" or \"balanced\"");
            if (std::find(spec.modes.begin(), spec.modes.end(), name->get()) != spec.modes.end())
                throw DeckError(location_of(path, mode.source()), "mode '" + name->get() + "' is listed twice");
            spec.modes.push_back(name->get());
        }
    }
    if (const toml::node* level = document.get("level_vrms")) {
        const std::optional<double> value = level->value<double>();
        if (!value || !(*value > 0) || !std::isfinite(*value))
            throw DeckError(location_of(path, level->source()), "level_vrms must be a number above zero");
        spec.level_vrms = *value;
    }
    if (const toml::node* combine = document.get("combine")) {
        const toml::value<std::string>* name = combine->as_string();
        if (!name || (name->get() != "product" && name->get() != "zip"))
            throw DeckError(location_of(path, combine->source()), "combine is \"product\" or \"zip\"");
        spec.combine = name->get() == "zip" ? Spec::Combine::zip : Spec::Combine::product;
    }

    const toml::node* axes = document.get("axis");
    if (!axes) throw DeckError(file_where, "the spec has no [[axis]]");
    const toml::array* axis_list = axes->as_array();
    if (!axis_list || !axis_list->is_array_of_tables()) throw DeckError(location_of(path, axes->source()), "axes are written as [[axis]] tables");
    if (axis_list->size() > max_axes) throw DeckError(location_of(path, axes->source()), "at most " + std::to_string(max_axes) + " axes");
    for (const toml::node& entry : *axis_list)
        spec.axes.push_back(read_axis(*entry.as_table(), path, location_of(path, entry.source())));

    double variants = spec.modes.empty() ? 1.0 : static_cast<double>(spec.modes.size());
    for (std::size_t a = 0; a < spec.axes.size(); ++a) {
        for (std::size_t b = 0; b < a; ++b)
            if (spec.axes[a].figure == spec.axes[b].figure)
                throw DeckError(spec.axes[a].where, "the figure '" + spec.axes[a].figure + "' is already an axis");
        if (spec.axes[a].figure == "amplifier.mode" && !spec.modes.empty())
            throw DeckError(spec.axes[a].where, "the output mode is swept by modes = [...] or by this axis, not both");
        if (spec.combine == Spec::Combine::zip && spec.axes[a].values.size() != spec.axes[0].values.size())
            throw DeckError(spec.axes[a].where, "zip combines axes of equal length: this one has " + std::to_string(spec.axes[a].values.size()) +
                                                    " values, the first " + std::to_string(spec.axes[0].values.size()));
        if (spec.combine == Spec::Combine::product || a == 0) variants *= static_cast<double>(spec.axes[a].values.size());
    }
    if (variants > max_variants)
        throw DeckError(file_where, "the spec makes " + json_number(variants) + " variants; at most " + json_number(max_variants));

    // Every figure must exist and every value must work on its own, in every mode,
    // before anything runs.
    const std::vector<std::optional<std::string>> modes =
        spec.modes.empty() ? std::vector<std::optional<std::string>>{std::nullopt}
                           : std::vector<std::optional<std::string>>(spec.modes.begin(), spec.modes.end());
    for (const auto& mode : modes) {
        const Rig base = load_rig_document(spec.rig_document, spec.rig_path, catalog, mode);
        compile_rig(base);
        const auto warn_once = [&](const spice::Warning& warning) {
            const auto same = [&](const spice::Warning& w) { return w.to_string() == warning.to_string(); };
            if (std::none_of(spec.warnings.begin(), spec.warnings.end(), same)) spec.warnings.push_back(warning);
        };
        for (const spice::Warning& warning : base.warnings) warn_once(warning);
        const std::set<std::string> known = known_figures(spec.rig_document, base, catalog);
        for (const Axis& axis : spec.axes) {
            const std::string section = axis.figure.substr(0, axis.figure.find('.'));
            if (!sections.count(section) || axis.figure.find('.') == std::string::npos)
                throw DeckError(axis.where, "a figure is section.key with section amplifier, adapter, cable, headphone or drive; not '" + axis.figure + "'");
            if (!known.count(axis.figure)) unknown_figure(axis.figure, known, axis.where);
            // A long range is checked at its ends and a few points between (limits on a
            // figure are bounds: a value between two accepted ones is accepted).
            const std::size_t count = axis.values.size();
            const std::size_t stride = axis.spacing == Axis::Spacing::list || count <= 64 ? 1 : count / 16;
            for (std::size_t v = 0; v < count; v = (v + stride < count || v + 1 == count) ? v + stride : count - 1) {
                toml::table edited = spec.rig_document;
                set_figure(edited, axis.figure, axis.values[v]);
                try {
                    const Rig varied = load_rig_document(edited, spec.rig_path, catalog, mode);
                    compile_rig(varied);
                    // A value that makes a figure implausible: said at the value, once.
                    for (const spice::Warning& warning : varied.warnings) {
                        const auto in_base = [&](const spice::Warning& w) { return w.message == warning.message; };
                        if (std::none_of(base.warnings.begin(), base.warnings.end(), in_base))
                            warn_once({axis.value_where[v], axis.figure + " = " + axis_value_text(axis.values[v]) + ": " + warning.message});
                    }
                } catch (const DeckError& error) {
                    throw DeckError(axis.value_where[v], axis.figure + " = " + axis_value_text(axis.values[v]) +
                                                             (mode ? " (" + *mode + ")" : std::string()) + ": " + error.message());
                }
            }
        }
    }
    return spec;
}

}  // namespace

}  // namespace hpsim::headphone::sweep
