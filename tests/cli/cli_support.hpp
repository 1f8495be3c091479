#pragma once
// Shared by the command-line tests: run the hpsim executable as a user does, in
// folders of their own.
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include "io/atomic_file.hpp"
#include "../scratch.hpp"

namespace hpsim::testing {

struct Outcome {
    int exit_code;
    std::string output;  // stdout and stderr together
};

// A shell command's exit code and output.
inline Outcome run_command(const std::string& command) {
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    REQUIRE(pipe);
    std::string output;
    char buffer[4096];
    while (const std::size_t read = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, read);
    const int status = pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

inline Outcome run_hpsim(const std::string& arguments) { return run_command(std::string(HPSIM_EXECUTABLE) + " " + arguments); }

// An empty folder for one test, named after it and this process.
inline std::filesystem::path fresh_folder(const std::string& name) {
    const std::filesystem::path folder =
        hpsim::testing::scratch_folder() / ("hpsim-cli-test-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    return folder;
}

using io::read_file;  // a file's whole bytes

}  // namespace hpsim::testing
