#pragma once
// Positive-real sections and their realisation as resistors, inductors and capacitors.
//
// A fitted impedance is a sum of terms, each a non-negative weight w times one of these
// functions of s (rad/s), with sigma > 0 and D = s^2 + a s + b, a > 0, b > 0:
//
//   term             as an impedance (series form)   as an admittance (parallel form)
//   1                R = w                           R = 1/w
//   s                L = w                           C = w
//   1/(s+sigma)      R || C: C = 1/w, R = w/sigma    R + L: L = 1/w, R = sigma/w
//   s/(s+sigma)      R || L: R = w, L = w/sigma      R + C: R = 1/w, C = w/sigma
//   s/D              R || L || C: C = 1/w,           R + L + C: L = 1/w, R = a/w,
//                      R = w/a, L = w/b                C = w/b
//   (s+a)/D          C || (R + L): C = 1/w,          L + (R || C): L = 1/w, C = w/b,
//                      L = w/b, R = a w/b              R = b/(a w)
//   (s^2+b)/D        R || (L + C): R = w,            R + (L || C): R = 1/w, C = w/a,
//                      L = w/a, C = a/(b w)            L = a/(b w)
//   (s^2+(b/a)s)/D   L || (R + C): R = w,            C + (R || L): R = 1/w, C = w/a,
//                      L = w/a, C = a/(b w)            L = a/(b w)
//
// Each is the impedance (admittance) of a positive R-L-C one-port, so any sum with
// w >= 0 is positive real: in the series form the sections are in series between the
// driver's terminals, in the parallel form the branches are in parallel. Every section
// has a DC path, so no node floats.
#include <complex>
#include <string>
#include <vector>

namespace hpsim::headphone::measured {

using Complex = std::complex<double>;

enum class Form { series, parallel };  // sections in series fitted to Z; branches in parallel fitted to Y = 1/Z

enum class Shape { constant, proportional, real_pole, real_pole_s, pair_s, pair_s_plus_a, pair_s2_plus_b, pair_s2_plus_bs_over_a };

struct Term {
    Shape shape = Shape::constant;
    double sigma = 0;    // real poles: the pole is at -sigma (rad/s)
    double a = 0, b = 0;  // pairs: D = s^2 + a s + b
    double weight = 0;
    Complex value(Complex s) const;  // weight times the function
};

struct RlcElement {
    char kind = 'R';  // R, L or C
    std::string name, from, to;
    double value = 0;  // Ohm, H, F
    std::string note;  // what the section is, for the netlist's comment
};

struct RlcNetwork {
    Form form = Form::series;
    std::vector<RlcElement> elements;  // between nodes "plus" and "minus", internal nodes named by section
};

RlcNetwork realise(Form form, const std::vector<Term>& terms);

// The impedance of the network between plus and minus at f > 0, by nodal analysis of its elements.
Complex impedance_ohm(const RlcNetwork& network, double frequency_hz);

// One SPICE card per element, with its note as a comment.
std::string spice_cards(const RlcNetwork& network);

}  // namespace hpsim::headphone::measured
