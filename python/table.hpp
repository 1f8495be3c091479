#pragma once
// A table of results built column by column in C++, handed to Python as numpy arrays
// (one per column, no Python object per value) for hpsim/__init__.py to put into a
// pandas DataFrame. Text columns are categorical: codes into their distinct values.
#include <pybind11/pybind11.h>

#include <complex>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "headphone/figures.hpp"

namespace hpsim::python {

class Column {
public:
    // number: float64; integer: int64; complex: complex128; text: categorical; flag:
    // a nullable boolean; figure: a number or a word per row, decided when the table is
    // handed over (text as soon as one row holds a word).
    enum class Kind { number, integer, complex, text, flag, figure };

    Column(std::string name, Kind kind) : name_(std::move(name)), kind_(kind) {}
    const std::string& name() const { return name_; }

    void add_number(double value);  // NaN for none
    void add_integer(std::int64_t value);
    void add_complex(std::complex<double> value);
    void add_text(const std::string& text);  // "" for none (as read from the CSV)
    void add_flag(std::optional<bool> flag);
    void add_missing();
    void add_figure(const headphone::FigureValue& value, bool rounded);
    void reserve(std::size_t rows);

    // (name, "number" | "integer" | "complex" | "text" | "flag", array, categories or None);
    // a flag's array is int8: 1 true, 0 false, -1 none.
    pybind11::tuple to_python() &&;

private:
    std::string name_;
    Kind kind_;
    std::vector<double> numbers_;
    std::vector<std::int64_t> integers_;
    std::vector<std::complex<double>> complexes_;
    std::vector<std::int32_t> codes_;  // -1: none
    std::vector<std::int8_t> flags_;   // -1: none
    std::vector<std::string> categories_;
    std::unordered_map<std::string, std::int32_t> category_index_;
    bool holds_text_ = false;  // a figure column with a word in it
};

class Table {
public:
    Column& add(std::string name, Column::Kind kind);
    Column& at(std::size_t index) { return columns_[index]; }
    std::size_t size() const { return columns_.size(); }
    pybind11::list to_python() &&;

private:
    std::vector<Column> columns_;
};

// A number as hpsim's JSON and sweep CSV write it (6 significant digits), read back:
// what a program parsing compare's output gets. NaN for a non-finite number (null).
double as_printed(double value);

}  // namespace hpsim::python
