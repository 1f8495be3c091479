#pragma once
// A progress bar on the terminal (stderr), redrawn in place at most ten times a second:
// items done of all, the rate and the time left. Nothing when stderr is not a terminal.
#include <chrono>
#include <cstddef>
#include <string>

namespace hpsim::io {

class ProgressBar {
public:
    explicit ProgressBar(std::string unit = "variants");
    ~ProgressBar();  // ends the line it drew
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    // `resumed_at`: items done before this run (not counted in the rate).
    void update(std::size_t done, std::size_t total, std::size_t resumed_at = 0);

private:
    std::string unit_;
    bool shown_, drawn_ = false;
    std::chrono::steady_clock::time_point started_, last_{};
};

// "h:mm:ss"
std::string clock_text(double seconds);

}  // namespace hpsim::io
