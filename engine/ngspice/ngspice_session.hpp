#pragma once
// Runs SPICE decks through libngspice (loaded at run time with dlopen, so hpsim builds
// and runs without it) and returns every vector it computed.
//
// libngspice is one simulator per process with global state: Session is a process-wide
// singleton, to be used from one thread.
//
// What ngspice 39 does, as observed (the comparison relies on it):
// - vector names are lower case; nodes by name ("out", "xf.x1.m" inside instances; a
//   node named by a number comes as "V(1)" and is read as "1");
//   branch currents "v1#branch", and inside instances "<letter>.<path>.<name>#branch",
//   e.g. "l.xf.x1.l1#branch" for inductor l1 in instance x1 inside xf;
// - scale vectors: "frequency" (ac, complex), "time" (tran), "v-sweep" or "i-sweep"
//   (dc); op plots have none;
// - one "run" executes the analyses grouped by kind (ac, dc, op, tran), and within a
//   kind in reverse deck order;
// - deck errors appear only as "Error ..." lines, and a failed load keeps the previous
//   circuit: run() removes the previous circuit first and checks the output.
#include <complex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace hpsim::ngspice {

struct Vector {
    std::string name;
    bool is_complex = false;
    std::vector<double> real;
    std::vector<std::complex<double>> complex;
};

struct Plot {
    std::string name;   // "ac1", "tran2"
    std::string type;   // "op", "dc", "ac", "tran"
    std::string scale;  // name of the scale vector; "" for op
    std::vector<Vector> vectors;
};

struct RunResult {
    std::vector<Plot> plots;          // in the order ngspice produced them
    std::vector<std::string> output;  // every line ngspice printed during the run
};

class NgspiceError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// ngspice died (a signal, or an exit of its own) while loading or running a deck.
class NgspiceCrashed : public NgspiceError {
public:
    using NgspiceError::NgspiceError;
};

class Session {
public:
    // nullptr, with the reason in why_not, when libngspice cannot be loaded.
    static Session* instance(std::string& why_not);

    // Loads the deck (title first) and runs it. Throws NgspiceError with ngspice's
    // error lines when the deck does not load or the simulation fails.
    RunResult run(const std::vector<std::string>& deck_lines);

    // The same in a child process (forked from this one, which has loaded libngspice
    // but never runs it), the results coming back over a pipe: ngspice segfaults on
    // some decks, and then only the child dies. Throws NgspiceCrashed when it does.
    RunResult run_isolated(const std::vector<std::string>& deck_lines);

    struct Library;  // the resolved entry points

private:
    explicit Session(const Library& library) : library_(library) {}
    const Library& library_;
};

// hpsim's vector name ("v(node)", "i(xf.x1.l1)") as ngspice names it.
std::string to_ngspice_vector_name(std::string_view hpsim_name);

}  // namespace hpsim::ngspice
