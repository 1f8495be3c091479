#include "ngspice/ngspice_session.hpp"

#include <algorithm>
#include <cctype>
#include <clocale>
#include <dlfcn.h>
#include <memory>

#ifdef HPSIM_HAVE_SHAREDSPICE_H
#include <ngspice/sharedspice.h>
#endif

namespace hpsim::ngspice {

std::string to_ngspice_vector_name(std::string_view hpsim_name) {
    if (hpsim_name.size() < 3 || hpsim_name.back() != ')') return std::string(hpsim_name);
    const std::string inner(hpsim_name.substr(2, hpsim_name.size() - 3));
    if (hpsim_name.substr(0, 2) == "v(") {
        return inner;
    }
    // The instance path is the leading names that start with x; the element's own name
    // (a V, L, E or H) may hold dots too ("v2.", "x1.v2.a").
    std::size_t element_start = 0;
    for (std::size_t dot = inner.find('.'); dot != std::string::npos && inner[element_start] == 'x';
         dot = inner.find('.', element_start))
        element_start = dot + 1;
    if (element_start == 0) return inner + "#branch";
    return inner.substr(element_start, 1) + "." + inner + "#branch";
}

#ifndef HPSIM_HAVE_SHAREDSPICE_H

struct Session::Library {};

Session* Session::instance(std::string& why_not) {
    why_not = "hpsim was built without ngspice's sharedspice.h (install libngspice0-dev and rebuild)";
    return nullptr;
}

RunResult Session::run(const std::vector<std::string>&) { throw NgspiceError("ngspice is unavailable"); }

#else

namespace {

// Lines ngspice printed since the last clear, without the "stdout "/"stderr " prefix.
std::vector<std::string> printed;
bool quit_requested = false;

int on_print(char* text, int, void*) {
    std::string_view line(text ? text : "");
    for (const std::string_view prefix : {"stdout ", "stderr "})
        if (line.substr(0, prefix.size()) == prefix) line.remove_prefix(prefix.size());
    printed.emplace_back(line);
    return 0;
}
int on_status(char*, int, void*) { return 0; }
int on_exit(int, NG_BOOL, NG_BOOL, int, void*) {
    quit_requested = true;
    return 0;
}
int on_background(NG_BOOL, int, void*) { return 0; }

bool is_error_line(const std::string& line) {
    std::string lower(line);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    return lower.rfind("error", 0) == 0 || lower.find(" error") != std::string::npos ||
           lower.find("aborted") != std::string::npos || lower.find("doanalyses:") != std::string::npos ||
           lower.find("timestep too small") != std::string::npos;
}

std::string error_lines() {
    std::string errors;
    for (const std::string& line : printed)
        if (is_error_line(line)) errors += (errors.empty() ? "" : "\n") + line;
    return errors;
}

std::string plot_type(const std::string& plot_name) {
    std::string type = plot_name;
    while (!type.empty() && std::isdigit(static_cast<unsigned char>(type.back()))) type.pop_back();
    return type;
}

// ngspice names a node vector by the node ("out"), except a node whose name starts with
// a digit: that one is "V(1)" (outitf.c), since a bare 1 would read as a constant. Both
// become "1", the name to_ngspice_vector_name gives.
std::string canonical_vector_name(std::string name) {
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name.size() > 3 && name.starts_with("v(") && name.back() == ')') return name.substr(2, name.size() - 3);
    return name;
}

bool is_scale(const std::string& type, const std::string& vector_name) {
    if (type == "ac") return vector_name == "frequency";
    if (type == "tran") return vector_name == "time";
    if (type == "dc") return vector_name.size() > 6 && vector_name.ends_with("-sweep");
    return false;
}

}  // namespace

struct Session::Library {
    void* handle = nullptr;
    decltype(&::ngSpice_Init) init = nullptr;
    decltype(&::ngSpice_Command) command = nullptr;
    decltype(&::ngSpice_Circ) circuit = nullptr;
    decltype(&::ngGet_Vec_Info) vector_info = nullptr;
    decltype(&::ngSpice_AllPlots) all_plots = nullptr;
    decltype(&::ngSpice_AllVecs) all_vectors = nullptr;

    void send(const std::string& text) const {
        std::string mutable_text = text;  // ngspice takes char*
        command(mutable_text.data());
    }
};

Session* Session::instance(std::string& why_not) {
    // Loaded once and never unloaded: ngspice keeps global state for the whole process.
    static std::string load_error;
    static const std::unique_ptr<Library> library = []() -> std::unique_ptr<Library> {
        auto loaded = std::make_unique<Library>();
        for (const char* name : {"libngspice.so.0", "libngspice.so"}) {
            loaded->handle = dlopen(name, RTLD_NOW | RTLD_LOCAL);
            if (loaded->handle) break;
        }
        if (!loaded->handle) {
            const char* reason = dlerror();
            load_error = std::string("cannot load libngspice.so.0 (") + (reason ? reason : "not found") +
                         "); install the Debian package libngspice0";
            return nullptr;
        }
        auto resolve = [&](auto& function, const char* symbol) {
            function = reinterpret_cast<std::remove_reference_t<decltype(function)>>(dlsym(loaded->handle, symbol));
            return function != nullptr;
        };
        if (!resolve(loaded->init, "ngSpice_Init") || !resolve(loaded->command, "ngSpice_Command") ||
            !resolve(loaded->circuit, "ngSpice_Circ") || !resolve(loaded->vector_info, "ngGet_Vec_Info") ||
            !resolve(loaded->all_plots, "ngSpice_AllPlots") || !resolve(loaded->all_vectors, "ngSpice_AllVecs")) {
            load_error = "libngspice lacks the shared-library interface (sharedspice.h)";
            return nullptr;
        }
        std::setlocale(LC_NUMERIC, "C");
        loaded->init(on_print, on_status, on_exit, nullptr, nullptr, on_background, nullptr);
        return loaded;
    }();
    if (!library) {
        why_not = load_error;
        return nullptr;
    }
    static Session session(*library);
    return &session;
}

RunResult Session::run(const std::vector<std::string>& deck_lines) {
    std::setlocale(LC_NUMERIC, "C");
    if (quit_requested) throw NgspiceError("ngspice asked to quit earlier in this process");
    library_.send("destroy all");
    library_.send("remcirc");
    printed.clear();

    std::vector<std::string> lines = deck_lines;
    if (lines.empty() || lines.back() != ".end") lines.push_back(".end");
    std::vector<char*> pointers;
    for (std::string& line : lines) pointers.push_back(line.data());
    pointers.push_back(nullptr);
    const int load_failed = library_.circuit(pointers.data());
    if (load_failed || quit_requested || !error_lines().empty()) {
        const std::string errors = error_lines();
        throw NgspiceError("ngspice did not load the deck" + (errors.empty() ? std::string() : ":\n" + errors));
    }
    library_.send("run");
    const std::string errors = error_lines();
    if (quit_requested || !errors.empty())
        throw NgspiceError("ngspice failed to simulate the deck" + (errors.empty() ? std::string() : ":\n" + errors));

    RunResult result;
    std::vector<std::string> plot_names;
    for (char** name = library_.all_plots(); name && *name; ++name)
        if (std::string(*name) != "const") plot_names.emplace_back(*name);
    std::reverse(plot_names.begin(), plot_names.end());  // ngspice lists the newest first
    for (const std::string& plot_name : plot_names) {
        Plot plot{plot_name, plot_type(plot_name), "", {}};
        std::string mutable_name = plot_name;
        for (char** vector_name = library_.all_vectors(mutable_name.data()); vector_name && *vector_name; ++vector_name) {
            std::string qualified = plot_name + "." + *vector_name;
            const pvector_info info = library_.vector_info(qualified.data());
            if (!info) continue;
            Vector vector{canonical_vector_name(*vector_name), info->v_compdata != nullptr, {}, {}};
            for (int i = 0; i < info->v_length; ++i) {
                if (vector.is_complex) vector.complex.emplace_back(info->v_compdata[i].cx_real, info->v_compdata[i].cx_imag);
                else vector.real.push_back(info->v_realdata[i]);
            }
            if (is_scale(plot.type, vector.name)) plot.scale = vector.name;
            plot.vectors.push_back(std::move(vector));
        }
        result.plots.push_back(std::move(plot));
    }
    result.output = printed;
    return result;
}

#endif

}  // namespace hpsim::ngspice
