#include "io/progress_bar.hpp"

#include <unistd.h>

#include <cstdio>
#include <iostream>

namespace hpsim::io {

std::string clock_text(double seconds) {
    const auto whole = static_cast<long>(seconds + 0.5);
    char text[32];
    std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", whole / 3600, whole / 60 % 60, whole % 60);
    return text;
}

ProgressBar::ProgressBar(std::string unit)
    : unit_(std::move(unit)), shown_(::isatty(STDERR_FILENO) != 0), started_(std::chrono::steady_clock::now()) {}

ProgressBar::~ProgressBar() {
    if (drawn_) std::cerr << '\n';
}

void ProgressBar::update(std::size_t done, std::size_t total, std::size_t resumed_at) {
    if (!shown_ || total == 0) return;
    const auto now = std::chrono::steady_clock::now();
    if (done < total && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    const double seconds = std::chrono::duration<double>(now - started_).count();
    const double rate = seconds > 0 ? static_cast<double>(done - resumed_at) / seconds : 0.0;
    constexpr int width = 30;
    const int filled = static_cast<int>(width * static_cast<double>(done) / static_cast<double>(total));
    std::cerr << "\r[" << std::string(filled, '#') << std::string(width - filled, '.') << "] " << done << "/" << total << " "
              << unit_ << "  " << static_cast<long>(rate) << "/s  "
              << (rate > 0 ? clock_text(static_cast<double>(total - done) / rate) + " left" : std::string()) << "   " << std::flush;
    drawn_ = true;
}

}  // namespace hpsim::io
