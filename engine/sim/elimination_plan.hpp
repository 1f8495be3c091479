#pragma once
// Gaussian elimination compiled for one sparse pattern and one pivot sequence.
//
// KLU chooses the orderings P and Q (and so the pivots) once. B = A(P, Q) is then
// factored B = LU without further pivoting by replaying a flat list of positions:
// per pivot k, scale column k of L by 1/B_kk and subtract l_ik * u_kj from every
// (i, j). Each point of a sweep only scatters new values and replays the list; a
// pivot that has become small against its column is reported, and the caller
// chooses new pivots.
#include <complex>
#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace hpsim::sim {

class EliminationPlan {
public:
    // P: row of A for each row of B; Q: column of A for each column of B.
    // nullopt when the factors would be too large to replay cheaply.
    static std::optional<EliminationPlan> compile(std::size_t size, std::span<const int> column_starts,
                                                  std::span<const int> row_indices, std::span<const int> row_order,
                                                  std::span<const int> column_order);

    // Factors the values (pattern order of A) into `factors`; false when a pivot is
    // zero, not finite, or below 1e-6 of the largest entry beneath it.
    template <typename Scalar>
    bool factor(std::span<const Scalar> values, std::vector<Scalar>& factors) const;

    // Solves A x = b in place using `factors`; `scratch` is working space.
    template <typename Scalar>
    void solve(const std::vector<Scalar>& factors, std::span<Scalar> right_hand_side,
               std::vector<Scalar>& scratch) const;

    // The same elimination for `lanes` frequencies at once: A = G + jwC with G and C in
    // pattern order and one w per lane (sim/elimination_lanes.cpp). Entry k of lane l
    // is at [k * lanes + l], real and imaginary parts apart, so that every step of the
    // elimination is one loop over the lanes, which the compiler vectorises. Returns
    // false if any lane has a bad pivot: zero or not finite, or a multiplier
    // l_ik = b_ik / b_kk above 1e6 (in |re| + |im|), i.e. a pivot below about 1e-6 of
    // an entry beneath it.
    static constexpr std::size_t lanes = 32;
    struct LaneFactors {
        std::vector<double> real, imag;  // the factors, then the inverted diagonal
    };
    bool factor_frequencies(std::span<const double> conductance, std::span<const double> reactance,
                            std::span<const double, lanes> omega, LaneFactors& factors) const;
    // Solves every lane for the same right-hand side b (indexed like A's rows); lane l's
    // solution goes to solutions[l * size ... (l + 1) * size). Rows that b and the
    // elimination leave at zero are skipped (a source excites few rows).
    struct LaneScratch {
        std::vector<double> real, imag;
        std::vector<unsigned char> nonzero;  // per row of the elimination
    };
    void solve_frequencies(const LaneFactors& factors, std::span<const std::complex<double>> right_hand_side,
                           std::span<std::complex<double>> solutions, LaneScratch& scratch) const;

private:
    std::size_t size_ = 0;
    std::size_t factor_size_ = 0;  // entries of L and U together, plus 1/diagonal
    std::vector<int> row_order_, column_order_;
    std::vector<int> scatter_;           // entry of A -> position in the factors; fill comes after the entries
    std::vector<int> diagonal_;          // position of B_kk
    std::vector<int> lower_begin_;       // per k, into lower_position_ / lower_row_
    std::vector<int> lower_position_, lower_row_;
    std::vector<int> upper_begin_;       // per k, into upper_position_ / upper_column_
    std::vector<int> upper_position_, upper_column_;
    std::vector<int> update_target_;     // per k: lower x upper positions of (i, j)
};

}  // namespace hpsim::sim
