#pragma once
// The trapezoidal rule's local truncation error, estimated from the last points of the
// reactive states q = C x (capacitor charges per node row, inductor fluxes per branch
// row), as ngspice estimates it.
//
// Per step of h the rule makes two related errors:
//  - in q, h^3 q'''/12: the step is accepted when this is small enough;
//  - in its reactive-current recurrence r1 + r0 = (2/h)(q1 - q0), a defect
//    d = h^2 q'''/6 that the exact solution would leave. Fed into the same recurrence
//    (see GlobalErrorTracker in analysis_tran.cpp) it gives the global error of x.
// q''' is 6 times the third divided difference of the last four points. Node voltages
// fixed only through charges and fluxes (a node reached only through inductors) are
// not estimated directly: their values show the rule's alternating error, which does
// not shrink with the step; the global error of x covers them.
#include <cstddef>
#include <vector>

namespace hpsim::sim {

class TruncationErrorEstimator {
public:
    // unknowns 0..voltages-1 are node rows, the rest branch rows.
    TruncationErrorEstimator(std::size_t unknowns, std::size_t voltages) : peak_(unknowns, 0.0), voltages_(voltages) {}

    // The step is accepted when |h^3 q'''/12| <= factor (relative (peak + 1e-3 largest) + floor)
    // for every row: peak is the row's own largest |q| so far, largest the largest peak
    // among rows of its kind (node rows, branch rows).
    void set_tolerance(double relative, double floor, double factor) {
        relative_ = relative;
        floor_ = floor;
        factor_ = factor;
    }

    void restart(double time, const std::vector<double>& charge);  // at a source corner
    void accept(double time, const std::vector<double>& charge);
    std::size_t points_since_corner() const { return count_; }

    // Largest local error over the rows relative to what is allowed (> 1 rejects the
    // step), and the defect of each row into `defect`; 0 and no defect (all zero) until
    // there are three earlier points since the last corner.
    double error_ratio(double time, const std::vector<double>& charge, std::vector<double>& defect) const;

private:
    // The last three points since the corner, oldest at (newest_ + 1) % 3.
    std::size_t count_ = 0, newest_ = 2;
    double times_[3] = {};
    std::vector<double> values_[3];
    std::vector<double> peak_;
    std::size_t voltages_;
    double largest_voltage_ = 0.0, largest_current_ = 0.0;
    double relative_ = 1e-6, floor_ = 0.0, factor_ = 1.0;
};

}  // namespace hpsim::sim
