#pragma once
// One function per analysis; each builds its matrix from the system's G and C,
// factors with fixed pivots and only restamps values and solves per point.
#include "sim/circuit.hpp"
#include "sim/mna.hpp"
#include "sim/results.hpp"

namespace hpsim::sim {

struct AnalysisRun {
    const Circuit& circuit;
    const MnaSystem& system;
    ResultSink& sink;
    int ordinal;  // 1 for the first analysis of its kind
};

void run_op(const AnalysisRun& run, const OpAnalysis& analysis);
void run_dc(const AnalysisRun& run, const DcAnalysis& analysis);
void run_ac(const AnalysisRun& run, const AcAnalysis& analysis);
void run_tran(const AnalysisRun& run, const TranAnalysis& analysis);

// Solves G x = b for source values given per element (op and the transient start).
std::vector<double> solve_dc(const MnaSystem& system, const std::vector<double>& source_values,
                             const SourceLocation& where);

// Throws a DeckError at `where` naming the unknown when a solution is not finite.
template <typename Vector>
void require_finite(const MnaSystem& system, const Vector& solution, const SourceLocation& where);

}  // namespace hpsim::sim
