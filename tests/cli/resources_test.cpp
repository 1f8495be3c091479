// Runs that cannot finish fail early; runs killed at any moment leave no partial file.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "../support.hpp"
#include "../scratch.hpp"

namespace {

namespace fs = std::filesystem;

fs::path fresh_folder(const std::string& name) {
    const fs::path folder = hpsim::testing::scratch_folder() / ("hpsim-resources-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(folder);
    fs::create_directories(folder);
    return folder;
}

// hpsim run DECK --out DIR as a child; its stdout and stderr go to `log`.
pid_t start_run(const fs::path& deck, const fs::path& out, const fs::path& log) {
    const pid_t child = ::fork();
    if (child == 0) {
        std::freopen(log.c_str(), "w", stdout);
        std::freopen(log.c_str(), "a", stderr);
        ::execl(HPSIM_EXECUTABLE, HPSIM_EXECUTABLE, "run", deck.c_str(), "--out", out.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    return child;
}

std::size_t line_count(const fs::path& file) {
    std::ifstream stream(file);
    std::size_t lines = 0;
    for (std::string line; std::getline(stream, line);) ++lines;
    return lines;
}

}  // namespace

TEST_CASE("results that would outgrow the disk fail before the analysis runs", "[cli][resources]") {
    const fs::path folder = fresh_folder("disk");
    struct statvfs space {};
    REQUIRE(::statvfs(folder.c_str(), &space) == 0);
    const double free_bytes = static_cast<double>(space.f_bavail) * static_cast<double>(space.f_frsize);
    // 99,999,999 time points of enough nodes to need ten times the free space.
    const auto nodes = static_cast<int>(free_bytes * 10 / (1e8 * 25)) + 2;
    std::ostringstream deck;
    deck << "wide\nV1 n0 0 SIN(0 1 1k)\n";
    for (int i = 0; i < nodes; ++i) deck << "R" << i << " n" << i << " n" << i + 1 << " 1k\n";
    deck << "Rend n" << nodes << " 0 1k\n.op\n.tran 1e-8 0.99999999\n";
    std::ofstream(folder / "wide.cir") << deck.str();
    const auto started = std::chrono::steady_clock::now();
    const pid_t child = start_run(folder / "wide.cir", folder / "out", folder / "log.txt");
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 1);
    std::ifstream log(folder / "log.txt");
    const std::string output((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
    INFO(output);
    CHECK(output.find("hpsim run: error: tran.csv would not fit: the results take up to") != std::string::npos);
    CHECK(output.find("GB free") != std::string::npos);
    CHECK(seconds < 60);  // failed at the start, not after integrating (a generous bound on a loaded machine)
    CHECK(fs::is_empty(folder / "out"));  // not even op.csv: a failed run writes nothing
    fs::remove_all(folder);
}

TEST_CASE("a run killed at random moments leaves each output whole or absent", "[cli][resources]") {
    const fs::path folder = fresh_folder("kill");
    // About a quarter of a second of work, writing three files.
    std::ofstream(folder / "deck.cir") << "rc\nV1 in 0 DC 1 AC 1 PULSE(0 1 0 1u 1u 50u 100u)\nR1 in out 1k\nC1 out 0 10n\n"
                                          ".op\n.ac dec 20000 1 1meg\n.tran 100n 20m\n";
    const fs::path whole = folder / "whole";
    {
        const pid_t child = start_run(folder / "deck.cir", whole, folder / "whole.log");
        int status = 0;
        REQUIRE(::waitpid(child, &status, 0) == child);
        REQUIRE(WIFEXITED(status));
        REQUIRE(WEXITSTATUS(status) == 0);
    }
    std::mt19937 random(20240601);
    std::uniform_int_distribution<int> delay_ms(0, 400);
    int killed_while_running = 0;
    for (int attempt = 0; attempt < 8; ++attempt) {
        const fs::path out = folder / ("killed" + std::to_string(attempt));
        const pid_t child = start_run(folder / "deck.cir", out, folder / "killed.log");
        std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(random)));
        ::kill(child, SIGKILL);
        int status = 0;
        REQUIRE(::waitpid(child, &status, 0) == child);
        if (WIFSIGNALED(status)) ++killed_while_running;
        if (!fs::exists(out)) continue;
        for (const auto& file : fs::directory_iterator(out)) {
            const std::string name = file.path().filename().string();
            if (name.front() == '.') continue;  // a temporary name: never a result
            INFO(name);
            REQUIRE(fs::exists(whole / name));
            CHECK(line_count(file.path()) == line_count(whole / name));
            CHECK(fs::file_size(file.path()) == fs::file_size(whole / name));
        }
    }
    CHECK(killed_while_running > 0);
    fs::remove_all(folder);
}
