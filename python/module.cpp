// hpsim._engine: the engine's commands for Python, called by hpsim/__init__.py, which
// puts their tables into pandas. Each function reads its input with the GIL held (a
// dict rig or spec becomes TOML), then runs the engine without it: the same code as
// the CLI, so that every number is the CLI's.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <filesystem>
#include <optional>
#include <thread>

#include "analysis_tables.hpp"
#include "failures.hpp"
#include "headphone/catalog.hpp"
#include "headphone/comparison.hpp"
#include "headphone/comparison_text.hpp"
#include "headphone/compiler.hpp"
#include "headphone/driver_summary.hpp"
#include "headphone/match/answers.hpp"
#include "headphone/parts.hpp"
#include "headphone/rig.hpp"
#include "headphone/sweep/run.hpp"
#include "io/progress_bar.hpp"
#include "measurement_tables.hpp"
#include "sim/load.hpp"
#include "sim/simulate.hpp"
#include "sim/step/stepped_simulation.hpp"
#include "toml_from_python.hpp"

namespace py = pybind11;

namespace hpsim::python {
namespace {

namespace headphone = hpsim::headphone;
namespace sweep = headphone::sweep;
namespace match_ = headphone::match;

headphone::Catalog load_catalog() {
    return in_stage(Stage::input, [] { return headphone::Catalog::load(headphone::Catalog::default_folder()); });
}

// A rig or spec argument: a file; TOML text (a string with a line break); or a dict,
// as the TOML text it stands for. `name` names the text in errors: "<rig dict 2>".
struct Document {
    std::filesystem::path path;  // the file, or the text's name (its relative files: from the working folder)
    std::optional<std::string> text;
};

Document document_of(const py::object& argument, const std::string& what, std::size_t position = 0) {
    const std::string number = position ? " " + std::to_string(position) : "";
    if (py::isinstance<py::dict>(argument)) {
        const std::string name = "<" + what + " dict" + number + ">";
        try {
            return {name, toml_text(toml_from_python(argument.cast<py::dict>()))};
        } catch (const std::invalid_argument& error) {
            Failure failure = Failure::unlocated(Stage::input, error.what(), name + ": error: " + error.what());
            failure.file = name;
            raise(failure);
        }
    }
    if (py::isinstance<py::str>(argument)) {
        const std::string text = argument.cast<std::string>();
        if (text.find('\n') != std::string::npos) return {"<" + what + " text" + number + ">", text};
    }
    return {py::str(py::module_::import("os").attr("fspath")(argument)).cast<std::string>(), std::nullopt};
}

unsigned jobs_or_default(std::optional<unsigned> jobs) { return jobs ? *jobs : std::max(1u, std::thread::hardware_concurrency()); }

py::dict compare(const std::vector<py::object>& rig_arguments, const std::optional<std::vector<std::string>>& mode_names,
                 double level_vrms, bool exact) {
    std::vector<headphone::RigInput> rigs;
    for (std::size_t r = 0; r < rig_arguments.size(); ++r) {
        Document document = document_of(rig_arguments[r], "rig", r + 1);
        rigs.push_back({std::move(document.path), std::move(document.text), "rig " + std::to_string(r + 1)});
    }
    const std::vector<std::string> modes = mode_names.value_or(std::vector<std::string>{});
    struct Result {
        Table table;
        std::vector<std::string> sentences;
        std::vector<std::vector<headphone::Hazard>> hazards;
        std::vector<headphone::SkippedMode> skipped;
        std::vector<spice::Warning> warnings;
    };
    Result result = without_gil([&] {
        const headphone::Catalog catalog = load_catalog();
        const headphone::Comparison comparison = [&] {
            try {
                return headphone::compare_rigs(catalog, rigs, modes, level_vrms, false);
            } catch (const headphone::MeasurementFailed& error) {
                throw_failed(Stage::simulation, error);
            }
        }();
        Result made{compare_table(comparison.rig_of_variant, comparison.variants, exact), headphone::sentences(comparison.variants), {},
                    comparison.skipped, comparison.warnings};
        for (const headphone::Measurements& m : comparison.variants) made.hazards.push_back(m.hazards);
        return made;
    });
    py::list hazards;
    for (const auto& list : result.hazards) {
        py::list variant;
        for (const headphone::Hazard& h : list)
            variant.append(py::dict(py::arg("severity") = h.severity, py::arg("code") = h.code, py::arg("message") = h.message));
        hazards.append(variant);
    }
    py::list skipped;
    for (const headphone::SkippedMode& s : result.skipped)
        skipped.append(py::dict(py::arg("rig") = s.rig, py::arg("mode") = s.mode, py::arg("reason") = s.reason));
    py::list warnings;
    for (const spice::Warning& warning : result.warnings) warnings.append(warning.to_string());
    return py::dict(py::arg("columns") = std::move(result.table).to_python(), py::arg("sentences") = result.sentences,
                    py::arg("hazards") = hazards, py::arg("skipped") = skipped, py::arg("warnings") = warnings,
                    py::arg("level_vrms") = level_vrms);
}

py::dict run_sweep(const py::object& spec_argument, std::optional<unsigned> jobs, bool exact) {
    const Document document = document_of(spec_argument, "spec");
    std::vector<spice::Warning> spec_warnings;
    Table table = without_gil([&] {
        const headphone::Catalog catalog = load_catalog();
        const sweep::Spec spec = in_stage(Stage::input, [&] {
            return document.text ? sweep::load_spec_text(*document.text, document.path, catalog) : sweep::load_spec(document.path, catalog);
        });
        SweepTable rows(spec, exact);
        spec_warnings = spec.warnings;
        sweep::RunOptions options;
        options.jobs = jobs_or_default(jobs);
        io::ProgressBar bar;
        options.progress = [&](std::size_t done, std::size_t total) {
            bar.update(done, total);
            const py::gil_scoped_acquire held;  // Ctrl-C stops the sweep
            if (PyErr_CheckSignals() != 0) throw Interrupted{};
        };
        in_stage(Stage::simulation, [&] {
            sweep::run_sweep_rows(
                spec, catalog, options, [&](sweep::Row&& row) { rows.add(row); }, [&](sweep::Row& row) { rows.prepare(row); });
        });
        return std::move(rows).take();
    });
    py::list warnings;
    for (const spice::Warning& warning : spec_warnings) warnings.append(warning.to_string());
    return py::dict(py::arg("columns") = std::move(table).to_python(), py::arg("warnings") = warnings);
}

// A catalog amplifier and headphone, or a rig (file, text or dict) holding both.
py::dict run_match(const py::object& amplifier_or_rig, const std::optional<std::string>& headphone_name, double target_spl_db,
                   int max_adapters, bool exact) {
    const Document rig = headphone_name ? Document{} : document_of(amplifier_or_rig, "rig");
    const std::string amplifier = headphone_name ? amplifier_or_rig.cast<std::string>() : std::string();
    struct Result {
        Table table;
        match_::Need need;
        std::vector<std::string> sentences;
        std::string amplifier, headphone;
    };
    Result result = without_gil([&] {
        const headphone::Catalog catalog = load_catalog();
        match_::Equipment equipment = in_stage(Stage::input, [&] {
            if (headphone_name) return match_::equipment_from_catalog(catalog, amplifier, *headphone_name);
            return rig.text ? match_::equipment_from_rig_text(catalog, *rig.text, rig.path) : match_::equipment_from_rig(catalog, rig.path);
        });
        const match_::Match found =
            in_stage(Stage::simulation, [&] { return match_::match(catalog, std::move(equipment), target_spl_db, max_adapters); });
        return Result{match_table(found, exact), found.need, match_::answers(found), found.equipment.amplifier_model,
                      found.equipment.headphone_model};
    });
    const auto printed = [&](double value) { return exact ? value : as_printed(value); };
    const py::dict needed(py::arg("power_mw") = printed(result.need.power_mw), py::arg("voltage_vrms") = printed(result.need.voltage_vrms),
                          py::arg("from") = result.need.from.empty() ? py::object(py::none()) : py::str(result.need.from));
    return py::dict(py::arg("columns") = std::move(result.table).to_python(), py::arg("amplifier") = result.amplifier,
                    py::arg("headphone") = result.headphone, py::arg("target_spl_db") = target_spl_db,
                    py::arg("max_adapters") = max_adapters, py::arg("needed") = needed, py::arg("sentences") = result.sentences);
}

// A deck file, a rig file or rig dict (compiled as `hpsim run` compiles a rig), or deck text.
py::dict run_deck(const py::object& deck_argument, const std::string& kind, const std::optional<std::string>& mode,
                  std::optional<unsigned> jobs) {
    const bool is_text = kind == "spice", is_rig_dict = kind == "rig";
    const Document rig_dict = is_rig_dict ? document_of(deck_argument, "rig") : Document{};
    const std::string deck = is_rig_dict ? std::string()
                             : is_text   ? deck_argument.cast<std::string>()
                                         : py::str(py::module_::import("os").attr("fspath")(deck_argument)).cast<std::string>();
    AnalysisTables tables = without_gil([&] {
        const sim::LoadedDeck loaded = in_stage(Stage::input, [&] {
            const std::filesystem::path file(deck);
            if (is_text || (!is_rig_dict && file.extension() != ".toml")) {
                if (mode) throw spice::DeckError({is_text ? "<deck>" : deck, 0, 0}, "mode applies to rigs, not to SPICE decks");
                return is_text ? sim::load_deck_text(deck, "<deck>", std::filesystem::current_path()) : sim::load_deck(file);
            }
            const headphone::Catalog catalog = headphone::Catalog::load(headphone::Catalog::default_folder());
            const headphone::Rig rig = is_rig_dict ? headphone::load_rig_text(*rig_dict.text, rig_dict.path, catalog, mode)
                                                   : headphone::load_rig(file, catalog, mode);
            return headphone::load_rig_deck(rig, is_rig_dict ? rig_dict.path : file);
        });
        AnalysisTables results;
        results.warnings = loaded.circuit.warnings;
        in_stage(Stage::simulation, [&] {
            if (loaded.steps) {
                sim::SteppedSimulation stepped(loaded.circuit, *loaded.steps);
                stepped.run_all(results, nullptr, jobs_or_default(jobs));
            } else {
                sim::simulate(loaded.circuit, results);
            }
        });
        if (results.analyses.empty())
            results.warnings.push_back({{is_text ? "<deck>" : is_rig_dict ? rig_dict.path.string() : deck, 0, 0},
                                        "no analysis cards: nothing to simulate"});
        return results;
    });
    py::list analyses;
    for (AnalysisTables::Analysis& analysis : tables.analyses)
        analyses.append(py::make_tuple(analysis.name, std::move(analysis.table).to_python()));
    py::list warnings;
    for (const spice::Warning& warning : tables.warnings) warnings.append(warning.to_string());
    return py::dict(py::arg("analyses") = analyses, py::arg("warnings") = warnings);
}

py::object python_of(const toml::node& node) {
    if (const auto* table = node.as_table()) {
        py::dict dict;
        for (const auto& [key, value] : *table) dict[py::str(std::string(key.str()))] = python_of(value);
        return dict;
    }
    if (const auto* array = node.as_array()) {
        py::list list;
        for (const toml::node& item : *array) list.append(python_of(item));
        return list;
    }
    if (const auto* text = node.as_string()) return py::str(text->get());
    if (const auto* integer = node.as_integer()) return py::int_(integer->get());
    if (const auto* number = node.as_floating_point()) return py::float_(number->get());
    if (const auto* flag = node.as_boolean()) return py::bool_(flag->get());
    return py::none();  // dates and times: no figure is one
}

py::list models() {
    const headphone::Catalog catalog = without_gil([] { return load_catalog(); });
    py::list entries;
    for (const headphone::CatalogEntry& entry : catalog.entries())
        entries.append(py::make_tuple(entry.name, entry.kind, (*entry.table)["description"].value_or(std::string()), entry.path.string()));
    return entries;
}

py::object models_show(const std::string& name) {
    const headphone::Catalog catalog = without_gil([] { return load_catalog(); });
    const headphone::CatalogEntry* entry = catalog.find(name);
    if (!entry) return py::none();
    py::dict shown = python_of(*entry->table).cast<py::dict>();
    shown["name"] = entry->name;
    shown["path"] = entry->path.string();
    if (entry->kind == "headphone") {
        const std::string summary = without_gil([&] {
            const headphone::SourceLocation where{entry->path.string(), 1, 1};
            return in_stage(Stage::input, [&] {
                return headphone::describe_driver(headphone::read_headphone(catalog, catalog.get(entry->name, "headphone", where)).driver);
            });
        });
        if (!summary.empty()) shown["driver_summary"] = summary;
    }
    return shown;
}

std::string to_toml(const py::dict& dict) {
    try {
        return toml_text(toml_from_python(dict));
    } catch (const std::invalid_argument& error) {
        Failure failure = Failure::unlocated(Stage::input, error.what(), std::string("<dict>: error: ") + error.what());
        failure.file = "<dict>";
        raise(failure);
    }
}

}  // namespace
}  // namespace hpsim::python

PYBIND11_MODULE(_engine, module) {
    using namespace hpsim::python;
    module.doc() = "hpsim's engine; use the hpsim package, which wraps these in pandas";
    module.def("compare", &compare, py::arg("rigs"), py::arg("modes"), py::arg("level_vrms"), py::arg("exact"));
    module.def("sweep", &run_sweep, py::arg("spec"), py::arg("jobs"), py::arg("exact"));
    module.def("match", &run_match, py::arg("amplifier"), py::arg("headphone"), py::arg("target_spl_db"), py::arg("max_adapters"),
               py::arg("exact"));
    module.def("run", &run_deck, py::arg("deck"), py::arg("kind"), py::arg("mode"), py::arg("jobs"));
    module.def("models", &models);
    module.def("models_show", &models_show, py::arg("name"));
    module.def("to_toml", &to_toml, py::arg("document"));
    module.attr("version") = HPSIM_VERSION;
}
