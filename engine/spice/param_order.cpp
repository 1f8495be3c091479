#include "spice/param_order.hpp"

#include <algorithm>
#include <unordered_map>

#include "spice/expression.hpp"

namespace hpsim::spice {

std::vector<const ParamAssignment*> evaluation_order(const std::vector<const ParamAssignment*>& assignments,
                                                     const FunctionScope* functions) {
    // The last assignment of each name, in deck order.
    std::unordered_map<std::string, std::size_t> last;  // name -> index in kept
    std::vector<const ParamAssignment*> kept;
    for (const ParamAssignment* assignment : assignments) {
        const auto found = last.find(assignment->name);
        if (found != last.end()) kept[found->second] = nullptr;
        last[assignment->name] = kept.size();
        kept.push_back(assignment);
    }
    std::erase(kept, nullptr);
    last.clear();
    for (std::size_t i = 0; i < kept.size(); ++i) last[kept[i]->name] = i;

    // Depth-first (with a stack of its own: a long chain of parameters must not exhaust
    // the call stack), each assignment after the ones it reads; a name met again while
    // its own reads are being placed closes a cycle.
    std::vector<std::vector<std::size_t>> reads(kept.size());
    for (std::size_t i = 0; i < kept.size(); ++i) {
        const CompiledExpression expression =
            CompiledExpression::compile(kept[i]->value.text, kept[i]->value.where, functions);
        for (const std::string& name : expression.parameters())
            if (const auto read = last.find(name); read != last.end()) reads[i].push_back(read->second);
    }
    enum class Mark { none, placing, placed };
    std::vector<Mark> marks(kept.size(), Mark::none);
    std::vector<const ParamAssignment*> order;
    struct Visit {
        std::size_t index, next_read;
    };
    std::vector<Visit> path;
    const auto cycle_error = [&](std::size_t index) {
        const ParamAssignment& assignment = *kept[index];
        std::string cycle;
        bool on = false;
        for (const Visit& visit : path) {
            on = on || visit.index == index;
            if (on) cycle += kept[visit.index]->name + " -> ";
        }
        return DeckError(assignment.where, path.back().index == index && cycle == assignment.name + " -> "
                                               ? "parameter '" + assignment.name + "' is defined in terms of itself"
                                               : "parameters defined in terms of each other: " + cycle + assignment.name);
    };
    const auto place = [&](std::size_t start) {
        if (marks[start] != Mark::none) return;
        marks[start] = Mark::placing;
        path.push_back({start, 0});
        while (!path.empty()) {
            Visit& visit = path.back();
            if (visit.next_read < reads[visit.index].size()) {
                const std::size_t read = reads[visit.index][visit.next_read++];
                if (marks[read] == Mark::placing) throw cycle_error(read);
                if (marks[read] == Mark::none) {
                    marks[read] = Mark::placing;
                    path.push_back({read, 0});
                }
                continue;
            }
            marks[visit.index] = Mark::placed;
            order.push_back(kept[visit.index]);
            path.pop_back();
        }
    };
    for (std::size_t i = 0; i < kept.size(); ++i) place(i);
    return order;
}

}  // namespace hpsim::spice
