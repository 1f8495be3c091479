#pragma once
// A report's folder appears whole or not at all: everything is written into a hidden
// sibling folder, renamed to its final name by commit(). An earlier report in that
// place is replaced in one step (a folder holding anything else is refused, so that a
// report never deletes files it did not write). Destroyed uncommitted, the partial
// folder is removed.
#include <filesystem>

namespace hpsim::report {

class ReportFolder {
public:
    // Creates the temporary folder (and data/ in it). Throws std::runtime_error.
    explicit ReportFolder(std::filesystem::path final_path);
    ~ReportFolder();
    ReportFolder(const ReportFolder&) = delete;
    ReportFolder& operator=(const ReportFolder&) = delete;

    // Where to write now.
    const std::filesystem::path& path() const { return temporary_; }
    const std::filesystem::path& final_path() const { return final_; }
    // Moves the folder into place. Throws std::runtime_error.
    void commit();

private:
    std::filesystem::path final_, temporary_;
    bool committed_ = false;
};

// Whether `folder` holds only what a report writes (report.html, figures, data/).
bool looks_like_report(const std::filesystem::path& folder);

}  // namespace hpsim::report
