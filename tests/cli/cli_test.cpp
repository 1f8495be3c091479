// The hpsim executable as a user drives it: exit codes, messages, CSV files.
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

#include "../support.hpp"
#include "cli_support.hpp"

namespace {

namespace fs = std::filesystem;

using hpsim::testing::fresh_folder;
using hpsim::testing::Outcome;
using hpsim::testing::read_file;
using hpsim::testing::run_hpsim;

std::string first_line(const fs::path& file) {
    std::ifstream stream(file);
    std::string line;
    std::getline(stream, line);
    return line;
}

}  // namespace

TEST_CASE("run -v prints the wall time of each phase and the peak memory", "[cli]") {
    const fs::path folder = fresh_folder("verbose");
    const fs::path deck = folder / "deck.cir";
    std::ofstream(deck) << "phases\nV1 a 0 DC 1 AC 1\nR1 a b 1k\nC1 b 0 1u\n.op\n.ac dec 4 10 100\n.ac lin 3 1 3\n.tran 1m 2m\n";
    for (const char* option : {"-v", "--verbose"}) {
        const Outcome outcome = run_hpsim("run " + deck.string() + " " + option);
        INFO(outcome.output);
        REQUIRE(outcome.exit_code == 0);
        for (const char* row : {"\n  read ", "\n  parse ", "\n  elaborate ", "\n  topology ", "\n  matrices ",
                                "\n  op ", "\n    order ", "\n    factor ", "\n    solve ", "\n  ac ",
                                "\n    5 points ", "\n  ac2 ", "\n    3 points ", "\n  tran ", "\n  total ",
                                "\n  peak memory "})
            CHECK(outcome.output.find(row) != std::string::npos);
    }
    CHECK(run_hpsim("run " + deck.string()).output.find("total") == std::string::npos);
}

TEST_CASE("run writes one CSV per analysis in deck order with the sweep first", "[cli]") {
    const fs::path folder = fresh_folder("run");
    const fs::path deck = folder / "deck.cir";
    std::ofstream(deck) << "order\nV1 a 0 DC 1 AC 1\nR1 a b 1k\nC1 b 0 1u\n.ac dec 2 10 100\n.op\n.ac lin 3 1 3\n"
                           ".tran 1m 2m\n.dc V1 0 1 0.5\n";
    const Outcome outcome = run_hpsim("run " + deck.string() + " --out " + (folder / "out").string());
    INFO(outcome.output);
    REQUIRE(outcome.exit_code == 0);
    CHECK(first_line(folder / "out/ac.csv") == "frequency,v(a).re,v(a).im,v(b).re,v(b).im,i(v1).re,i(v1).im");
    CHECK(first_line(folder / "out/op.csv") == "v(a),v(b),i(v1)");
    CHECK(first_line(folder / "out/ac2.csv").rfind("frequency,", 0) == 0);
    CHECK(first_line(folder / "out/tran.csv") == "time,v(a),v(b),i(v1)");
    CHECK(first_line(folder / "out/dc.csv") == "v1,v(a),v(b),i(v1)");
    std::ifstream op(folder / "out/op.csv");
    std::string header, values;
    std::getline(op, header);
    std::getline(op, values);
    CHECK(values.rfind("1,1,", 0) == 0);  // no current flows into the capacitor at DC
    CHECK(std::stod(values.substr(4)) == 0.0);
    fs::remove_all(folder);
}

TEST_CASE("run writes a nested .dc with the swept source first, then the stepped one", "[cli][dc]") {
    const fs::path folder = fresh_folder("nested-dc");
    const fs::path deck = folder / "deck.cir";
    std::ofstream(deck) << "nested\nV1 a 0 0\nV2 c 0 0\nR1 a b 1k\nR2 c b 1k\n.dc V1 0 2 2 V2 0 4 4\n";
    const Outcome outcome = run_hpsim("run " + deck.string() + " --out " + (folder / "out").string());
    INFO(outcome.output);
    REQUIRE(outcome.exit_code == 0);
    CHECK(read_file(folder / "out/dc.csv") ==
          "v1,v2,v(a),v(c),v(b),i(v1),i(v2)\n0,0,0,0,0,0,0\n2,0,2,0,1,-0.001,0.001\n0,4,0,4,2,0.002,-0.002\n"
          "2,4,2,4,3,0.001,-0.001\n");
    fs::remove_all(folder);
}

TEST_CASE("a deck error prints file:line:col and exits 1 without writing any file", "[cli]") {
    const fs::path folder = fresh_folder("error");
    const fs::path deck = folder / "bad.cir";
    std::ofstream(deck) << "bad\nV1 a 0 1\nR1 a 0 {1/0}\n.op\n";
    const Outcome outcome = run_hpsim("run " + deck.string() + " --out " + (folder / "out").string());
    CHECK(outcome.exit_code == 1);
    CHECK(outcome.output.find(deck.string() + ":3:") != std::string::npos);
    CHECK(outcome.output.find("error:") != std::string::npos);
    CHECK((!fs::exists(folder / "out") || fs::is_empty(folder / "out")));
    fs::remove_all(folder);
}

TEST_CASE("a run that fails in its second analysis leaves no output file at all", "[cli]") {
    const fs::path folder = fresh_folder("partial");
    const fs::path deck = folder / "partial.cir";
    // .op succeeds; the sweep then drives the E source's output past the largest double.
    std::ofstream(deck) << "partial\nV1 a 0 1\nR1 a 0 1\nE1 e 0 a 0 1e10\nR2 e 0 1\n.op\n.dc V1 1e300 1e308 1e307\n";
    const Outcome outcome = run_hpsim("run " + deck.string() + " --out " + (folder / "out").string());
    INFO(outcome.output);
    CHECK(outcome.exit_code == 1);
    CHECK(outcome.output.find("partial.cir:7:1: error: the solution is not finite") != std::string::npos);
    CHECK((!fs::exists(folder / "out") || fs::is_empty(folder / "out")));
    fs::remove_all(folder);
}

TEST_CASE("an AC sweep that overflows names the unknown and the first frequency where it does", "[cli]") {
    const fs::path folder = fresh_folder("overflow");
    const fs::path deck = folder / "overflow.cir";
    // v(b) = 1e300 jw / (1 + jw) and v(e) = 1e10 v(b) passes the largest double (1.8e308)
    // where w > 1.8e-2, i.e. from 10^-2.5 = 0.00316 Hz on this grid of 10 points a decade.
    std::ofstream(deck) << "overflow\nV1 a 0 AC 1e300\nC1 a b 1\nR1 b 0 1\nE1 e 0 b 0 1e10\nR2 e 0 1\n.ac dec 10 1e-12 1\n";
    const Outcome outcome = run_hpsim("run " + deck.string() + " --out " + (folder / "out").string());
    INFO(outcome.output);
    CHECK(outcome.exit_code == 1);
    CHECK(outcome.output.find("overflow.cir:7:1: error: the solution is not finite at node 'e' at 0.00316228 Hz") != std::string::npos);
    CHECK((!fs::exists(folder / "out") || fs::is_empty(folder / "out")));
    fs::remove_all(folder);
}

TEST_CASE("command-line misuse exits 2 and says what was wrong", "[cli]") {
    CHECK(run_hpsim("").exit_code == 2);
    const Outcome unknown = run_hpsim("frobnicate");
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.output.find("unknown command 'frobnicate'") != std::string::npos);
    CHECK(run_hpsim("run").exit_code == 2);
    CHECK(run_hpsim("run a.cir --no-such-option").exit_code == 2);
    CHECK(run_hpsim("check a.cir --rtol banana").exit_code == 2);
}

TEST_CASE("a missing deck file is an error with exit code 1", "[cli]") {
    const Outcome outcome = run_hpsim("run /no/such/deck.cir");
    CHECK(outcome.exit_code == 1);
    CHECK(outcome.output.find("/no/such/deck.cir: error: cannot read the deck: No such file or directory") != std::string::npos);
}

TEST_CASE("a misspelt command, option or catalog name gets the one it was meant to be", "[cli]") {
    const Outcome command = run_hpsim("comapre x.toml");
    CHECK(command.exit_code == 2);
    CHECK(command.output.find("hpsim: error: unknown command 'comapre' (did you mean 'compare'?)") != std::string::npos);
    const Outcome option = run_hpsim("compare --mdoes balanced x.toml");
    CHECK(option.exit_code == 2);
    CHECK(option.output.find("unrecognised option '--mdoes' (did you mean '--modes'?)") != std::string::npos);
    const Outcome entry = run_hpsim("models show hd600");
    CHECK(entry.exit_code == 1);
    CHECK(entry.output.find("no catalog entry 'hd600' (did you mean 'hd600-class'?)") != std::string::npos);
    const Outcome unrelated = run_hpsim("frobnicate");
    CHECK(unrelated.output.find("unknown command 'frobnicate'\n") != std::string::npos);  // nothing close: no guess
}

TEST_CASE("each command's --help lists only the options a user writes, with defaults as written", "[cli]") {
    for (const char* command : {"run", "check", "compile", "compare", "match", "sweep", "merge", "report", "models"}) {
        const Outcome help = run_hpsim(std::string(command) + " --help");
        INFO(command << ": " << help.output);
        CHECK(help.exit_code == 0);
        for (const char* internal : {"--deck", "--rig ", "--rigs", "--spec", "--equipment", "--words", "--parts", "--inputs"})
            CHECK(help.output.find(internal) == std::string::npos);
    }
    const Outcome check = run_hpsim("check --help");
    CHECK(check.output.find("--rtol arg (=1e-9)") != std::string::npos);
    CHECK(check.output.find("--atol arg (=1e-12)") != std::string::npos);
    CHECK(run_hpsim("compare --help").output.find("--level arg (=1)") != std::string::npos);
}

TEST_CASE("a rig that cannot be read says why", "[cli]") {
    const Outcome missing = run_hpsim("compare /no/such/rig.toml");
    CHECK(missing.exit_code == 1);
    CHECK(missing.output.find("/no/such/rig.toml: error: cannot read the rig: No such file or directory") != std::string::npos);
    const fs::path folder = fresh_folder("rig-folder.toml");
    const Outcome directory = run_hpsim("compare " + folder.string());
    CHECK(directory.output.find("cannot read the rig: Is a directory") != std::string::npos);
}

TEST_CASE("compare takes each mode a rig's amplifier has and says which it skipped", "[cli][compare]") {
    const std::string rigs = hpsim::testing::source_path("netlists/rigs/ctia-headset-omtp-jack.toml") + " " +
                             hpsim::testing::source_path("netlists/rigs/player-se-vs-balanced-hd600.toml");
    const Outcome table = run_hpsim("compare " + rigs + " --modes single-ended,balanced");
    INFO(table.output);
    CHECK(table.exit_code == 0);
    CHECK(table.output.find("ctia-headset-omtp-jack.toml balanced skipped: amplifier 'older-phone-omtp' has no balanced output") !=
          std::string::npos);
    CHECK(table.output.find("ctia-headset-omtp-jack single-ended") != std::string::npos);
    CHECK(table.output.find("player-se-vs-balanced-hd600 balanced") != std::string::npos);
    const Outcome json = run_hpsim("compare " + rigs + " --modes single-ended,balanced --format json 2> /dev/null");
    CHECK(json.output.find("\"skipped\": [{\"rig\": ") != std::string::npos);
    CHECK(json.output.find("\"mode\": \"balanced\", \"reason\": \"amplifier 'older-phone-omtp' has no balanced output\"") !=
          std::string::npos);
    const Outcome none = run_hpsim("compare " + hpsim::testing::source_path("netlists/rigs/ctia-headset-omtp-jack.toml") +
                                   " --modes balanced");
    CHECK(none.exit_code == 1);
    CHECK(none.output.find("no rig has an output in the modes asked") != std::string::npos);
}

TEST_CASE("match keeps a rig's reversed earpiece and answers connection and power apart", "[cli][match]") {
    const std::string rig = hpsim::testing::source_path("netlists/rigs/iem-2pin-left-reversed.toml");
    const Outcome table = run_hpsim("match " + rig);
    INFO(table.output);
    REQUIRE(table.exit_code == 0);
    CHECK(table.output.find("rank  connection  mode          max SPL  headroom  power ") != std::string::npos);
    CHECK(table.output.find("flawed: the left earpiece is reversed") != std::string::npos);
    CHECK(table.output.find("  ok  ") == std::string::npos);  // every path has the earpiece reversed
    const Outcome emitted = run_hpsim("match " + rig + " --emit-rig 1");
    CHECK(emitted.output.find("reversed = [ \"left\" ]") != std::string::npos);
    const Outcome json = run_hpsim("match portable-player hd600-class --target-spl 112 --format json");
    CHECK(json.output.find("\"powerful_enough\": true") != std::string::npos);   // balanced: 114.2 dB
    CHECK(json.output.find("\"powerful_enough\": false") != std::string::npos);  // single-ended: 108.2 dB
}

TEST_CASE("check reports agreement with ngspice and exits 0", "[cli][ngspice]") {
    const Outcome outcome = run_hpsim("check " + hpsim::testing::source_path("netlists/decks/rc-lowpass.cir"));
    INFO(outcome.output);
    CHECK(outcome.exit_code == 0);
    CHECK(outcome.output.find("agree:") != std::string::npos);
}

TEST_CASE("models lists the catalog by kind and shows an entry with its source note", "[cli][rig]") {
    const Outcome list = run_hpsim("models");
    REQUIRE(list.exit_code == 0);
    for (const char* heading : {"terminations\n", "adapters\n", "cables\n", "amplifiers\n", "headphones\n"})
        CHECK(list.output.find(heading) != std::string::npos);
    CHECK(list.output.find("trrrs-4.4") != std::string::npos);
    const Outcome show = run_hpsim("models show trrrs-4.4");
    CHECK(show.exit_code == 0);
    CHECK(show.output.find("JEITA RC-8141C") != std::string::npos);
    CHECK(run_hpsim("models show no-such-part").exit_code == 1);
}

TEST_CASE("models show gives a dynamic driver's Thiele-Small set and a measured driver's fit and its error", "[cli][measured]") {
    const Outcome dynamic = run_hpsim("models show hd600-class");
    REQUIRE(dynamic.exit_code == 0);
    CHECK(dynamic.output.find("# Thiele-Small: Re 300 Ohm, Le 0.1 mH, fs 90 Hz, Qms 2, Qes 3\n") != std::string::npos);
    CHECK(dynamic.output.find("impedance peak Re (1 + Qms/Qes) = 500 Ohm at fs") != std::string::npos);
    const Outcome fitted = run_hpsim("models show iem-multi-ba-measured");
    REQUIRE(fitted.exit_code == 0);
    CHECK(fitted.output.find("iem-multi-ba-synthetic.zma: a passive network of ") != std::string::npos);
    CHECK(fitted.output.find("# worst error ") != std::string::npos);
    CHECK(fitted.output.find(" over 143 points, 20 Hz-20 kHz; the limit is 0.1 dB and 1 degree") != std::string::npos);
}

TEST_CASE("compile prints a netlist that run and check accept, and a rig runs directly", "[cli][rig][ngspice]") {
    const fs::path folder = fresh_folder("compile");
    const std::string rig = hpsim::testing::source_path("netlists/rigs/player-se-vs-balanced-hd600.toml");
    const Outcome compiled = run_hpsim("compile " + rig + " --mode balanced");
    REQUIRE(compiled.exit_code == 0);
    std::ofstream(folder / "rig.cir") << compiled.output;
    CHECK(run_hpsim("check " + (folder / "rig.cir").string()).exit_code == 0);
    const Outcome direct = run_hpsim("run " + rig + " --out " + (folder / "out").string());
    INFO(direct.output);
    CHECK(direct.exit_code == 0);
    CHECK(first_line(folder / "out/ac.csv").find("v(hp_l_plus).re") != std::string::npos);
    CHECK(run_hpsim("run " + rig + " --mode bridged").exit_code == 1);
    fs::remove_all(folder);
}

TEST_CASE("compare says the right thing about every example rig", "[cli][compare]") {
    const auto rig = [](const std::string& name) { return hpsim::testing::source_path("netlists/rigs/" + name + ".toml"); };
    const struct {
        std::string arguments, expected;
    } cases[] = {
        {rig("player-se-vs-balanced-hd600") + " --modes single-ended,balanced", "balanced gives +6.0 dB and 3.98x the power"},
        {rig("iem-3wire-worn-sleeve"), "crosstalk into the left channel reaches -28.9 dB through the shared return"},
        {rig("iem-2pin-left-reversed"), "the left earpiece is reversed: same power, opposite polarity"},
        {rig("balanced-amp-se-adapter"), "danger: the left- leg drives a near short"},
        {rig("ctia-headset-omtp-jack"), "the drivers' common is not returned to ground"},
        {rig("mini-xlr-vendor-mismatch"), "the left driver receives nothing of its signal: the connector's pins do not line up"},
        {rig("hifiman-ts-cups-xlr4"), "limited by the left+ leg's voltage limit"},
    };
    for (const auto& c : cases) {
        const Outcome outcome = run_hpsim("compare " + c.arguments);
        INFO(outcome.output);
        CHECK(outcome.exit_code == 0);
        CHECK(outcome.output.find(c.expected) != std::string::npos);
    }
    const Outcome clean = run_hpsim("compare " + rig("hifiman-ts-cups-xlr4"));
    CHECK(clean.output.find("danger:") == std::string::npos);
}

TEST_CASE("compare writes JSON with the documented fields and the curves as CSV", "[cli][compare]") {
    const fs::path folder = fresh_folder("compare");
    const Outcome outcome = run_hpsim("compare " + hpsim::testing::source_path("netlists/rigs/iem-3wire-worn-sleeve.toml") + " " +
                                      hpsim::testing::source_path("netlists/rigs/iem-2pin-left-reversed.toml") +
                                      " --format json --curves " + (folder / "curves.csv").string());
    REQUIRE(outcome.exit_code == 0);
    for (const char* field : {"\"variants\"", "\"name\"", "\"mode\"", "\"drive_vrms\"", "\"power_mw\"", "\"clip\"", "\"limited_by\"",
                              "\"spl_db\"", "\"crosstalk_db\"", "\"left_to_right\"", "\"right_to_left\"", "\"worst\"", "\"fr_error_db\"",
                              "\"damping_factor\"", "\"polarity\"", "\"hazards\"", "\"severity\"", "\"code\""})
        CHECK(outcome.output.find(field) != std::string::npos);
    CHECK(first_line(folder / "curves.csv").rfind("variant,frequency,", 0) == 0);
    fs::remove_all(folder);
}

TEST_CASE("compare rejects an unknown mode, an unreadable rig and a rig that cannot be simulated, printing no table", "[cli][compare]") {
    const std::string rig = hpsim::testing::source_path("netlists/rigs/iem-3wire-worn-sleeve.toml");
    for (const std::string& arguments : {rig + " --modes single-ended,bridged", std::string("/no/such/rig.toml")}) {
        const std::string command = std::string(HPSIM_EXECUTABLE) + " compare " + arguments + " 2>/dev/null";
        FILE* pipe = popen(command.c_str(), "r");
        char buffer[256];
        const std::size_t printed = fread(buffer, 1, sizeof buffer, pipe);
        CHECK(WEXITSTATUS(pclose(pipe)) == 1);
        CHECK(printed == 0);
    }
    const fs::path folder = fresh_folder("unsimulable");
    std::ofstream(folder / "rig.toml") << "[amplifier]\nmodel = \"portable-player\"\n[cable]\nmodel = \"iem-3wire-26awg\"\n"
                                          "[headphone]\nmodel = \"iem-dynamic-16\"\nre_ohm = -16\n";
    const Outcome outcome = run_hpsim("compare " + (folder / "rig.toml").string());
    CHECK(outcome.exit_code == 1);
    CHECK(outcome.output.find("rig.toml:7:10: error: headphone 'iem-dynamic-16' [driver]: 're_ohm' must be above zero") != std::string::npos);
    fs::remove_all(folder);
}

TEST_CASE("match answers both questions and emits a path as a rig that compare runs unchanged", "[cli][match]") {
    const Outcome table = run_hpsim("match portable-player hd600-class");
    INFO(table.output);
    REQUIRE(table.exit_code == 0);
    CHECK(table.output.find("hd600-class needs 20 mW (2.45 Vrms) per channel for 110 dB SPL (from 97 dB/mW)") != std::string::npos);
    CHECK(table.output.find("- Which connection works: the 4.4 mm TRRRS balanced output through ") != std::string::npos);
    CHECK(table.output.find("reaches 108.2 dB SPL (1.8 dB short of 110, voltage-limited)") != std::string::npos);

    const fs::path folder = fresh_folder("match");
    const Outcome rig = run_hpsim("match portable-player hd600-class --emit-rig 1");
    REQUIRE(rig.exit_code == 0);
    std::ofstream(folder / "path1.toml") << rig.output;
    const Outcome compared = run_hpsim("compare " + (folder / "path1.toml").string());
    INFO(compared.output);
    CHECK(compared.exit_code == 0);
    CHECK(compared.output.find("114.2 / 114.2") != std::string::npos);  // max SPL, as match ranked it
    fs::remove_all(folder);

    const Outcome json = run_hpsim("match portable-player hd600-class --format json --target-spl 105 -v");
    REQUIRE(json.exit_code == 0);
    for (const char* field : {"\"target_spl_db\": 105", "\"needed\"", "\"power_mw\"", "\"voltage_vrms\"", "\"paths\"", "\"rank\": 15",
                              "\"mode\"", "\"chain\"", "\"part\": \"adapter\"", "\"part\": \"cable\"", "\"verdict\": \"do not use\"",
                              "\"reasons\"", "\"headroom_db\"", "\"max_spl_db\"", "\"limited_by\"", "\"hazards\"", "\"measurements\"",
                              "\"sentences\"", "\"not_mating\""})
        CHECK(json.output.find(field) != std::string::npos);
}

TEST_CASE("match -v says why plugs do not go in, and a bad request exits 1 or 2", "[cli][match]") {
    const Outcome verbose = run_hpsim("match desktop-amp dca-planar-class -v");
    REQUIRE(verbose.exit_code == 0);
    CHECK(verbose.output.find("cable mini-xlr-vendor-a-4wire-24awg: mini-xlr-vendor-a does not go into mini-xlr-vendor-b: pin map") !=
          std::string::npos);
    CHECK(verbose.output.find("diameter (4.4 mm plug, 6.35 mm jack)") != std::string::npos);
    for (const char* misuse : {"match", "match portable-player", "match a b c", "match portable-player hd600-class --max-adapters 5",
                               "match portable-player hd600-class --format xml", "match portable-player hd600-class --emit-rig 16"})
        CHECK(run_hpsim(misuse).exit_code == 2);
    const Outcome unknown = run_hpsim("match no-such-amp hd600-class");
    CHECK(unknown.exit_code == 1);
    CHECK(unknown.output == "hpsim match: error: unknown amplifier 'no-such-amp' (see 'hpsim models')\n");
    const fs::path folder = fresh_folder("match-rig");
    std::ofstream(folder / "rig.toml") << "[amplifier]\nmodel = \"portable-player\"\noutput_impedance_ohm = -1\n[cable]\n"
                                          "model = \"iem-3wire-26awg\"\n[headphone]\nmodel = \"iem-dynamic-16\"\n";
    const Outcome located = run_hpsim("match " + (folder / "rig.toml").string());
    CHECK(located.exit_code == 1);
    CHECK(located.output.find("rig.toml:3:24: error: amplifier 'portable-player' [single-ended]: 'output_impedance_ohm' must be above zero") !=
          std::string::npos);
    fs::remove_all(folder);
}

TEST_CASE("run writes a stepped deck's analyses once each: step columns first, rows grouped by step", "[cli][step]") {
    const fs::path folder = fresh_folder("step");
    const fs::path deck = folder / "deck.cir";
    std::ofstream(deck) << "steps\n.param r=1 c=1u\nV1 a 0 DC 1 AC 1\nR1 a b {r}\nC1 b 0 {c}\n.op\n.ac dec 1 10 100\n"
                           ".step param r list 1k 2k\n.step param c list 1u 2u 3u\n";
    const Outcome outcome = run_hpsim("run " + deck.string() + " --out " + (folder / "out").string());
    INFO(outcome.output);
    REQUIRE(outcome.exit_code == 0);
    CHECK(outcome.output.find("6 steps of r, c") != std::string::npos);
    CHECK(outcome.output.find("ac     12 points") != std::string::npos);
    CHECK(fs::exists(folder / "out/op.csv"));
    CHECK(!fs::exists(folder / "out/op2.csv"));
    std::ifstream ac(folder / "out/ac.csv");
    std::string line;
    std::getline(ac, line);
    CHECK(line == "step.r,step.c,frequency,v(a).re,v(a).im,v(b).re,v(b).im,i(v1).re,i(v1).im");
    std::vector<std::string> leading;  // "r,c" of each row: two frequencies per step, the first .step fastest
    while (std::getline(ac, line)) leading.push_back(line.substr(0, line.find(',', line.find(',') + 1)));
    const std::vector<std::string> expected{"1000,1e-06", "1000,1e-06", "2000,1e-06", "2000,1e-06",
                                            "1000,2e-06", "1000,2e-06", "2000,2e-06", "2000,2e-06",
                                            "1000,3e-06", "1000,3e-06", "2000,3e-06", "2000,3e-06"};
    CHECK(leading == expected);
    CHECK(first_line(folder / "out/op.csv") == "step.r,step.c,v(a),v(b),i(v1)");
    fs::remove_all(folder);
}

TEST_CASE("a stepped deck run on two threads writes the bytes, counts and warnings of one thread", "[cli][step]") {
    const fs::path folder = fresh_folder("step-jobs");
    const fs::path deck = folder / "deck.cir";
    // The first and the last step are checked for conditioning: both warn (1e-12 against
    // 1e12 Ohm), each at the .op, .ac and .tran cards, between their results.
    std::ofstream(deck) << "steps on threads\n.param r=1 c=1u\nV1 a 0 DC 1 AC 1\nRtiny a b 1e-12\nRhuge b 0 {r}\n"
                           "R1 b c 1k\nC1 c 0 {c}\nV2 d 0 DC 0\nR2 d 0 10\n.op\n.dc V2 0 1 0.5 V1 0 1 1\n"
                           ".ac dec 3 10 10k\n.tran 10u 100u\n.step param r list 1e12 1 2 3 1e12\n"
                           ".step param c 1u 9u 1u\n";
    std::vector<Outcome> outcomes;
    for (const char* jobs : {"1", "2"}) {
        outcomes.push_back(run_hpsim("run " + deck.string() + " --jobs " + jobs + " --out " + (folder / jobs).string()));
        INFO(outcomes.back().output);
        REQUIRE(outcomes.back().exit_code == 0);
    }
    const auto without_paths_and_time = [&](std::string output) {
        std::string kept, line;
        std::istringstream lines(output);
        while (std::getline(lines, line))
            if (line.find("simulated in") == std::string::npos && line.find("wrote") == std::string::npos) kept += line + "\n";
        return kept;
    };
    const std::string one_thread = without_paths_and_time(outcomes[0].output);
    CHECK(without_paths_and_time(outcomes[1].output) == one_thread);
    CHECK(one_thread.find("45 steps of r, c") != std::string::npos);
    std::size_t warnings = 0;
    for (std::size_t at = one_thread.find("ill-conditioned"); at != std::string::npos;
         at = one_thread.find("ill-conditioned", at + 1))
        ++warnings;
    CHECK(warnings == 2 * 4);  // op, dc, ac and tran at the first and the last step
    for (const char* name : {"op.csv", "dc.csv", "ac.csv", "tran.csv"}) {
        INFO(name);
        REQUIRE(fs::exists(folder / "1" / name));
        CHECK(read_file(folder / "2" / name) == read_file(folder / "1" / name));
    }
    fs::remove_all(folder);
}
