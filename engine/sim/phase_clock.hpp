#pragma once
// Wall and processor time of the phases of a run (read, parse, elaborate, ..., each
// analysis), in the order they ran: `hpsim run -v` prints them. A phase ends when the
// next one starts. Processor time is the process's (user and system), which on a busy
// machine says what the run itself cost.
#include <chrono>
#include <ctime>
#include <string>
#include <vector>

namespace hpsim::sim {

class PhaseClock {
public:
    struct Phase {
        std::string name;
        double seconds = 0.0;            // wall
        double processor_seconds = 0.0;  // user and system
    };

    void start(std::string name) {
        stop();
        running_ = std::move(name);
        started_ = Clock::now();
        processor_started_ = processor_seconds();
    }
    void stop() {
        if (running_.empty()) return;
        const double seconds = std::chrono::duration<double>(Clock::now() - started_).count();
        const double processor = processor_seconds() - processor_started_;
        // A phase that comes again (each step of a .step sweep) adds to its first entry.
        for (Phase& phase : phases_)
            if (phase.name == running_) {
                phase.seconds += seconds;
                phase.processor_seconds += processor;
                running_.clear();
                return;
            }
        phases_.push_back({std::move(running_), seconds, processor});
        running_.clear();
    }
    const std::vector<Phase>& phases() const { return phases_; }

private:
    using Clock = std::chrono::steady_clock;
    std::vector<Phase> phases_;
    std::string running_;
    Clock::time_point started_;
    double processor_started_ = 0.0;

    static double processor_seconds() {
        timespec now{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
        return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
    }
};

// Starts a phase on a clock that may be absent.
inline void start_phase(PhaseClock* clock, std::string name) {
    if (clock) clock->start(std::move(name));
}

}  // namespace hpsim::sim
