#include "sim/truncation_error.hpp"

#include <algorithm>
#include <cmath>

namespace hpsim::sim {

void TruncationErrorEstimator::restart(double time, const std::vector<double>& charge) {
    count_ = 0;
    accept(time, charge);
}

void TruncationErrorEstimator::accept(double time, const std::vector<double>& charge) {
    newest_ = (newest_ + 1) % 3;
    times_[newest_] = time;
    values_[newest_].assign(charge.begin(), charge.end());
    count_ = std::min<std::size_t>(count_ + 1, 3);
    for (std::size_t i = 0; i < charge.size(); ++i) {
        peak_[i] = std::max(peak_[i], std::abs(charge[i]));
        double& largest = i < voltages_ ? largest_voltage_ : largest_current_;
        largest = std::max(largest, peak_[i]);
    }
}

double TruncationErrorEstimator::error_ratio(double time, const std::vector<double>& charge,
                                             std::vector<double>& defect) const {
    if (count_ < 3) {
        std::fill(defect.begin(), defect.end(), 0.0);
        return 0.0;
    }
    const std::size_t oldest = (newest_ + 1) % 3, middle = (newest_ + 2) % 3;
    const double t0 = times_[oldest], t1 = times_[middle], t2 = times_[newest_], t3 = time, h = t3 - t2;
    const std::vector<double>&q0 = values_[oldest], &q1 = values_[middle], &q2 = values_[newest_];
    const double per_01 = 1.0 / (t1 - t0), per_12 = 1.0 / (t2 - t1), per_23 = 1.0 / (t3 - t2);
    const double per_13 = 1.0 / (t3 - t1), per_02 = 1.0 / (t2 - t0), per_03 = 1.0 / (t3 - t0);
    double worst = 0.0;
    for (std::size_t i = 0; i < charge.size(); ++i) {
        const double d01 = (q1[i] - q0[i]) * per_01;
        const double d12 = (q2[i] - q1[i]) * per_12;
        const double d23 = (charge[i] - q2[i]) * per_23;
        const double d0123 = ((d23 - d12) * per_13 - (d12 - d01) * per_02) * per_03;
        defect[i] = h * h * d0123;                   // h^2 (6 d0123) / 6
        const double error = std::abs(h * defect[i] / 2.0);  // h^3 (6 d0123) / 12
        const double largest = i < voltages_ ? largest_voltage_ : largest_current_;
        const double allowed =
            factor_ * (relative_ * (std::max(peak_[i], std::abs(charge[i])) + 1e-3 * largest) + floor_);
        worst = std::max(worst, error / allowed);
    }
    return worst;
}

}  // namespace hpsim::sim
