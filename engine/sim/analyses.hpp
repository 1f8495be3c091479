#pragma once
// One function per analysis; each builds its matrix from the system's G and C,
// factors with fixed pivots and only restamps values and solves per point.
#include <complex>
#include <memory>
#include <vector>

#include "sim/ac_response.hpp"
#include "sim/circuit.hpp"
#include "sim/mna.hpp"
#include "sim/phase_clock.hpp"
#include "sim/results.hpp"
#include "sim/sparse_lu.hpp"

namespace hpsim::sim {

// What one analysis keeps from one run to the next over a circuit of the same
// structure (the steps of a .step sweep): its factorisation, whose ordering, pivots and
// compiled elimination stay valid while only the values change.
struct AnalysisWorkspace {
    std::unique_ptr<SparseLu<double>> real;  // op, dc
    std::unique_ptr<AcResponse> ac;          // ac
    std::vector<double> frequencies_hz;      // ac: the analysis's frequencies, computed once

    // The kept factorisation, made for `system` on first use.
    SparseLu<double>& real_lu(const MnaSystem& system, LuOptions options = {});
    AcResponse& ac_response(const MnaSystem& system, std::size_t expected_frequencies);
    // The next run chooses its pivots from its own values (SparseLu::forget_pivots): its
    // numbers are then bit for bit those of the circuit run alone.
    void forget_pivots();
};

struct AnalysisRun {
    const Circuit& circuit;
    const MnaSystem& system;
    ResultSink& sink;
    int ordinal;  // 1 for the first analysis of its kind
    PhaseClock* clock = nullptr;
    AnalysisKind kind = AnalysisKind::op;
    AnalysisWorkspace* workspace = nullptr;  // none: the analysis factors afresh
    // Estimate the digits the solutions lose (sim/conditioning.hpp). A .step sweep does
    // at its first and last step: the estimate costs a few solves, the step little more.
    bool check_condition = true;

    std::string label() const {  // "op", "ac", "ac2", ...: the analysis as the output names it
        return analysis_kind_name(kind) + (ordinal > 1 ? std::to_string(ordinal) : std::string());
    }
    // Starts a phase "label: step" inside the analysis, when there is a clock.
    void phase(const std::string& step) const {
        if (clock) clock->start(label() + ": " + step);
    }
};

void run_op(const AnalysisRun& run, const OpAnalysis& analysis);
void run_dc(const AnalysisRun& run, const DcAnalysis& analysis);
void run_ac(const AnalysisRun& run, const AcAnalysis& analysis);
void run_tran(const AnalysisRun& run, const TranAnalysis& analysis);
// The one of the four above that `analysis` is.
void run_analysis(const AnalysisRun& run, const Analysis& analysis);

// b for source values given per element (the DC value, or a waveform at one time).
void fill_source_rhs(const MnaSystem& system, const std::vector<double>& source_values, std::vector<double>& rhs);

// Solves G x = b for source values given per element (op and the transient start).
// `run`, when given, times ordering, factoring and solving as its phases.
std::vector<double> solve_dc(const MnaSystem& system, const std::vector<double>& source_values,
                             const SourceLocation& where, const AnalysisRun* run = nullptr);

// Throws a DeckError at `where` naming the unknown when a solution is not finite.
template <typename Vector>
void require_finite(const MnaSystem& system, const Vector& solution, const SourceLocation& where);

}  // namespace hpsim::sim
