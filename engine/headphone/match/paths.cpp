#include "headphone/match/paths.hpp"

#include <algorithm>
#include <set>
#include <tuple>

namespace hpsim::headphone::match {
namespace {

struct Parts {
    std::vector<std::pair<std::string, Adapter>> adapters;
    std::vector<std::pair<std::string, Cable>> cables;
};

Parts read_parts(const Catalog& catalog) {
    Parts parts;
    for (const CatalogEntry& entry : catalog.entries()) {
        const SourceLocation where{entry.path.string(), 1, 1};
        if (entry.kind == "adapter") parts.adapters.emplace_back(entry.name, read_adapter(catalog, catalog.get(entry.name, "adapter", where)));
        if (entry.kind == "cable") parts.cables.emplace_back(entry.name, read_cable(catalog, catalog.get(entry.name, "cable", where)));
    }
    return parts;
}

class Searcher {
public:
    Searcher(const Catalog& catalog, const Equipment& equipment, int max_adapters)
        : parts_(read_parts(catalog)), equipment_(equipment), max_adapters_(max_adapters) {
        if (const auto& socket = equipment.headphone.connector) {
            for (const auto& [model, cable] : parts_.cables) {
                if (const auto problem = mating_problem(*socket, cable.headphone_connector))
                    refuse("cable " + model, cable.headphone_connector, *socket, *problem);
                else
                    search_.cables_fitting.push_back({model, cable.plug_options});
            }
        }
    }

    Search run() {
        for (const AmplifierOutput& output : equipment_.outputs) {
            Path path;
            path.mode = output.mode;
            path.output_jack = output.jack;
            explore(path, output.jack, {output.jack.name});
        }
        return std::move(search_);
    }

private:
    Parts parts_;
    const Equipment& equipment_;
    int max_adapters_;
    Search search_;
    std::set<std::tuple<std::string, std::string, std::string>> refused_;

    void refuse(const std::string& part, const Termination& plug, const Termination& jack, const MatingProblem& problem) {
        if (refused_.insert({part, plug.name, jack.name}).second) search_.refusals.push_back({part, plug, jack, problem});
    }

    bool fits(const std::string& part, const Termination& plug, const Termination& jack) {
        const auto problem = mating_problem(jack, plug);
        if (problem) refuse(part, plug, jack, *problem);
        return !problem;
    }

    // `path` ends at `outlet`; `offered` are the jacks the chain has offered so far.
    void explore(const Path& path, const Termination& outlet, const std::set<std::string>& offered) {
        const auto& jacks = search_.jacks_offered;
        if (std::none_of(jacks.begin(), jacks.end(), [&](const Termination& t) { return t.name == outlet.name; }))
            search_.jacks_offered.push_back(outlet);
        if (const auto& plug = equipment_.headphone.plug) {
            if (fits("headphone " + equipment_.headphone_model, *plug, outlet)) search_.paths.push_back(path);
        } else {
            for (const auto& [model, cable] : parts_.cables) {
                const bool reaches_headphone = std::any_of(search_.cables_fitting.begin(), search_.cables_fitting.end(),
                                                           [&cable_model = model](const CableFit& fit) { return fit.model == cable_model; });
                if (!reaches_headphone) continue;
                for (const Termination& plug : cable.plug_options) {
                    if (!fits("cable " + model, plug, outlet)) continue;
                    Path complete = path;
                    complete.cable = CableStep{model, plug, cable.headphone_connector};
                    search_.paths.push_back(std::move(complete));
                }
            }
        }
        if (static_cast<int>(path.adapters.size()) >= max_adapters_) return;
        for (const auto& [model, adapter] : parts_.adapters) {
            if (!fits("adapter " + model, adapter.plug, outlet) || offered.count(adapter.jack.name)) continue;
            Path longer = path;
            longer.adapters.push_back({model, adapter.plug, adapter.jack});
            std::set<std::string> now_offered = offered;
            now_offered.insert(adapter.jack.name);
            explore(longer, adapter.jack, now_offered);
        }
    }
};

std::string quoted(const std::string& text) {
    std::string result = "\"";
    for (const char c : text) result += c == '"' || c == '\\' ? std::string("\\") + c : std::string(1, c);
    return result + "\"";
}

}  // namespace

Search find_paths(const Catalog& catalog, const Equipment& equipment, int max_adapters) {
    return Searcher(catalog, equipment, max_adapters).run();
}

std::string short_description(const Termination& termination) {
    const std::string& text = termination.description.empty() ? termination.name : termination.description;
    return text.substr(0, std::min(text.find(" ("), text.size()));
}

std::string chain_text(const Path& path, const Equipment& equipment) {
    std::string text = equipment.amplifier_model + " " + path.mode + " (" + path.output_jack.name + ")";
    for (const AdapterStep& adapter : path.adapters) text += " > " + adapter.model;
    if (path.cable) text += " > " + path.cable->model + " (" + path.cable->plug.name + " plug)";
    return text + " > " + equipment.headphone_model;
}

std::string rig_text(const Path& path, const Equipment& equipment) {
    std::string text = "description = " + quoted(chain_text(path, equipment)) + "\n\n[amplifier]\n" + equipment.amplifier_lines +
                       "mode = " + quoted(path.mode) + "\n";
    for (const AdapterStep& adapter : path.adapters) text += "\n[[adapter]]\nmodel = " + quoted(adapter.model) + "\n";
    if (path.cable) text += "\n[cable]\nmodel = " + quoted(path.cable->model) + "\nplug = " + quoted(path.cable->plug.name) + "\n";
    return text + "\n[headphone]\n" + equipment.headphone_lines;
}

}  // namespace hpsim::headphone::match
