#include "report/report_folder.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <string>
#include <unistd.h>

namespace hpsim::report {

namespace fs = std::filesystem;

ReportFolder::ReportFolder(fs::path final_path) : final_(std::move(final_path)) {
    if (final_.filename().empty()) final_ = final_.parent_path();  // "out/" names out
    if (final_.empty()) throw std::runtime_error("no report folder given");
    std::string hidden_name = ".";
    hidden_name += final_.filename().string();
    hidden_name += '.';
    hidden_name += std::to_string(::getpid());
    hidden_name += ".part";
    temporary_ = final_.parent_path() / hidden_name;
    std::error_code error;
    fs::remove_all(temporary_, error);
    if (!fs::create_directory(temporary_, error) || !fs::create_directory(temporary_ / "data", error))
        throw std::runtime_error("cannot create '" + final_.string() + "'" + (error ? ": " + error.message() : ""));
}

ReportFolder::~ReportFolder() {
    if (committed_) return;
    std::error_code ignored;
    fs::remove_all(temporary_, ignored);
}

bool looks_like_report(const fs::path& folder) {
    std::error_code error;
    for (const fs::directory_entry& entry : fs::directory_iterator(folder, error)) {
        const fs::path name = entry.path().filename();
        const bool figure = entry.is_regular_file() && (name.extension() == ".svg" || name.extension() == ".png");
        if (!(name == "report.html" || name == "data" || figure)) return false;
    }
    return !error;
}

void ReportFolder::commit() {
    std::error_code error;
    const fs::file_status existing = fs::symlink_status(final_, error);
    if (!fs::exists(existing)) {
        fs::rename(temporary_, final_, error);
        if (error) throw std::runtime_error("cannot write '" + final_.string() + "': " + error.message());
        committed_ = true;
        return;
    }
    if (!fs::is_directory(existing) || !looks_like_report(final_))
        throw std::runtime_error("'" + final_.string() + "' exists and is not an hpsim report: choose another folder");
    // Swap the new report with the old one in one step, then remove the old.
    if (::renameat2(AT_FDCWD, temporary_.c_str(), AT_FDCWD, final_.c_str(), RENAME_EXCHANGE) != 0)
        throw std::runtime_error("cannot replace '" + final_.string() + "': " + std::strerror(errno));
    committed_ = true;
    fs::remove_all(temporary_, error);
}

}  // namespace hpsim::report
