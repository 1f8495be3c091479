#include "headphone/measured_driver.hpp"

#include <cstdio>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>

namespace hpsim::headphone {
namespace {

std::string figure(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

// The fit of a curve, computed once per process: `match` reads the headphone for every
// path it measures.
measured::NetworkFit fitted(const measured::ImpedanceCurve& curve, const measured::FitOptions& options) {
    std::ostringstream key;
    key.precision(17);
    key << options.band_low_hz << ' ' << options.band_high_hz << ' ' << options.limit_db << ' ' << options.limit_deg << ' '
        << options.max_order;
    for (const measured::ImpedancePoint& point : curve.points)
        key << ' ' << point.frequency_hz << ' ' << point.magnitude_ohm << ' ' << point.phase_deg;
    static std::mutex guard;
    static std::map<std::string, measured::NetworkFit> fits;
    {
        const std::lock_guard lock(guard);
        if (const auto found = fits.find(key.str()); found != fits.end()) return found->second;
    }
    measured::NetworkFit fit = measured::fit_network(curve, options);
    const std::lock_guard lock(guard);
    if (fits.size() >= 16) fits.clear();  // a handful of curves per run
    return fits.emplace(key.str(), std::move(fit)).first->second;
}

}  // namespace

void read_measured_driver(const Fields& driver, Driver& result) {
    const std::string named = driver.text("impedance_file");
    const SourceLocation where = driver.where("impedance_file");
    std::filesystem::path file = named;  // relative to the catalog entry, or the rig that overrides it
    if (file.is_relative()) file = (std::filesystem::path(where.file.str()).parent_path() / file).lexically_normal();
    result.impedance_file = file;
    measured::FitOptions& options = result.fit_options;
    if (driver.has("fit_band_hz")) {
        const std::vector<double> band = driver.numbers("fit_band_hz");
        if (band.size() != 2 || !(band[0] > 0) || !(band[1] > band[0]))
            throw DeckError(driver.where("fit_band_hz"), driver.owner() + ": fit_band_hz is [lowest, highest] in Hz, lowest above zero");
        options.band_low_hz = band[0];
        options.band_high_hz = band[1];
    }
    if (driver.has("fit_limit_db")) options.limit_db = driver.positive("fit_limit_db");
    if (driver.has("fit_limit_deg")) options.limit_deg = driver.positive("fit_limit_deg");
    const measured::ImpedanceCurve curve = measured::read_impedance_file(file, where);
    try {
        result.fit = fitted(curve, options);
    } catch (const std::invalid_argument& problem) {
        throw DeckError(where, driver.owner() + ": impedance file " + named + ": " + problem.what() +
                                   " (set fit_band_hz to the band it covers)");
    }
    if (!result.fit->within(options))
        throw DeckError(where, driver.owner() + ": no passive R-L-C network up to " + std::to_string(options.max_order) +
                                   " poles fits " + named + " within " + figure(options.limit_db) + " dB and " +
                                   figure(options.limit_deg) + (options.limit_deg == 1 ? " degree" : " degrees") + ": the best is off by " +
                                   measured::describe_errors(*result.fit, options) + " (fit_limit_db and fit_limit_deg set the limit)");
}


}  // namespace hpsim::headphone
