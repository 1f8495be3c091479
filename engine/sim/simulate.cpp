#include "sim/simulate.hpp"

#include <map>

#include "sim/analyses.hpp"
#include "sim/mna.hpp"
#include "sim/topology.hpp"

namespace hpsim::sim {
namespace {

template <class... Handlers>
struct Overloaded : Handlers... {
    using Handlers::operator()...;
};
template <class... Handlers>  // C++17's guide: clang 14 does not deduce aggregates by itself
Overloaded(Handlers...) -> Overloaded<Handlers...>;

}  // namespace

void run_analysis(const AnalysisRun& run, const Analysis& analysis) {
    std::visit(Overloaded{[&](const OpAnalysis& op) { run_op(run, op); },
                          [&](const DcAnalysis& dc) { run_dc(run, dc); },
                          [&](const AcAnalysis& ac) { run_ac(run, ac); },
                          [&](const TranAnalysis& tran) { run_tran(run, tran); }},
               analysis);
}

void simulate(const Circuit& circuit, ResultSink& sink, PhaseClock* clock) {
    start_phase(clock, "topology");
    check_topology(circuit);
    start_phase(clock, "matrices");
    const MnaSystem system(circuit);
    std::map<std::size_t, int> ordinals;  // per analysis kind
    for (const Analysis& analysis : circuit.analyses) {
        const AnalysisRun run{circuit, system, sink, ++ordinals[analysis.index()], clock,
                              static_cast<AnalysisKind>(analysis.index())};  // both in op, dc, ac, tran order
        start_phase(clock, run.label());
        run_analysis(run, analysis);
    }
    if (clock) clock->stop();
}

}  // namespace hpsim::sim
