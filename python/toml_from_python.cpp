#include "toml_from_python.hpp"

#include <sstream>
#include <stdexcept>

namespace py = pybind11;

namespace hpsim::python {
namespace {

void add_value(const py::handle& value, const std::string& where, const auto& insert);

toml::array array_of(const py::handle& list, const std::string& where) {
    toml::array array;
    std::size_t index = 0;
    for (const py::handle item : list) {
        add_value(item, where + "[" + std::to_string(index++) + "]", [&](auto&& node) { array.push_back(std::move(node)); });
    }
    return array;
}

toml::table table_of(const py::dict& dict, const std::string& where) {
    toml::table table;
    for (const auto& [key, value] : dict) {
        if (!py::isinstance<py::str>(key))
            throw std::invalid_argument((where.empty() ? std::string("a key") : where + ": a key") + " is not a string: " +
                                        std::string(py::repr(key)));
        const std::string name = key.cast<std::string>();
        const std::string path = where.empty() ? name : where + "." + name;
        add_value(value, path, [&](auto&& node) { table.insert_or_assign(name, std::move(node)); });
    }
    return table;
}

bool is_sequence(const py::handle& value) {
    if (py::isinstance<py::list>(value) || py::isinstance<py::tuple>(value) || py::isinstance(value, py::module_::import("builtins").attr("range")))
        return true;
    // numpy arrays of one or more dimensions, pandas Series and Index: their tolist().
    return py::hasattr(value, "tolist") && py::hasattr(value, "ndim") && value.attr("ndim").cast<int>() > 0;
}

void add_value(const py::handle& value, const std::string& where, const auto& insert) {
    // bool before int: a Python bool is an int.
    if (py::isinstance<py::bool_>(value)) {
        insert(toml::value<bool>(value.cast<bool>()));
    } else if (py::isinstance<py::int_>(value)) {
        std::int64_t whole = 0;
        try {
            whole = value.cast<std::int64_t>();
        } catch (const py::cast_error&) {
            throw std::invalid_argument(where + ": " + std::string(py::str(value)) + " is not representable in 64 bits");
        }
        insert(toml::value<std::int64_t>(whole));
    } else if (py::isinstance<py::float_>(value)) {
        insert(toml::value<double>(value.cast<double>()));
    } else if (py::isinstance<py::str>(value)) {
        insert(toml::value<std::string>(value.cast<std::string>()));
    } else if (py::isinstance<py::dict>(value)) {
        insert(table_of(value.cast<py::dict>(), where));
    } else if (is_sequence(value)) {
        const py::object items = py::hasattr(value, "tolist") ? value.attr("tolist")() : py::reinterpret_borrow<py::object>(value);
        insert(array_of(items, where));
    } else if (py::hasattr(value, "__fspath__")) {
        insert(toml::value<std::string>(py::str(value.attr("__fspath__")()).cast<std::string>()));
    } else if (py::hasattr(value, "item") && py::hasattr(value, "dtype")) {
        add_value(value.attr("item")(), where, insert);  // a numpy scalar
    } else {
        throw std::invalid_argument(where + ": " + std::string(py::str(value.get_type().attr("__name__"))) +
                                    " is not a TOML value (a str, bool, int, float, list or dict)");
    }
}

}  // namespace

toml::table toml_from_python(const py::dict& dict) { return table_of(dict, ""); }

std::string toml_text(const toml::table& table) {
    std::ostringstream text;
    text << toml::toml_formatter(table);
    return text.str() + "\n";
}

}  // namespace hpsim::python
