#include "sim/device_models.hpp"

#include <algorithm>
#include <vector>

namespace hpsim::sim {
namespace {

using spice::DeckError;

struct Parameter {
    const char* name;       // as written
    const char* canonical;  // as kept ("" for a parameter without effect here)
};

// ngspice 39's model parameter tables (res.c, cap.c, ind.c), less what hpsim refuses.
const std::vector<Parameter>& parameters(char kind) {
    static const std::vector<Parameter> resistor{
        {"rsh", "rsh"},   {"narrow", "narrow"}, {"dw", "narrow"}, {"short", "short"}, {"dlr", "short"},
        {"tc1", "tc1"},   {"tc1r", "tc1"},      {"tc2", "tc2"},   {"tc2r", "tc2"},    {"tce", "tce"},
        {"defw", "defw"}, {"w", "defw"},        {"l", "defl"},    {"tnom", "tnom"},   {"r", "r"},
        {"res", "r"},     {"kf", ""},           {"af", ""},       {"lf", ""},         {"wf", ""},
        {"ef", ""},       {"bv_max", ""}};
    static const std::vector<Parameter> capacitor{
        {"cap", "cap"},       {"cj", "cj"},       {"cox", "cj"},     {"cjsw", "cjsw"}, {"capsw", "cjsw"},
        {"defw", "defw"},     {"w", "defw"},      {"narrow", "narrow"}, {"short", "short"}, {"del", "del"},
        {"di", "di"},         {"thick", "thick"}, {"tc1", "tc1"},    {"tc2", "tc2"},   {"tnom", "tnom"},
        {"bv_max", ""}};
    static const std::vector<Parameter> inductor{{"ind", "ind"}, {"tc1", "tc1"}, {"tc2", "tc2"}, {"tnom", "tnom"}};
    return kind == 'r' ? resistor : kind == 'c' ? capacitor : inductor;
}

// Why a parameter ngspice 39 reads is refused, or "" when ngspice does not know it.
std::string refusal(char kind, const std::string& name) {
    if (kind == 'c' && name == "c")
        return "'c' in a capacitor .model is a flag to ngspice 39, which ignores its value: give cap=";
    if (kind == 'l' && name == "l")
        return "'l' in an inductor .model is a flag to ngspice 39, which ignores its value: give ind=";
    if (kind == 'c' && (name == "defl" || name == "l"))
        return "'" + name + "' in a capacitor .model is read by ngspice 39 but never used (a capacitor's length "
                            "defaults to 0): give l= on the capacitor";
    if (kind == 'l' && (name == "csect" || name == "dia" || name == "length" || name == "nt" || name == "mu"))
        return "inductor geometry '" + name + "' is not supported: give ind=";
    return "";
}

}  // namespace

std::optional<double> DeviceModel::value(const std::string& parameter) const {
    const auto found = values.find(parameter);
    return found == values.end() ? std::nullopt : std::optional<double>(found->second);
}

DeviceModel read_device_model(const spice::ModelCard& card,
                              const std::function<double(const spice::Expression&)>& evaluate) {
    DeviceModel model{card.name, 'r', card.where, {}};
    if (card.type == "r" || card.type == "res") model.kind = 'r';
    else if (card.type == "c") model.kind = 'c';
    else if (card.type == "l") model.kind = 'l';
    else
        throw DeckError(card.where, ".model '" + card.name + "' is of type '" + card.type +
                                        "': device models other than R, C and L are not supported yet");
    const char* kind_name = model.kind == 'r' ? "resistor" : model.kind == 'c' ? "capacitor" : "inductor";
    for (const spice::ParamAssignment& assignment : card.parameters) {
        const std::vector<Parameter>& known = parameters(model.kind);
        const auto parameter = std::find_if(known.begin(), known.end(),
                                            [&](const Parameter& p) { return assignment.name == p.name; });
        if (parameter == known.end()) {
            const std::string why = refusal(model.kind, assignment.name);
            throw DeckError(assignment.where, ".model '" + card.name + "': " +
                                                  (why.empty() ? "unknown " + std::string(kind_name) +
                                                                     " model parameter '" + assignment.name + "'"
                                                               : why));
        }
        const double value = evaluate(assignment.value);
        if (std::string(parameter->canonical).empty()) continue;
        if (model.kind == 'r' && std::string(parameter->canonical) == "r" && !(value > 1e-3))
            throw DeckError(assignment.value.where, ".model '" + card.name + "': r at or below 1 mOhm, which ngspice 39 "
                                                                          "ignores (and then uses 1 mOhm)");
        if (!model.values.emplace(parameter->canonical, value).second)
            throw DeckError(assignment.where,
                            ".model '" + card.name + "' gives '" + parameter->canonical + "' twice");
    }
    return model;
}

}  // namespace hpsim::sim
