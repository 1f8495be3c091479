#include "spice/builtin_functions.hpp"

#include <algorithm>
#include <cmath>

namespace hpsim::spice {
namespace {

bool always(const std::vector<double>&) { return true; }

}  // namespace

const std::vector<Function>& builtin_functions() {
    static const std::vector<Function> table{
        {"sqrt", 1, [](const auto& a) { return std::sqrt(a[0]); }, [](const auto& a) { return a[0] >= 0; }},
        {"exp", 1, [](const auto& a) { return std::exp(a[0]); }, always},
        {"log", 1, [](const auto& a) { return std::log(a[0]); }, [](const auto& a) { return a[0] > 0; }},
        {"log10", 1, [](const auto& a) { return std::log10(a[0]); }, [](const auto& a) { return a[0] > 0; }},
        {"sin", 1, [](const auto& a) { return std::sin(a[0]); }, always},
        {"cos", 1, [](const auto& a) { return std::cos(a[0]); }, always},
        {"tan", 1, [](const auto& a) { return std::tan(a[0]); }, always},
        {"abs", 1, [](const auto& a) { return std::abs(a[0]); }, always},
        {"min", 2, [](const auto& a) { return std::min(a[0], a[1]); }, always},
        {"max", 2, [](const auto& a) { return std::max(a[0], a[1]); }, always},
        {"pow", 2, [](const auto& a) { return std::pow(a[0], a[1]); },
                 [](const auto& a) { return a[0] >= 0 || a[1] == std::floor(a[1]); }},
        // The rest of ngspice 39's numparam functions (xpressn.c), with its meanings:
        // ln is log, arctan is atan, pwr(x, y) = |x|^y, int truncates, nint rounds half
        // to even, sgn is -1, 0 or 1.
        {"sqr", 1, [](const auto& a) { return a[0] * a[0]; }, always},
        {"ln", 1, [](const auto& a) { return std::log(a[0]); }, [](const auto& a) { return a[0] > 0; }},
        {"arctan", 1, [](const auto& a) { return std::atan(a[0]); }, always},
        {"atan", 1, [](const auto& a) { return std::atan(a[0]); }, always},
        {"asin", 1, [](const auto& a) { return std::asin(a[0]); }, [](const auto& a) { return std::abs(a[0]) <= 1; }},
        {"acos", 1, [](const auto& a) { return std::acos(a[0]); }, [](const auto& a) { return std::abs(a[0]) <= 1; }},
        {"sinh", 1, [](const auto& a) { return std::sinh(a[0]); }, always},
        {"cosh", 1, [](const auto& a) { return std::cosh(a[0]); }, always},
        {"tanh", 1, [](const auto& a) { return std::tanh(a[0]); }, always},
        {"asinh", 1, [](const auto& a) { return std::asinh(a[0]); }, always},
        {"acosh", 1, [](const auto& a) { return std::acosh(a[0]); }, [](const auto& a) { return a[0] >= 1; }},
        {"atanh", 1, [](const auto& a) { return std::atanh(a[0]); }, [](const auto& a) { return std::abs(a[0]) < 1; }},
        {"pwr", 2, [](const auto& a) { return std::pow(std::abs(a[0]), a[1]); }, always},
        {"int", 1, [](const auto& a) { return std::trunc(a[0]); }, always},
        {"nint", 1, [](const auto& a) { return std::nearbyint(a[0]); }, always},
        {"floor", 1, [](const auto& a) { return std::floor(a[0]); }, always},
        {"ceil", 1, [](const auto& a) { return std::ceil(a[0]); }, always},
        {"sgn", 1, [](const auto& a) { return a[0] > 0 ? 1.0 : a[0] < 0 ? -1.0 : 0.0; }, always},
        {"ternary_fcn", 3, [](const auto& a) { return a[0] != 0 ? a[1] : a[2]; }, always},
    };
    return table;
}

std::optional<std::size_t> find_function(std::string_view name) {
    const std::vector<Function>& table = builtin_functions();
    for (std::size_t i = 0; i < table.size(); ++i)
        if (name == table[i].name) return i;
    return std::nullopt;
}

bool is_random_function(std::string_view name) {
    return name == "agauss" || name == "gauss" || name == "unif" || name == "aunif" || name == "limit";
}

}  // namespace hpsim::spice
