#include "headphone/measured/network_fit.hpp"

#include <Eigen/Dense>
#include <cmath>
#include <cstdio>
#include <functional>
#include <numbers>
#include <optional>
#include <stdexcept>

#include "headphone/measured/nnls.hpp"
#include "headphone/measured/vector_fitting.hpp"

namespace hpsim::headphone::measured {
namespace {

constexpr int vector_fitting_iterations = 15;
constexpr std::size_t fitted_points = 400;  // at most, for poles and weights
constexpr double negligible = 1e-9;  // a term contributing less, relative to the curve, is left out

std::string figure(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2g", value);
    return text;
}

std::string frequency_text(double hz) {
    char text[32];
    if (hz >= 1000) std::snprintf(text, sizeof text, "%g kHz", std::round(hz / 10) / 100);
    else std::snprintf(text, sizeof text, "%g Hz", std::round(hz * 10) / 10);
    return text;
}

struct Samples {
    std::vector<double> frequency_hz, omega;  // omega normalised by omega0
    std::vector<Complex> impedance;
    double omega0 = 1;
};

// The positive-real terms at these poles (normalised), each of weight 1.
std::vector<Term> terms_at(const std::vector<Complex>& poles) {
    std::vector<Term> terms{{Shape::constant}, {Shape::proportional}};
    for (const Complex& p : poles) {
        if (!std::isfinite(p.real()) || !std::isfinite(p.imag()) || !(p.real() < 0)) continue;
        if (p.imag() == 0) {
            for (const Shape shape : {Shape::real_pole, Shape::real_pole_s}) terms.push_back({shape, -p.real()});
        } else {
            for (const Shape shape : {Shape::pair_s, Shape::pair_s_plus_a, Shape::pair_s2_plus_b, Shape::pair_s2_plus_bs_over_a})
                terms.push_back({shape, 0, -2 * p.real(), std::norm(p)});
        }
    }
    for (Term& term : terms) term.weight = 1;
    return terms;
}

// A normalised term (s in units of omega0) in rad/s.
Term in_radians_per_second(Term term, double omega0) {
    term.sigma *= omega0;
    term.a *= omega0;
    term.b *= omega0 * omega0;
    switch (term.shape) {
        case Shape::proportional: term.weight /= omega0; break;
        case Shape::real_pole:
        case Shape::pair_s:
        case Shape::pair_s_plus_a: term.weight *= omega0; break;
        default: break;
    }
    return term;
}

// The worst errors of a model of the curve over `samples`.
void assess(NetworkFit& fit, const Samples& samples, const std::function<Complex(double)>& model) {
    fit.points = samples.frequency_hz.size();
    fit.worst_db = fit.worst_deg = 0;
    for (std::size_t k = 0; k < samples.frequency_hz.size(); ++k) {
        const Complex ratio = model(samples.frequency_hz[k]) / samples.impedance[k];
        const double db = std::abs(20 * std::log10(std::abs(ratio))), deg = std::abs(std::arg(ratio)) * 180 / std::numbers::pi;
        if (!(db <= fit.worst_db)) fit.worst_db = db, fit.worst_db_at_hz = samples.frequency_hz[k];
        if (!(deg <= fit.worst_deg)) fit.worst_deg = deg, fit.worst_deg_at_hz = samples.frequency_hz[k];
    }
}

// At most `limit` of the samples, evenly spread over their indices (the files space
// their points evenly in log frequency): enough to place poles and weights, while every
// sample is checked.
Samples thinned(const Samples& samples, std::size_t limit) {
    const std::size_t count = samples.omega.size();
    if (count <= limit) return samples;
    Samples fewer;
    fewer.omega0 = samples.omega0;
    for (std::size_t i = 0; i < limit; ++i) {
        const std::size_t k = i * (count - 1) / (limit - 1);
        fewer.frequency_hz.push_back(samples.frequency_hz[k]);
        fewer.omega.push_back(samples.omega[k]);
        fewer.impedance.push_back(samples.impedance[k]);
    }
    return fewer;
}

// Poles and weights from `samples`, errors over `checked`.
NetworkFit fit_form(const Samples& samples, const Samples& checked, Form form, int order) {
    const std::size_t count = samples.omega.size();
    std::vector<Complex> target(count);
    std::vector<double> weight(count);
    for (std::size_t k = 0; k < count; ++k) {
        target[k] = form == Form::series ? samples.impedance[k] : 1.0 / samples.impedance[k];
        weight[k] = 1 / std::abs(target[k]);
    }
    std::vector<Term> terms = terms_at(vector_fit_poles(samples.omega, target, weight, order, vector_fitting_iterations));

    // Weights >= 0 minimising the relative error.
    const auto rows = static_cast<Eigen::Index>(2 * count), columns = static_cast<Eigen::Index>(terms.size());
    Eigen::MatrixXd basis(rows, columns);
    Eigen::VectorXd unit(rows);
    for (std::size_t k = 0; k < count; ++k) {
        const Complex s(0, samples.omega[k]);
        const auto r = static_cast<Eigen::Index>(2 * k);
        for (Eigen::Index j = 0; j < columns; ++j) {
            const Complex value = weight[k] * terms[static_cast<std::size_t>(j)].value(s);
            basis(r, j) = value.real();
            basis(r + 1, j) = value.imag();
        }
        const Complex relative = weight[k] * target[k];  // unit length, the curve's phase
        unit(r) = relative.real();
        unit(r + 1) = relative.imag();
    }
    const Eigen::VectorXd weights = non_negative_least_squares(basis, unit);
    std::vector<Term> kept;
    for (std::size_t j = 0; j < terms.size(); ++j) {
        Term term = terms[j];
        term.weight = weights(static_cast<Eigen::Index>(j));
        if (!(term.weight > 0) || !std::isfinite(term.weight)) continue;
        double largest = 0;
        for (std::size_t k = 0; k < count; ++k) largest = std::max(largest, weight[k] * std::abs(term.value(Complex(0, samples.omega[k]))));
        if (largest > negligible) kept.push_back(in_radians_per_second(term, samples.omega0));
    }

    NetworkFit fit;
    fit.network = realise(form, kept);
    fit.order = order;
    assess(fit, checked, [&](double frequency_hz) {
        Complex sum = 0;
        for (const Term& term : kept) sum += term.value(Complex(0, 2 * std::numbers::pi * frequency_hz));
        return form == Form::series ? sum : 1.0 / sum;
    });
    return fit;
}

double score(const NetworkFit& fit, const FitOptions& options) {
    const double value = std::max(fit.worst_db / options.limit_db, fit.worst_deg / options.limit_deg);
    return std::isfinite(value) ? value : INFINITY;
}

}  // namespace

NetworkFit fit_network(const ImpedanceCurve& curve, const FitOptions& options) {
    const auto& points = curve.points;
    constexpr double slack = 1.01;
    if (points.empty() || points.front().frequency_hz > options.band_low_hz * slack ||
        points.back().frequency_hz < options.band_high_hz / slack)
        throw std::invalid_argument("the curve covers " + frequency_text(points.empty() ? 0 : points.front().frequency_hz) + "-" +
                                    frequency_text(points.empty() ? 0 : points.back().frequency_hz) + ", not the band " +
                                    frequency_text(options.band_low_hz) + "-" + frequency_text(options.band_high_hz));
    Samples samples;
    samples.omega0 = 2 * std::numbers::pi * std::sqrt(options.band_low_hz * options.band_high_hz);
    for (const ImpedancePoint& point : points) {
        if (point.frequency_hz < options.band_low_hz / slack || point.frequency_hz > options.band_high_hz * slack) continue;
        samples.frequency_hz.push_back(point.frequency_hz);
        samples.omega.push_back(2 * std::numbers::pi * point.frequency_hz / samples.omega0);
        samples.impedance.push_back(point.impedance_ohm());
    }
    if (samples.omega.size() < minimum_points)
        throw std::invalid_argument(std::to_string(samples.omega.size()) + " points within " + frequency_text(options.band_low_hz) + "-" +
                                    frequency_text(options.band_high_hz) + ": a fit needs at least " + std::to_string(minimum_points));

    const Samples fitted = thinned(samples, fitted_points);
    const int highest = std::min(options.max_order, static_cast<int>(fitted.omega.size()) / 2);
    std::optional<NetworkFit> best;
    for (int order = 1; order <= highest; ++order) {
        for (const Form form : {Form::series, Form::parallel}) {
            NetworkFit fit = fit_form(fitted, samples, form, order);
            if (!best || score(fit, options) < score(*best, options)) best = std::move(fit);
        }
        if (score(*best, options) <= 0.1) break;  // within a tenth of the limit: no need for more poles
    }
    // The errors reported are those of the network as realised, element by element.
    assess(*best, samples, [&](double frequency_hz) { return impedance_ohm(best->network, frequency_hz); });
    return std::move(*best);
}

std::string describe_errors(const NetworkFit& fit, const FitOptions& options) {
    return figure(fit.worst_db) + " dB (at " + frequency_text(fit.worst_db_at_hz) + ") and " + figure(fit.worst_deg) + " degrees (at " +
           frequency_text(fit.worst_deg_at_hz) + ") over " + std::to_string(fit.points) + " points, " +
           frequency_text(options.band_low_hz) + "-" + frequency_text(options.band_high_hz);
}

}  // namespace hpsim::headphone::measured
