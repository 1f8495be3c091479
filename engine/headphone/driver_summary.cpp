#include "headphone/driver_summary.hpp"

#include <cstdio>

namespace hpsim::headphone {
namespace {

std::string figure(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", value);
    return text;
}

}  // namespace

std::string describe_driver(const Driver& driver) {
    if (driver.type == "dynamic") {
        const auto v = [&](const char* key) { return driver.values.at(key); };
        return "# Thiele-Small: Re " + figure(v("re_ohm")) + " Ohm, Le " + figure(v("le_h") * 1e3) + " mH, fs " + figure(v("fs_hz")) +
               " Hz, Qms " + figure(v("qms")) + ", Qes " + figure(v("qes")) + "\n# motional network: Res " + figure(v("res_ohm")) +
               " Ohm, Cmes " + figure(v("cmes_f") * 1e6) + " uF, Lces " + figure(v("lces_h")) + " H; impedance peak Re (1 + Qms/Qes) = " +
               figure(v("re_ohm") * (1 + v("qms") / v("qes"))) + " Ohm at fs\n";
    }
    if (driver.type == "measured" && driver.fit) {
        const measured::NetworkFit& fit = *driver.fit;
        const measured::FitOptions& options = driver.fit_options;
        return "# fitted to " + driver.impedance_file.string() + ": a passive network of " + std::to_string(fit.network.elements.size()) +
               " R, L and C elements (" + std::to_string(fit.order) + " poles, " +
               (fit.network.form == measured::Form::series ? "sections in series" : "branches in parallel") + ")\n# worst error " +
               measured::describe_errors(fit, options) + "; the limit is " + figure(options.limit_db) + " dB and " +
               figure(options.limit_deg) + (options.limit_deg == 1 ? " degree\n" : " degrees\n");
    }
    return "";
}

}  // namespace hpsim::headphone
