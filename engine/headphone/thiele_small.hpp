#pragma once
// A dynamic driver from Thiele-Small parameters in any standard form.
//
// The electrical impedance is Ze = Re + jwLe + (Res || Lces || Cmes); the motional
// parallel R-L-C follows from any consistent set of (keys of the catalog's [driver]):
//   fs_hz, qms, qes          Res = Re Qms/Qes, Cmes = Qes/(2 pi fs Re), Lces = 1/((2 pi fs)^2 Cmes)
//   res_ohm, cmes_f, lces_h  the network itself
//   mms_kg, cms_m_per_n, bl_tm, rms_kg_per_s
//                            Cmes = Mms/Bl^2, Lces = Cms Bl^2, Res = Bl^2/Rms
// or any mixture that determines them (fs_hz, qms, res_ohm; fs_hz, qes, qms, bl_tm ...).
// The relations used, with Re given:
//   fs = 1/(2 pi sqrt(Lces Cmes))   Qms = 2 pi fs Cmes Res   Qes = 2 pi fs Cmes Re
//   Cmes = Mms/Bl^2                 Lces = Cms Bl^2          Res = Bl^2/Rms
// (so fs = 1/(2 pi sqrt(Mms Cms)), Qms = 2 pi fs Mms/Rms, Qes = 2 pi fs Mms Re/Bl^2, and
// the impedance peak at fs is Re (1 + Qms/Qes)). Taking logarithms makes every relation
// linear, so which sets determine the driver, and whether a set agrees with itself, is
// linear algebra. Figures that disagree by more than 1% are an error naming them; a set
// that does not determine the driver is an error naming what would complete it.
#include "headphone/catalog.hpp"

namespace hpsim::headphone {

struct ThieleSmall {
    double re_ohm = 0, le_h = 0;
    double res_ohm = 0, cmes_f = 0, lces_h = 0;  // the motional parallel R-L-C
    double fs_hz = 0, qms = 0, qes = 0;
};

// Reads re_ohm, le_h and the motional figures from a [driver] table. Throws DeckError.
ThieleSmall read_thiele_small(const Fields& driver);

// The relative tolerance between figures given twice over.
constexpr double thiele_small_tolerance = 0.01;

}  // namespace hpsim::headphone
