#pragma once
// R, C and L .model cards, read as ngspice 39 reads them: each parameter under one name
// (its aliases folded in), checked against what hpsim computes exactly. hpsim simulates
// at the nominal 27 C: temperature coefficients act only through a tnom other than 27.
//
//   R: rsh, narrow (dw), short (dlr), l (the default length), defw (w), r (res), tc1
//      (tc1r), tc2 (tc2r), tce, tnom; kf, af, lf, wf, ef (noise only) and bv_max (a
//      warning in ngspice) have no effect on op, dc, ac or tran.
//   C: cap, cj (cox), cjsw (capsw), defw (w), narrow, short, del, di, thick, tc1, tc2,
//      tnom; bv_max.
//   L: ind, tc1, tc2, tnom.
// Refused by name: the C model's c and the L model's l (flags whose value ngspice 39
// ignores), the C model's defl (l), which ngspice 39 reads but never uses, an R model's
// r at or below 1 mOhm (ignored by ngspice 39), the L model's geometry (csect, dia,
// length, nt, mu) and anything else.
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "spice/netlist.hpp"

namespace hpsim::sim {

struct DeviceModel {
    std::string name;
    char kind = 'r';  // 'r', 'c' or 'l': the element letter that uses it
    spice::SourceLocation where;
    std::map<std::string, double> values;  // by the names above

    std::optional<double> value(const std::string& parameter) const;
};

// Evaluates each parameter with `evaluate`. Throws spice::DeckError for a model type
// other than R (RES), C or L, and for a parameter that hpsim does not implement.
DeviceModel read_device_model(const spice::ModelCard& card,
                              const std::function<double(const spice::Expression&)>& evaluate);

}  // namespace hpsim::sim
