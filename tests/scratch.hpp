#pragma once
// One folder for the files a test process writes, removed when the process ends: the
// suite leaves nothing behind in the system's temporary folder.
#include <filesystem>
#include <string>
#include <system_error>
#include <unistd.h>

namespace hpsim::testing {

inline const std::filesystem::path& scratch_folder() {
    struct Folder {
        std::filesystem::path path;
        ~Folder() {
            std::error_code ignored;
            std::filesystem::remove_all(path, ignored);
        }
    };
    static const Folder folder = [] {
        Folder made{std::filesystem::temp_directory_path() / ("hpsim-tests-" + std::to_string(::getpid()))};
        std::filesystem::create_directories(made.path);
        return made;
    }();
    return folder.path;
}

}  // namespace hpsim::testing
