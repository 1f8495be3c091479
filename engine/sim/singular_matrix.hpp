#pragma once
// Thrown by the sparse factorizations when a pivot is exactly zero.
#include <cstddef>
#include <stdexcept>

namespace hpsim::sim {

class SingularMatrix : public std::runtime_error {
public:
    explicit SingularMatrix(std::size_t column)
        : std::runtime_error("singular matrix"), column_(column) {}
    std::size_t column() const { return column_; }  // an unknown with a zero pivot

private:
    std::size_t column_;
};

}  // namespace hpsim::sim
