#pragma once
// How many digits an analysis's solutions may lose. A double holds about 16 significant
// digits; solving A x = b loses about log10 of Skeel's condition number of x (see
// SparseLu::condition_estimate). Each analysis estimates it at a few points (op: its
// solution; dc: the first and the last value; ac: the first and the last frequency;
// tran: the step matrix G + 2C/h driven by the sources at t = 0) and warns once, at its card,
// when the worst loses more than `warned_digits_lost`, naming the elements with the
// largest and the smallest admittance at that point and any coupling near |k| = 1.
#include <optional>
#include <span>
#include <string>

#include "sim/analyses.hpp"
#include "sim/sparse_lu.hpp"

namespace hpsim::sim {

// More than this many of the 16 digits lost: fewer than 6 left for the answer.
inline constexpr double warned_digits_lost = 10.0;

class ConditionMonitor {
public:
    ConditionMonitor(const AnalysisRun& run, SourceLocation where) : run_(run), where_(std::move(where)) {}

    // `values` were just factored by `lu` and solved for `solution`; `reactive_scale`
    // multiplies C in them (omega at an AC point, the integration coefficient in a
    // transient step, 0 for G alone); `point` says where ("at 1e+09 Hz", "").
    template <typename Scalar>
    void check(SparseLu<Scalar>& lu, std::span<const Scalar> values, std::span<const Scalar> solution,
               double reactive_scale, const std::string& point);

    // Sends the warning, if the worst point deserves one. Once per analysis.
    void report();

    std::optional<double> worst_digits_lost() const;

private:
    const AnalysisRun& run_;
    SourceLocation where_;
    double worst_condition_ = 0.0;
    double worst_reactive_scale_ = 0.0;
    std::string worst_point_;
    bool checked_ = false;
};

// The sentence naming what makes the matrix ill-conditioned at that reactive scale.
std::string ill_conditioning_culprits(const Circuit& circuit, double reactive_scale);

}  // namespace hpsim::sim
