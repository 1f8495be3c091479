// run --format raw writes ngspice's binary raw files: ngspice itself loads them, and
// every number it reads back is the one hpsim wrote in its CSV files.
#include <catch2/catch.hpp>
#include <complex>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "../support.hpp"
#include "cli_support.hpp"

namespace {

namespace fs = std::filesystem;

using hpsim::testing::fresh_folder;
using hpsim::testing::Outcome;
using hpsim::testing::read_file;
using hpsim::testing::run_command;
using hpsim::testing::run_hpsim;

using Columns = std::map<std::string, std::vector<double>>;

// A CSV of `run --out` by column.
Columns read_csv(const fs::path& file, std::vector<std::string>& order) {
    std::ifstream stream(file);
    std::string line;
    std::getline(stream, line);
    std::stringstream header(line);
    for (std::string name; std::getline(header, name, ',');) order.push_back(name);
    Columns columns;
    while (std::getline(stream, line)) {
        std::stringstream row(line);
        std::string field;
        for (std::size_t c = 0; std::getline(row, field, ','); ++c) columns[order[c]].push_back(std::stod(field));
    }
    return columns;
}

// ngspice's wrdata of one plot (wr_vecnames, wr_singlescale): the scale, then each
// vector's value (real and imaginary part for a complex plot), named by the header.
Columns read_wrdata(const fs::path& file, bool complex) {
    std::ifstream stream(file);
    std::string line;
    std::getline(stream, line);
    std::stringstream header(line);
    std::vector<std::string> names;
    for (std::string name; header >> name;) names.push_back(name);
    std::vector<std::string> keys{"(scale)"};
    for (std::size_t j = 1; j < names.size(); j += complex ? 2 : 1) {
        keys.push_back(complex ? names[j] + ".re" : names[j]);
        if (complex) keys.push_back(names[j] + ".im");
    }
    Columns columns;
    while (std::getline(stream, line)) {
        std::stringstream row(line);
        double value;
        for (std::size_t c = 0; row >> value; ++c) columns[keys.at(c)].push_back(value);
    }
    return columns;
}

// Writes `deck` both ways and compares every value ngspice reads from each raw file
// (each step a plot of its own) with the CSV's, exactly.
void check_deck(const fs::path& deck, const std::string& name, std::size_t expected_files) {
    const fs::path folder = fresh_folder("raw-" + name);
    REQUIRE(run_hpsim("run " + deck.string() + " --out " + (folder / "csv").string()).exit_code == 0);
    const Outcome raw = run_hpsim("run " + deck.string() + " --format raw --out " + (folder / "raw").string());
    INFO(raw.output);
    REQUIRE(raw.exit_code == 0);
    std::size_t files = 0;
    for (const auto& entry : fs::directory_iterator(folder / "raw")) {
        const fs::path file = entry.path();
        const std::string analysis = file.stem().string();                       // "ac", "ac2"
        const std::string kind = analysis.substr(0, analysis.find_first_of("0123456789"));  // "ac"
        const bool complex = kind == "ac";
        ++files;
        std::vector<std::string> order;
        const Columns csv = read_csv(folder / "csv" / (analysis + ".csv"), order);
        const std::string text = read_file(file);
        std::size_t plots = 0;
        for (std::size_t at = text.find("Plotname: "); at != std::string::npos; at = text.find("Plotname: ", at + 1)) ++plots;
        REQUIRE(plots >= 1);

        std::ostringstream script;
        script << "load raw files\n.control\nset wr_vecnames\nset wr_singlescale\noption numdgt=17\nload " << file.string() << "\n";
        for (std::size_t p = 1; p <= plots; ++p)
            script << "setplot " << kind << p << "\nwrdata " << (folder / (analysis + "-" + std::to_string(p) + ".txt")).string() << " all\n";
        script << "quit 0\n.endc\n.end\n";  // ngspice -b exits 1 when the deck itself simulates nothing
        std::ofstream(folder / (analysis + ".sp")) << script.str();
        const Outcome loaded = run_command("ngspice -b " + (folder / (analysis + ".sp")).string());
        INFO(loaded.output);
        REQUIRE(loaded.exit_code == 0);
        CHECK(loaded.output.find("Error") == std::string::npos);

        const std::size_t rows = csv.begin()->second.size();
        REQUIRE(rows % plots == 0);
        const std::size_t per_plot = rows / plots;
        for (std::size_t p = 1; p <= plots; ++p) {
            const Columns ngspice = read_wrdata(folder / (analysis + "-" + std::to_string(p) + ".txt"), complex);
            for (const std::string& column : order) {
                if (column.starts_with("step.")) continue;  // a step's values are in its plot's title
                INFO(analysis << " plot " << p << " column " << column);
                // The scale vector comes back as a vector of its own too (complex in AC).
                const std::string key = complex && column == "frequency" ? "frequency.re" : column;
                REQUIRE(ngspice.count(key));
                const std::vector<double>& read = ngspice.at(key);
                REQUIRE(read.size() == per_plot);
                for (std::size_t r = 0; r < per_plot; ++r) CHECK(read[r] == csv.at(column)[(p - 1) * per_plot + r]);
            }
        }
        // Each step's values in its plot's title.
        if (order.front().starts_with("step.")) CHECK(text.find("; step " + order.front().substr(5) + "=") != std::string::npos);
    }
    CHECK(files == expected_files);
}

}  // namespace

TEST_CASE("ngspice loads the raw files of every analysis and reads hpsim's numbers exactly", "[cli][raw][ngspice]") {
    const fs::path folder = fresh_folder("raw-deck");
    const fs::path deck = folder / "rc.cir";
    std::ofstream(deck) << "rc with every analysis\nv1 in 0 dc 1 ac 1 sin(0 1 1k)\nr1 in out 1k\nc1 out 0 1u\nl1 out x 1m\nr2 x 0 10\n"
                           ".op\n.ac dec 5 10 10k\n.dc v1 0 1 0.25\n.tran 0.1m 2m\n.ac lin 3 100 300\n.end\n";
    check_deck(deck, "rc", 5);
    check_deck(hpsim::testing::source_path("netlists/decks/stepped-output-impedance.cir"), "stepped", 2);
    check_deck(hpsim::testing::source_path("netlists/decks/nested-dc-sweep.cir"), "nested", 2);
}

TEST_CASE("run --format raw needs --out and names its formats", "[cli][raw]") {
    CHECK(run_hpsim("run deck.cir --format raw").exit_code == 2);
    const Outcome wrong = run_hpsim("run deck.cir --format hdf5 --out x");
    CHECK(wrong.exit_code == 2);
    CHECK(wrong.output.find("--format is csv or raw") != std::string::npos);
}
