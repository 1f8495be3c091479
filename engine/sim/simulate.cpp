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

}  // namespace

void simulate(const Circuit& circuit, ResultSink& sink) {
    check_topology(circuit);
    const MnaSystem system(circuit);
    std::map<std::size_t, int> ordinals;  // per analysis kind
    for (const Analysis& analysis : circuit.analyses) {
        const AnalysisRun run{circuit, system, sink, ++ordinals[analysis.index()]};
        std::visit(Overloaded{[&](const OpAnalysis& op) { run_op(run, op); },
                              [&](const DcAnalysis& dc) { run_dc(run, dc); },
                              [&](const AcAnalysis& ac) { run_ac(run, ac); },
                              [&](const TranAnalysis& tran) { run_tran(run, tran); }},
                   analysis);
    }
}

}  // namespace hpsim::sim
