#pragma once
// How the engine's errors reach Python. The engine runs without the GIL, so an error is
// first caught as a Failure (plain C++), then raised as hpsim.InputError (bad input: a
// deck, rig, spec or catalog entry; a ValueError) or hpsim.SimulationError (a circuit
// that does not solve), each with file, line, column and the message as the CLI prints
// it, once the GIL is held again.
#include <pybind11/pybind11.h>

#include <optional>
#include <string>

#include "spice/diagnostic.hpp"

namespace hpsim::python {

enum class Stage { input, simulation };

struct Failure {
    Stage stage = Stage::input;
    std::string text;     // as the CLI prints it: "file:line:col: error: message"
    std::string file;     // "" when the error has no place
    int line = 0, column = 0;
    std::string message;  // without the place
    bool out_of_memory = false;
    bool interrupted = false;  // Ctrl-C while the engine ran: the KeyboardInterrupt is pending

    static Failure located(Stage stage, const spice::DeckError& error);
    // An error with no place: `text` is what the CLI prints ("error: " + message by default).
    static Failure unlocated(Stage stage, const std::string& message, const std::string& text = "");
};

// Thrown inside engine work to stop it; carries the failure out to the GIL.
struct Failed {
    Failure failure;
};

// Thrown from a progress callback (holding the GIL) when Python has a signal pending.
struct Interrupted {};

// Runs `work` as `stage`: a DeckError or other exception from it becomes a Failed.
template <class Work>
auto in_stage(Stage stage, Work&& work) -> decltype(work());

[[noreturn]] void throw_failed(Stage stage, const spice::DeckError& error);
[[noreturn]] void throw_failed(Stage stage, const std::string& message);

// Raises the Python exception for a failure (throws pybind11::error_already_set).
[[noreturn]] void raise(const Failure& failure);

// Runs `work` without the GIL and returns its result; a failure is raised in Python.
template <class Work>
auto without_gil(Work&& work) -> decltype(work()) {
    std::optional<Failure> failure;
    {
        pybind11::gil_scoped_release released;
        try {
            return work();
        } catch (Failed& failed) {
            failure = std::move(failed.failure);
        } catch (const Interrupted&) {
            failure.emplace();
            failure->interrupted = true;
        } catch (const std::bad_alloc&) {
            failure = Failure::unlocated(Stage::simulation, "out of memory");
            failure->out_of_memory = true;
        } catch (const spice::DeckError& error) {
            failure = Failure::located(Stage::input, error);
        } catch (const std::exception& error) {
            failure = Failure::unlocated(Stage::simulation, error.what());
        }
    }
    raise(*failure);
}

template <class Work>
auto in_stage(Stage stage, Work&& work) -> decltype(work()) {
    try {
        return work();
    } catch (const Failed&) {
        throw;
    } catch (const Interrupted&) {
        throw;
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const spice::DeckError& error) {
        throw_failed(stage, error);
    } catch (const std::exception& error) {
        throw_failed(stage, error.what());
    }
}

}  // namespace hpsim::python
