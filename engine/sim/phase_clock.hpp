#pragma once
// Wall time of the phases of a run (read, parse, elaborate, ..., each analysis), in the
// order they ran: `hpsim run -v` prints them. A phase ends when the next one starts.
#include <chrono>
#include <string>
#include <vector>

namespace hpsim::sim {

class PhaseClock {
public:
    struct Phase {
        std::string name;
        double seconds = 0.0;
    };

    void start(std::string name) {
        stop();
        running_ = std::move(name);
        started_ = Clock::now();
    }
    void stop() {
        if (running_.empty()) return;
        phases_.push_back({std::move(running_), std::chrono::duration<double>(Clock::now() - started_).count()});
        running_.clear();
    }
    const std::vector<Phase>& phases() const { return phases_; }

private:
    using Clock = std::chrono::steady_clock;
    std::vector<Phase> phases_;
    std::string running_;
    Clock::time_point started_;
};

// Starts a phase on a clock that may be absent.
inline void start_phase(PhaseClock* clock, std::string name) {
    if (clock) clock->start(std::move(name));
}

}  // namespace hpsim::sim
