#include "table.hpp"

#include <pybind11/numpy.h>

#include <cmath>
#include <limits>

#include "headphone/json_text.hpp"

namespace py = pybind11;

namespace hpsim::python {
namespace {

constexpr double none = std::numeric_limits<double>::quiet_NaN();

// The vector becomes the array's memory: no copy, freed with the array.
template <class T>
py::array owned_array(std::vector<T>&& values) {
    auto* kept = new std::vector<T>(std::move(values));
    const py::capsule owner(kept, [](void* memory) { delete static_cast<std::vector<T>*>(memory); });
    return py::array_t<T>(static_cast<py::ssize_t>(kept->size()), kept->data(), owner);
}

}  // namespace

double as_printed(double value) { return headphone::json_number_value(value); }

void Column::reserve(std::size_t rows) {
    switch (kind_) {
        case Kind::number: numbers_.reserve(rows); break;
        case Kind::integer: integers_.reserve(rows); break;
        case Kind::complex: complexes_.reserve(rows); break;
        case Kind::text: codes_.reserve(rows); break;
        case Kind::flag: flags_.reserve(rows); break;
        case Kind::figure:
            numbers_.reserve(rows);
            codes_.reserve(rows);
            break;
    }
}

void Column::add_number(double value) {
    if (kind_ == Kind::figure) codes_.push_back(-1);
    numbers_.push_back(value);
}

void Column::add_integer(std::int64_t value) { integers_.push_back(value); }

void Column::add_complex(std::complex<double> value) { complexes_.push_back(value); }

void Column::add_text(const std::string& text) {
    if (kind_ == Kind::figure) numbers_.push_back(none);
    if (text.empty()) {
        codes_.push_back(-1);
        return;
    }
    holds_text_ = true;
    const auto [found, added] = category_index_.try_emplace(text, static_cast<std::int32_t>(categories_.size()));
    if (added) categories_.push_back(text);
    codes_.push_back(found->second);
}

void Column::add_flag(std::optional<bool> flag) { flags_.push_back(flag ? static_cast<std::int8_t>(*flag) : std::int8_t{-1}); }

void Column::add_missing() {
    switch (kind_) {
        case Kind::flag: flags_.push_back(-1); break;
        case Kind::number: numbers_.push_back(none); break;
        case Kind::complex: complexes_.push_back({none, none}); break;
        case Kind::text: codes_.push_back(-1); break;
        case Kind::figure:
            numbers_.push_back(none);
            codes_.push_back(-1);
            break;
        case Kind::integer: integers_.push_back(0); break;
    }
}

void Column::add_figure(const headphone::FigureValue& value, bool rounded) {
    if (const double* number = std::get_if<double>(&value)) add_number(rounded ? as_printed(*number) : *number);
    else if (const std::string* word = std::get_if<std::string>(&value)) add_text(*word);
    else add_missing();
}

py::tuple Column::to_python() && {
    const bool text = kind_ == Kind::text || (kind_ == Kind::figure && holds_text_);
    if (text) {
        py::list categories;
        for (const std::string& category : categories_) categories.append(py::str(category));
        return py::make_tuple(name_, "text", owned_array(std::move(codes_)), categories);
    }
    switch (kind_) {
        case Kind::integer: return py::make_tuple(name_, "integer", owned_array(std::move(integers_)), py::none());
        case Kind::complex: return py::make_tuple(name_, "complex", owned_array(std::move(complexes_)), py::none());
        case Kind::flag: return py::make_tuple(name_, "flag", owned_array(std::move(flags_)), py::none());
        default: return py::make_tuple(name_, "number", owned_array(std::move(numbers_)), py::none());
    }
}

Column& Table::add(std::string name, Column::Kind kind) {
    columns_.emplace_back(std::move(name), kind);
    return columns_.back();
}

py::list Table::to_python() && {
    py::list columns;
    for (Column& column : columns_) columns.append(std::move(column).to_python());
    columns_.clear();
    return columns;
}

}  // namespace hpsim::python
