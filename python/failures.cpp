#include "failures.hpp"

namespace py = pybind11;

namespace hpsim::python {

Failure Failure::located(Stage stage, const spice::DeckError& error) {
    Failure failure;
    failure.stage = stage;
    failure.text = error.what();
    failure.file = error.where().file.str();
    failure.line = error.where().line;
    failure.column = error.where().column;
    failure.message = error.message();
    return failure;
}

Failure Failure::unlocated(Stage stage, const std::string& message, const std::string& text) {
    Failure failure;
    failure.stage = stage;
    failure.text = text.empty() ? "error: " + message : text;
    failure.message = message;
    return failure;
}

void throw_failed(Stage stage, const spice::DeckError& error) { throw Failed{Failure::located(stage, error)}; }

void throw_failed(Stage stage, const std::string& message) { throw Failed{Failure::unlocated(stage, message)}; }

void raise(const Failure& failure) {
    if (failure.interrupted) throw py::error_already_set();  // the KeyboardInterrupt PyErr_CheckSignals set
    if (failure.out_of_memory) {
        PyErr_NoMemory();
        throw py::error_already_set();
    }
    const py::module_ errors = py::module_::import("hpsim.errors");
    const py::object type = errors.attr(failure.stage == Stage::input ? "InputError" : "SimulationError");
    const py::object error = type(failure.text, failure.file.empty() ? py::object(py::none()) : py::str(failure.file),
                                  failure.line > 0 ? py::object(py::int_(failure.line)) : py::object(py::none()),
                                  failure.column > 0 ? py::object(py::int_(failure.column)) : py::object(py::none()),
                                  failure.message);
    PyErr_SetObject(type.ptr(), error.ptr());
    throw py::error_already_set();
}

}  // namespace hpsim::python
