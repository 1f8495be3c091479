#include "headphone/thiele_small.hpp"

#include <Eigen/Dense>
#include <array>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <optional>

namespace hpsim::headphone {
namespace {

// The unknowns, by catalog key; the first three are the motional network.
enum Key { res, cmes, lces, fs, qms, qes, mms, cms, bl, rms, key_count };
constexpr std::array<const char*, key_count> key_names{"res_ohm", "cmes_f", "lces_h", "fs_hz", "qms", "qes",
                                                       "mms_kg", "cms_m_per_n", "bl_tm", "rms_kg_per_s"};

// One relation: sum of exponent * log(key) = constant + re_power * log(Re).
struct Relation {
    const char* text;
    std::array<double, key_count> exponents;
    double constant;
    double re_power;
};

const double log_two_pi = std::log(2 * std::numbers::pi);
const std::array<Relation, 6> relations{{
    {"fs = 1/(2 pi sqrt(Lces Cmes))", {0, 1, 1, 2, 0, 0, 0, 0, 0, 0}, -2 * log_two_pi, 0},
    {"Qms = 2 pi fs Cmes Res", {-1, -1, 0, -1, 1, 0, 0, 0, 0, 0}, log_two_pi, 0},
    {"Qes = 2 pi fs Cmes Re", {0, -1, 0, -1, 0, 1, 0, 0, 0, 0}, log_two_pi, 1},
    {"Cmes = Mms/Bl^2", {0, 1, 0, 0, 0, 0, -1, 0, 2, 0}, 0, 0},
    {"Lces = Cms Bl^2", {0, 0, 1, 0, 0, 0, 0, -1, -2, 0}, 0, 0},
    {"Res = Bl^2/Rms", {1, 0, 0, 0, 0, 0, 0, 0, -2, 1}, 0, 0},
}};

using Given = std::array<std::optional<double>, key_count>;

struct Solution {
    std::array<std::optional<double>, key_count> values;  // those the given figures determine
    double worst_residual = 0;                            // largest |log| mismatch of a relation
};

// Least-squares solution of the relations in the logarithms of the unknowns.
Solution solve(const Given& given, double re_ohm) {
    std::vector<int> unknown;
    for (int k = 0; k < key_count; ++k)
        if (!given[static_cast<std::size_t>(k)]) unknown.push_back(k);
    Eigen::MatrixXd a = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(relations.size()), static_cast<Eigen::Index>(unknown.size()));
    Eigen::VectorXd rhs(static_cast<Eigen::Index>(relations.size()));
    for (std::size_t r = 0; r < relations.size(); ++r) {
        const Relation& relation = relations[r];
        double constant = relation.constant + relation.re_power * std::log(re_ohm);
        for (int k = 0; k < key_count; ++k)
            if (given[static_cast<std::size_t>(k)]) constant -= relation.exponents[static_cast<std::size_t>(k)] * std::log(*given[static_cast<std::size_t>(k)]);
        rhs(static_cast<Eigen::Index>(r)) = constant;
        for (std::size_t u = 0; u < unknown.size(); ++u)
            a(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(u)) = relation.exponents[static_cast<std::size_t>(unknown[u])];
    }
    Solution solution;
    for (int k = 0; k < key_count; ++k) solution.values[static_cast<std::size_t>(k)] = given[static_cast<std::size_t>(k)];
    if (unknown.empty()) {
        solution.worst_residual = rhs.cwiseAbs().maxCoeff();
        return solution;
    }
    const Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd> decomposition(a);
    const Eigen::VectorXd logs = decomposition.solve(rhs);
    solution.worst_residual = (a * logs - rhs).cwiseAbs().maxCoeff();
    // An unknown is determined when no direction of the null space moves it.
    Eigen::FullPivLU<Eigen::MatrixXd> lu(a);
    const Eigen::MatrixXd kernel = lu.dimensionOfKernel() > 0 ? Eigen::MatrixXd(lu.kernel()) : Eigen::MatrixXd(a.cols(), 0);
    for (std::size_t u = 0; u < unknown.size(); ++u) {
        const bool free = kernel.cols() > 0 && kernel.row(static_cast<Eigen::Index>(u)).cwiseAbs().maxCoeff() > 1e-9;
        if (!free) solution.values[static_cast<std::size_t>(unknown[u])] = std::exp(logs(static_cast<Eigen::Index>(u)));
    }
    return solution;
}

bool determines_driver(const Solution& solution) {
    return solution.values[res] && solution.values[cmes] && solution.values[lces];
}

std::string figure(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", value);
    return text;
}

std::string listed(const std::vector<std::string>& words, const char* last_join) {
    std::string text;
    for (std::size_t i = 0; i < words.size(); ++i)
        text += (i == 0 ? "" : i + 1 == words.size() ? std::string(" ") + last_join + " " : std::string(", ")) + words[i];
    return text;
}

}  // namespace

ThieleSmall read_thiele_small(const Fields& driver) {
    ThieleSmall result;
    result.re_ohm = driver.positive("re_ohm");
    result.le_h = driver.positive("le_h");
    Given given;
    std::vector<std::string> named;
    for (int k = 0; k < key_count; ++k)
        if (driver.has(key_names[static_cast<std::size_t>(k)])) {
            given[static_cast<std::size_t>(k)] = driver.positive(key_names[static_cast<std::size_t>(k)]);
            named.emplace_back(key_names[static_cast<std::size_t>(k)]);
        }

    const Solution all = solve(given, result.re_ohm);
    const double tolerance = std::log1p(thiele_small_tolerance);
    if (all.worst_residual > 1e-12) {
        // Each figure against what the others give, where they determine it.
        bool reported_any = false;
        for (int k = 0; k < key_count; ++k) {
            if (!given[static_cast<std::size_t>(k)]) continue;
            Given others = given;
            others[static_cast<std::size_t>(k)].reset();
            const Solution without = solve(others, result.re_ohm);
            const auto implied = without.values[static_cast<std::size_t>(k)];
            if (without.worst_residual > 1e-12 || !implied) continue;
            reported_any = true;
            const double ratio = *implied / *given[static_cast<std::size_t>(k)];
            if (std::abs(std::log(ratio)) <= tolerance) continue;
            std::vector<std::string> rest;
            for (const std::string& name : named)
                if (name != key_names[static_cast<std::size_t>(k)]) rest.push_back(name);
            throw DeckError(driver.where(key_names[static_cast<std::size_t>(k)]),
                            driver.owner() + ": inconsistent Thiele-Small figures: " + key_names[static_cast<std::size_t>(k)] + " = " +
                                figure(*given[static_cast<std::size_t>(k)]) + ", but re_ohm, " + listed(rest, "and") + " give " +
                                figure(*implied) + " (" + figure(std::abs(ratio - 1) * 100) + "% apart; the tolerance is " +
                                figure(thiele_small_tolerance * 100) + "%)");
        }
        if (!reported_any && all.worst_residual > tolerance)
            throw DeckError(driver.where(), driver.owner() + ": inconsistent Thiele-Small figures: " + listed(named, "and") +
                                                " do not agree with each other within " + figure(thiele_small_tolerance * 100) + "%");
    }
    if (!determines_driver(all)) {
        // What would complete the set: one more figure, else two.
        std::vector<std::string> singles;
        std::optional<std::pair<int, int>> pair;
        for (int k = 0; k < key_count; ++k) {
            if (given[static_cast<std::size_t>(k)]) continue;
            Given more = given;
            more[static_cast<std::size_t>(k)] = 1.0;  // which figures are determined does not depend on the values
            if (determines_driver(solve(more, result.re_ohm))) singles.emplace_back(key_names[static_cast<std::size_t>(k)]);
            for (int j = k + 1; j < key_count && !pair; ++j) {
                if (given[static_cast<std::size_t>(j)]) continue;
                Given two = more;
                two[static_cast<std::size_t>(j)] = 1.0;
                if (determines_driver(solve(two, result.re_ohm))) pair = std::pair(k, j);
            }
        }
        std::string missing;
        if (!singles.empty()) missing = "add one of " + listed(singles, "or");
        else if (pair && !named.empty())
            missing = "add two more, such as " + std::string(key_names[static_cast<std::size_t>(pair->first)]) + " and " +
                      key_names[static_cast<std::size_t>(pair->second)];
        else missing = "give fs_hz, qms and qes (or res_ohm, cmes_f and lces_h; or mms_kg, cms_m_per_n, bl_tm and rms_kg_per_s)";
        throw DeckError(driver.where(), driver.owner() + ": the Thiele-Small figures " +
                                            (named.empty() ? std::string("are missing") : "given (" + listed(named, "and") + ") do not determine the driver") +
                                            ": " + missing);
    }
    result.res_ohm = *all.values[res];
    result.cmes_f = *all.values[cmes];
    result.lces_h = *all.values[lces];
    const double omega = 1 / std::sqrt(result.lces_h * result.cmes_f);
    result.fs_hz = omega / (2 * std::numbers::pi);
    result.qms = omega * result.cmes_f * result.res_ohm;
    result.qes = omega * result.cmes_f * result.re_ohm;
    return result;
}

}  // namespace hpsim::headphone
