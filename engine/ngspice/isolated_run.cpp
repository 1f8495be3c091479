// Session::run_isolated: ngspice in a forked child, its results sent back over a pipe.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <type_traits>

#include "ngspice/ngspice_session.hpp"

namespace hpsim::ngspice {
namespace {

// The child's answer: a tag, then the results or the error message.
enum class Answer : char { results = 'R', error = 'E' };

class Writer {
public:
    explicit Writer(int fd) : fd_(fd) {}
    template <typename Number>
    void number(Number value) {
        static_assert(std::is_arithmetic_v<Number>);
        bytes(&value, sizeof value);
    }
    void text(const std::string& value) {
        number<std::uint64_t>(value.size());
        bytes(value.data(), value.size());
    }
    void bytes(const void* data, std::size_t size) {
        const auto* at = static_cast<const char*>(data);
        while (size > 0) {
            const ssize_t written = ::write(fd_, at, size);
            if (written < 0 && errno == EINTR) continue;
            if (written <= 0) ::_exit(3);  // the parent has gone: nobody to answer
            at += written;
            size -= static_cast<std::size_t>(written);
        }
    }

private:
    int fd_;
};

class Reader {
public:
    explicit Reader(const std::string& data) : data_(data) {}
    template <typename Number>
    Number number() {
        Number value{};
        bytes(&value, sizeof value);
        return value;
    }
    std::string text() {
        const auto size = number<std::uint64_t>();
        if (size > data_.size() - at_) throw NgspiceError("ngspice's child process sent a truncated answer");
        std::string value = data_.substr(at_, size);
        at_ += size;
        return value;
    }
    void bytes(void* data, std::size_t size) {
        if (size > data_.size() - at_) throw NgspiceError("ngspice's child process sent a truncated answer");
        std::memcpy(data, data_.data() + at_, size);
        at_ += size;
    }

private:
    const std::string& data_;
    std::size_t at_ = 0;
};

void write_result(Writer& out, const RunResult& result) {
    out.number<std::uint64_t>(result.plots.size());
    for (const Plot& plot : result.plots) {
        out.text(plot.name);
        out.text(plot.type);
        out.text(plot.scale);
        out.number<std::uint64_t>(plot.vectors.size());
        for (const Vector& vector : plot.vectors) {
            out.text(vector.name);
            out.number<char>(vector.is_complex ? 1 : 0);
            out.number<std::uint64_t>(vector.is_complex ? vector.complex.size() : vector.real.size());
            if (vector.is_complex) out.bytes(vector.complex.data(), vector.complex.size() * sizeof(vector.complex[0]));
            else out.bytes(vector.real.data(), vector.real.size() * sizeof(double));
        }
    }
    out.number<std::uint64_t>(result.output.size());
    for (const std::string& line : result.output) out.text(line);
}

// Sizes come from the child; a count larger than the bytes left cannot be real.
std::size_t count(Reader& in, std::size_t bytes_left) {
    const auto value = in.number<std::uint64_t>();
    if (value > bytes_left) throw NgspiceError("ngspice's child process sent a truncated answer");
    return static_cast<std::size_t>(value);
}

RunResult decode_result(const std::string& data, Reader& in) {
    RunResult result;
    result.plots.resize(count(in, data.size()));
    for (Plot& plot : result.plots) {
        plot.name = in.text();
        plot.type = in.text();
        plot.scale = in.text();
        plot.vectors.resize(count(in, data.size()));
        for (Vector& vector : plot.vectors) {
            vector.name = in.text();
            vector.is_complex = in.number<char>() != 0;
            const std::size_t length = count(in, data.size());
            if (vector.is_complex) {
                vector.complex.resize(length);
                in.bytes(vector.complex.data(), length * sizeof(vector.complex[0]));
            } else {
                vector.real.resize(length);
                in.bytes(vector.real.data(), length * sizeof(double));
            }
        }
    }
    result.output.resize(count(in, data.size()));
    for (std::string& line : result.output) line = in.text();
    return result;
}

std::string describe_death(int status) {
    if (WIFSIGNALED(status)) {
        const int signal_number = WTERMSIG(status);
        const char* name = ::strsignal(signal_number);
        return "ngspice crashed on this deck (signal " + std::to_string(signal_number) + ": " +
               (name ? name : "unknown") + ")";
    }
    if (WIFEXITED(status)) return "ngspice crashed on this deck (it exited with status " + std::to_string(WEXITSTATUS(status)) + ")";
    return "ngspice crashed on this deck";
}

}  // namespace

RunResult Session::run_isolated(const std::vector<std::string>& deck_lines) {
    int pipe_ends[2];
    if (::pipe(pipe_ends) != 0) throw NgspiceError(std::string("cannot create a pipe: ") + std::strerror(errno));
    std::fflush(nullptr);  // nothing buffered is written twice
    const pid_t child = ::fork();
    if (child < 0) {
        ::close(pipe_ends[0]);
        ::close(pipe_ends[1]);
        throw NgspiceError(std::string("cannot start a process for ngspice: ") + std::strerror(errno));
    }
    if (child == 0) {  // ngspice's process: answer, then leave without running hpsim's exit handlers
        ::close(pipe_ends[0]);
        // A crash is the parent's to report: no handler inherited from the parent (a test
        // framework's, a sanitizer's) runs in its place.
        for (const int fatal : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) ::signal(fatal, SIG_DFL);
        Writer out(pipe_ends[1]);
        try {
            const RunResult result = run(deck_lines);
            out.number(static_cast<char>(Answer::results));
            write_result(out, result);
        } catch (const std::exception& error) {
            out.number(static_cast<char>(Answer::error));
            out.text(error.what());
        }
        ::close(pipe_ends[1]);
        ::_exit(0);
    }
    ::close(pipe_ends[1]);
    std::string data;
    char buffer[1 << 16];
    for (;;) {
        const ssize_t got = ::read(pipe_ends[0], buffer, sizeof buffer);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break;
        data.append(buffer, static_cast<std::size_t>(got));
    }
    ::close(pipe_ends[0]);
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    if (!(WIFEXITED(status) && WEXITSTATUS(status) == 0) || data.empty()) throw NgspiceCrashed(describe_death(status));
    Reader in(data);
    if (in.number<char>() == static_cast<char>(Answer::error)) throw NgspiceError(in.text());
    return decode_result(data, in);
}

}  // namespace hpsim::ngspice
