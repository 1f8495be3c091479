#pragma once
// A rig or sweep spec given as a Python dict, as the TOML document it stands for:
// str, bool, int, float, lists and nested dicts (keys are strings). Anything else is
// refused naming the key where it stands ("headphone.reversed[0]: ...").
#include <pybind11/pybind11.h>

#include <string>

#include "headphone/toml.hpp"

namespace hpsim::python {

// Throws std::invalid_argument.
toml::table toml_from_python(const pybind11::dict& dict);

// The TOML text of such a document (what a file with the same content holds).
std::string toml_text(const toml::table& table);

}  // namespace hpsim::python
