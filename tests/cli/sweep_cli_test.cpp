// hpsim sweep and hpsim merge as a user (or a cluster) drives them: shards merged into
// the bytes of one run, a killed run resumed, and what is missing named.
#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "../support.hpp"
#include "cli_support.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;

using hpsim::testing::fresh_folder;
using hpsim::testing::Outcome;
using hpsim::testing::run_hpsim;

std::string read(const fs::path& file) { return hpsim::testing::read_file(file); }

std::size_t lines_in(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

// The player rig over cable length and output impedance, in both modes.
fs::path write_spec(const fs::path& folder, int lengths, int impedances) {
    const fs::path spec = folder / "spec.toml";
    std::ofstream(spec) << "rig = \"" << hpsim::testing::source_path("netlists/rigs/player-se-vs-balanced-hd600.toml") << "\"\n"
                        << "modes = [\"single-ended\", \"balanced\"]\n"
                        << "[[axis]]\nfigure = \"cable.length_m\"\nlin = { from = 0.5, to = 3, points = " << lengths << " }\n"
                        << "[[axis]]\nfigure = \"amplifier.output_impedance_ohm\"\nlog = { from = 0.1, to = 100, points = " << impedances << " }\n";
    return spec;
}

}  // namespace

TEST_CASE("four shards merged are byte for byte the single run, in CSV and in JSON lines", "[sweep][cli]") {
    const fs::path folder = fresh_folder("shards");
    const fs::path spec = write_spec(folder, 5, 7);  // 70 variants
    for (const std::string extension : {".csv", ".jsonl"}) {
        const fs::path whole = folder / ("whole" + extension);
        REQUIRE(run_hpsim("sweep " + spec.string() + " --jobs 2 --out " + whole.string()).exit_code == 0);
        std::string parts;
        for (int k = 1; k <= 4; ++k) {
            const fs::path part = folder / ("part" + std::to_string(k) + extension);
            const Outcome outcome = run_hpsim("sweep " + spec.string() + " --jobs 1 --shard " + std::to_string(k) + "/4 --out " + part.string());
            INFO(outcome.output);
            REQUIRE(outcome.exit_code == 0);
            parts = part.string() + " " + parts;  // in any order
        }
        const fs::path merged = folder / ("merged" + extension);
        const Outcome merge = run_hpsim("merge " + parts + "--out " + merged.string());
        INFO(merge.output);
        REQUIRE(merge.exit_code == 0);
        CHECK(read(merged) == read(whole));
        CHECK(lines_in(read(whole)) == 70 + (extension == ".csv" ? 1 : 0));
    }
}

TEST_CASE("merge names the shard that is missing, given twice or cut short", "[sweep][cli]") {
    const fs::path folder = fresh_folder("merge-errors");
    const fs::path spec = write_spec(folder, 3, 2);  // 12 variants
    for (int k = 1; k <= 3; ++k)
        REQUIRE(run_hpsim("sweep " + spec.string() + " --shard " + std::to_string(k) + "/3 --out " + (folder / ("p" + std::to_string(k) + ".csv")).string()).exit_code == 0);
    const std::string p1 = (folder / "p1.csv").string(), p2 = (folder / "p2.csv").string(), p3 = (folder / "p3.csv").string();
    const fs::path out = folder / "merged.csv";

    Outcome missing = run_hpsim("merge " + p1 + " " + p3 + " --out " + out.string());
    CHECK(missing.exit_code == 1);
    CHECK_THAT(missing.output, Catch::Contains("shard 2/3 is missing: variants 1, 4, 7, 10 are in no part"));
    Outcome twice = run_hpsim("merge " + p1 + " " + p2 + " " + p2 + " " + p3 + " --out " + out.string());
    CHECK(twice.exit_code == 1);
    CHECK_THAT(twice.output, Catch::Contains("shard 2/3 is given twice"));
    CHECK_FALSE(fs::exists(out));

    std::string cut = read(p3);
    cut.resize(cut.size() - 40);  // the last row cut in the middle, as by a kill
    std::ofstream(folder / "p3-cut.csv", std::ios::binary) << cut;
    Outcome short_part = run_hpsim("merge " + p1 + " " + p2 + " " + (folder / "p3-cut.csv").string() + " --out " + out.string());
    CHECK(short_part.exit_code == 1);
    CHECK_THAT(short_part.output, Catch::Contains("p3-cut.csv': it ends before variant 11"));
    CHECK_FALSE(fs::exists(out));
    CHECK(run_hpsim("merge " + spec.string() + " --out " + out.string()).output.find("not a part of a sweep") != std::string::npos);
}

TEST_CASE("a sweep killed while it runs leaves no output file, and --resume finishes it with the same bytes", "[sweep][cli]") {
    const fs::path folder = fresh_folder("resume");
    const fs::path spec = write_spec(folder, 40, 20);  // 1,600 variants
    const fs::path reference = folder / "reference.csv";
    REQUIRE(run_hpsim("sweep " + spec.string() + " --jobs 2 --out " + reference.string()).exit_code == 0);

    const fs::path out = folder / "killed.csv";
    const fs::path partial = out.string() + ".partial";
    const std::string executable = HPSIM_EXECUTABLE, spec_text = spec.string(), out_text = out.string();
    std::vector<std::string> words{executable, "sweep", spec_text, "--jobs", "1", "--out", out_text};
    std::vector<char*> argv;
    for (std::string& word : words) argv.push_back(word.data());
    argv.push_back(nullptr);
    pid_t child = 0;
    REQUIRE(posix_spawn(&child, executable.c_str(), nullptr, nullptr, argv.data(), environ) == 0);
    // Kill it once some blocks of rows are on disk (each block is flushed whole, but the
    // kill may land anywhere).
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline && (!fs::exists(partial) || lines_in(read(partial)) < 200))
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    REQUIRE(WIFSIGNALED(status));  // killed before it finished
    CHECK_FALSE(fs::exists(out));
    const std::size_t rows_before = lines_in(read(partial));
    CHECK(rows_before > 1);
    CHECK(rows_before < 1601);

    const Outcome resumed = run_hpsim("sweep " + spec.string() + " --jobs 2 --resume --out " + out.string());
    INFO(resumed.output);
    REQUIRE(resumed.exit_code == 0);
    CHECK(read(out) == read(reference));
    CHECK_FALSE(fs::exists(partial));
    CHECK(run_hpsim("sweep " + spec.string() + " --resume --out " + out.string()).output.find("is complete; nothing to resume") != std::string::npos);
}

TEST_CASE("sweep errors: a spec error is located with exit 1, a misused option exits 2", "[sweep][cli]") {
    const fs::path folder = fresh_folder("errors");
    const fs::path spec = folder / "spec.toml";
    std::ofstream(spec) << "rig = \"" << hpsim::testing::source_path("netlists/rigs/player-se-vs-balanced-hd600.toml") << "\"\n"
                        << "[[axis]]\nfigure = \"amplifier.output_impedance\"\nvalues = [1]\n";
    const Outcome typo = run_hpsim("sweep " + spec.string());
    CHECK(typo.exit_code == 1);
    CHECK_THAT(typo.output, Catch::Contains(spec.string() + ":3:10: error: the rig has no figure 'amplifier.output_impedance' (did you mean 'amplifier.output_impedance_ohm'?)"));
    CHECK(run_hpsim("sweep " + spec.string() + " --shard 5/4").exit_code == 2);
    CHECK(run_hpsim("sweep " + spec.string() + " --out rows.txt").exit_code == 2);
    CHECK(run_hpsim("sweep " + spec.string() + " --resume").exit_code == 2);
    CHECK(run_hpsim("merge --out x.csv").exit_code == 2);
}

TEST_CASE("sweep without --out writes CSV to standard output and no progress bar when that is not a terminal", "[sweep][cli]") {
    const fs::path folder = fresh_folder("stdout");
    const Outcome outcome = run_hpsim("sweep " + write_spec(folder, 2, 2).string());
    REQUIRE(outcome.exit_code == 0);
    CHECK(outcome.output.rfind("variant,cable.length_m,amplifier.output_impedance_ohm,mode,drive_vrms.left,", 0) == 0);
    CHECK(lines_in(outcome.output) == 10);  // the header, 8 rows, and on stderr what was done
    CHECK_THAT(outcome.output, Catch::Contains("\nhpsim sweep: 8 variants in "));
    CHECK(outcome.output.find('\r') == std::string::npos);
    const Outcome written = run_hpsim("sweep " + write_spec(folder, 2, 2).string() + " --out " + (folder / "rows.csv").string());
    CHECK(written.output.rfind("wrote " + (folder / "rows.csv").string() + ": 8 variants in ", 0) == 0);
}

TEST_CASE("sweep --report draws the rows it wrote, with the crossing of the 1 dB response error", "[sweep][cli][report]") {
    const fs::path folder = fresh_folder("report");
    const fs::path rows = folder / "rows.csv", report = folder / "report";
    const Outcome outcome = run_hpsim("sweep " + hpsim::testing::source_path("netlists/sweeps/multi-ba-output-impedance.toml") +
                                      " --out " + rows.string() + " --report " + report.string());
    INFO(outcome.output);
    REQUIRE(outcome.exit_code == 0);
    const std::string page = read(report / "report.html");
    CHECK(page.find("crosses 1 dB response error between amplifier.output_impedance_ohm") != std::string::npos);
    CHECK(fs::exists(report / "data"));
    CHECK(run_hpsim("sweep " + hpsim::testing::source_path("netlists/sweeps/multi-ba-output-impedance.toml") + " --out " +
                    (folder / "rows.jsonl").string() + " --report " + report.string()).exit_code == 2);
}

TEST_CASE("a sweep whose rows would not fit in the folder's free space stops early and can go on later", "[sweep][cli]") {
    // A 200 kB file system of its own (root and a kernel that allows tmpfs mounts).
    const fs::path folder = fresh_folder("disk");
    const fs::path small = folder / "small";
    fs::create_directories(small);
    if (std::system(("mount -t tmpfs -o size=200k tmpfs " + small.string() + " 2>/dev/null").c_str()) != 0) {
        WARN("cannot mount a small tmpfs here (needs root): not checked");
        return;
    }
    const Outcome outcome = run_hpsim("sweep " + write_spec(folder, 100, 20).string() + " --jobs 1 --out " + (small / "rows.csv").string());
    const bool partial_left = fs::exists(small / "rows.csv.partial"), final_written = fs::exists(small / "rows.csv");
    std::system(("umount " + small.string()).c_str());
    INFO(outcome.output);
    CHECK(outcome.exit_code == 1);
    CHECK_THAT(outcome.output, Catch::Contains("rows still to come need about"));
    CHECK_THAT(outcome.output, Catch::Contains("free some space, then go on with --resume"));
    CHECK(partial_left);
    CHECK_FALSE(final_written);
}

TEST_CASE("resume starts again from a partial file killed before its first row, and refuses one of another sweep", "[sweep][cli]") {
    const fs::path folder = fresh_folder("resume-edges");
    const fs::path spec = write_spec(folder, 3, 2);  // 12 variants
    const fs::path reference = folder / "reference.csv", out = folder / "rows.csv";
    REQUIRE(run_hpsim("sweep " + spec.string() + " --out " + reference.string()).exit_code == 0);
    const std::string header = read(reference).substr(0, read(reference).find('\n') + 1);
    // As a kill leaves it: the fingerprint written, the partial empty or cut inside its header.
    REQUIRE(run_hpsim("sweep " + spec.string() + " --out " + out.string()).exit_code == 0);
    fs::rename(folder / ".rows.csv.spec", out.string() + ".partial.spec");
    fs::remove(out);
    for (const std::size_t kept : {std::size_t{0}, header.size() / 2}) {
        std::ofstream(out.string() + ".partial", std::ios::binary) << header.substr(0, kept);
        const Outcome resumed = run_hpsim("sweep " + spec.string() + " --resume --out " + out.string());
        INFO(resumed.output);
        REQUIRE(resumed.exit_code == 0);
        CHECK(read(out) == read(reference));
        fs::rename(folder / ".rows.csv.spec", out.string() + ".partial.spec");
        fs::remove(out);
    }
    // A partial that is not this sweep's output, and a finished file after the spec changed.
    std::ofstream(out.string() + ".partial", std::ios::binary) << "variant,something else\n";
    CHECK_THAT(run_hpsim("sweep " + spec.string() + " --resume --out " + out.string()).output,
               Catch::Contains("does not start as this sweep's output"));
    REQUIRE(run_hpsim("sweep " + spec.string() + " --out " + out.string()).exit_code == 0);
    std::ofstream(spec, std::ios::app) << "# edited after the run\n";
    const Outcome stale = run_hpsim("sweep " + spec.string() + " --resume --out " + out.string());
    CHECK(stale.exit_code == 1);
    CHECK_THAT(stale.output, Catch::Contains("is complete but was not written by this spec"));
}

TEST_CASE("merge refuses parts of different sweeps, and a shard is K/N in whole numbers", "[sweep][cli]") {
    const fs::path folder = fresh_folder("merge-other");
    const fs::path spec = write_spec(folder, 3, 2);
    const fs::path other_folder = fresh_folder("merge-other-2");
    const fs::path other = write_spec(other_folder, 3, 2);
    std::string text = read(other);
    text.replace(text.find("from = 0.5"), 10, "from = 0.6");  // the same shape, other rows
    std::ofstream(other, std::ios::trunc) << text;
    REQUIRE(run_hpsim("sweep " + spec.string() + " --shard 1/2 --out " + (folder / "a1.csv").string()).exit_code == 0);
    REQUIRE(run_hpsim("sweep " + other.string() + " --shard 2/2 --out " + (folder / "a2.csv").string()).exit_code == 0);
    const Outcome mixed = run_hpsim("merge " + (folder / "a1.csv").string() + " " + (folder / "a2.csv").string() + " --out " +
                                    (folder / "m.csv").string());
    CHECK(mixed.exit_code == 1);
    CHECK_THAT(mixed.output, Catch::Contains("a part of another sweep"));
    CHECK_FALSE(fs::exists(folder / "m.csv"));
    for (const char* shard : {"1/-1", "0/3", "2/1", "1/x", "1/2000000000"}) CHECK(run_hpsim("sweep " + spec.string() + " --shard " + shard).exit_code == 2);
    const Outcome wide = run_hpsim("sweep " + spec.string() + " --shard 1/1000000000");
    CHECK(wide.exit_code == 0);
    CHECK(lines_in(wide.output) == 4);  // the part line, the header, variant 0, and on stderr what was done
}
