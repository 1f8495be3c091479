// Bad rigs and catalog entries are reported at their file, line and column.
#include <catch2/catch.hpp>
#include <fstream>

#include "../support.hpp"
#include "rig_support.hpp"
#include "../scratch.hpp"

using namespace hpsim;

namespace {

std::string rig_error(const std::string& name, const std::string& text, const std::optional<std::string>& mode = {}) {
    const auto path = testing::write_rig(name, text);
    try {
        headphone::compile_rig(headphone::load_rig(path, testing::catalog(), mode));
    } catch (const spice::DeckError& error) {
        const std::string message = error.what();
        const std::string file = path.string();
        return message.rfind(file, 0) == 0 ? "RIG" + message.substr(file.size()) : message;
    }
    return "";
}

const char* minimal = "[amplifier]\nmodel = \"portable-player\"\n[cable]\nmodel = \"iem-3wire-26awg\"\n[headphone]\nmodel = \"iem-dynamic-16\"\n";

}  // namespace

TEST_CASE("a minimal rig compiles", "[rig][errors]") { CHECK(rig_error("ok", minimal).empty()); }

TEST_CASE("an unknown part is named at its line and column", "[rig][errors]") {
    CHECK(rig_error("unknown", "[amplifier]\nmodel = \"no-such-amp\"\n[headphone]\nmodel = \"x\"\n") ==
          "RIG:2:9: error: unknown amplifier 'no-such-amp' (see 'hpsim models')");
    CHECK(rig_error("wrong-kind", "[amplifier]\nmodel = \"trs-3.5\"\n[headphone]\nmodel = \"x\"\n") ==
          "RIG:2:9: error: 'trs-3.5' is a termination, not an amplifier");
}

TEST_CASE("a negative override is rejected where the rig writes it", "[rig][errors]") {
    CHECK(rig_error("negative2", "[amplifier]\nmodel = \"portable-player\"\noutput_impedance_ohm = -1\n[cable]\nmodel = "
                                 "\"iem-3wire-26awg\"\n[headphone]\nmodel = \"iem-dynamic-16\"\n") ==
          "RIG:3:24: error: amplifier 'portable-player' [single-ended]: 'output_impedance_ohm' must be above zero");
}

TEST_CASE("an infinite or NaN figure is refused where the rig writes it", "[rig][errors]") {
    // TOML has inf and nan; a figure must be a finite number (an infinite output
    // impedance would reach the netlist as a parameter named 'inf').
    CHECK(rig_error("infinite", "[amplifier]\nmodel = \"portable-player\"\noutput_impedance_ohm = inf\n[cable]\nmodel = "
                                "\"iem-3wire-26awg\"\n[headphone]\nmodel = \"iem-dynamic-16\"\n") ==
          "RIG:3:24: error: amplifier 'portable-player' [single-ended]: 'output_impedance_ohm' must be a finite number in Ohm, not inf");
    CHECK(rig_error("nan", "[amplifier]\nmodel = \"portable-player\"\n[cable]\nmodel = \"iem-3wire-26awg\"\nlength_m = nan\n"
                           "[headphone]\nmodel = \"iem-dynamic-16\"\n")
              .find("'length_m' must be a finite number in m, not nan") != std::string::npos);
}

TEST_CASE("a misspelt rig key, section or part gets the name it was meant to be", "[rig][errors]") {
    CHECK(rig_error("key", "[amplifier]\nmodel = \"portable-player\"\n[cable]\nmodel = \"iem-3wire-26awg\"\nlenght_m = 2\n"
                           "[headphone]\nmodel = \"iem-dynamic-16\"\n") ==
          "RIG:5:12: error: cable 'iem-3wire-26awg' has no figure 'lenght_m' to override (did you mean 'length_m'?)");
    CHECK(rig_error("section", "[amplifer]\nmodel = \"portable-player\"\n") ==
          "RIG:1:1: error: unknown rig section 'amplifer' (did you mean 'amplifier'?)");
    CHECK(rig_error("part", "[amplifier]\nmodel = \"portable-playr\"\n[headphone]\nmodel = \"x\"\n") ==
          "RIG:2:9: error: unknown amplifier 'portable-playr' (did you mean 'portable-player'?)");
}

TEST_CASE("a figure of the wrong type says what it is, with its unit", "[rig][errors]") {
    CHECK(rig_error("type", "[amplifier]\nmodel = \"portable-player\"\noutput_impedance_ohm = \"2 ohm\"\n[cable]\nmodel = "
                            "\"iem-3wire-26awg\"\n[headphone]\nmodel = \"iem-dynamic-16\"\n") ==
          "RIG:3:24: error: 'output_impedance_ohm' is a number in Ohm (as in amplifier 'portable-player'), not the string '2 ohm'");
}

TEST_CASE("driver figures written in a driver table say where they go", "[rig][errors]") {
    CHECK(rig_error("driver", "[amplifier]\nmodel = \"portable-player\"\n[cable]\nmodel = \"iem-3wire-26awg\"\n"
                              "[headphone]\nmodel = \"iem-dynamic-16\"\ndriver = { re_ohm = 20 }\n") ==
          "RIG:7:10: error: the driver's figures are overridden directly in the rig's section: write re_ohm = ... beside model, not in a 'driver' table");
}

TEST_CASE("an override of a figure the part does not have is an error", "[rig][errors]") {
    CHECK(rig_error("nofigure", "[amplifier]\nmodel = \"portable-player\"\nwattage = 3\n[cable]\nmodel = \"iem-3wire-26awg\"\n"
                                "[headphone]\nmodel = \"iem-dynamic-16\"\n") ==
          "RIG:3:11: error: amplifier 'portable-player' has no figure 'wattage' to override");
}

TEST_CASE("an MMCX connector cannot be inserted reversed", "[rig][errors]") {
    const std::string message = rig_error("mmcx", "[amplifier]\nmodel = \"portable-player\"\n[cable]\nmodel = \"iem-3wire-26awg-mmcx\"\n"
                                                  "[headphone]\nmodel = \"iem-dynamic-16\"\nconnector = \"mmcx\"\nreversed = [\"left\"]\n");
    CHECK(message.rfind("RIG:8:12: error: mmcx cannot be inserted reversed", 0) == 0);
}

TEST_CASE("a plug that does not fit names both parts", "[rig][errors]") {
    const std::string message = rig_error("fit", "[amplifier]\nmodel = \"portable-balanced-amp\"\nmode = \"balanced\"\n"
                                                 "[cable]\nmodel = \"iem-3wire-26awg\"\n[headphone]\nmodel = \"iem-dynamic-16\"\n");
    CHECK(message.rfind("RIG:5:9: error: plug 'trs-3.5' of cable iem-3wire-26awg does not fit jack 'trrrs-4.4'", 0) == 0);
}

TEST_CASE("an unknown output mode is an error", "[rig][errors]") {
    CHECK(rig_error("mode", "[amplifier]\nmodel = \"portable-player\"\nmode = \"bridged\"\n[cable]\nmodel = \"iem-3wire-26awg\"\n"
                            "[headphone]\nmodel = \"iem-dynamic-16\"\n") ==
          "RIG:3:8: error: unknown output mode 'bridged' (single-ended or balanced)");
    CHECK(rig_error("nomode", minimal, std::string("balanced")).find("plug 'trs-3.5'") != std::string::npos);
}

TEST_CASE("a TOML syntax error in a rig is located", "[rig][errors]") {
    CHECK(rig_error("syntax", "[amplifier\nmodel = 1\n").rfind("RIG:1:", 0) == 0);
}

TEST_CASE("a catalog entry missing a figure is reported in the catalog file", "[rig][errors]") {
    const auto folder = hpsim::testing::scratch_folder() / ("hpsim-catalog-" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder);
    std::ofstream(folder / "bad-jack.toml") << "kind = \"termination\"\nfamily = \"tip-ring-sleeve\"\ndiameter_mm = 3.5\n"
                                               "poles = [\"left+\", \"ground\"]\n";
    const auto catalog = headphone::Catalog::load(folder);
    try {
        headphone::read_termination(catalog, "bad-jack", {"rig.toml", 1, 1});
        FAIL("no error");
    } catch (const spice::DeckError& error) {
        CHECK(std::string(error.what()) == (folder / "bad-jack.toml").string() +
                                               ":1:1: error: termination 'bad-jack' has no 'contact_resistance_ohm'");
    }
    std::ofstream(folder / "bad-kind.toml") << "kind = \"gizmo\"\n";
    try {
        headphone::Catalog::load(folder);
        FAIL("no error");
    } catch (const spice::DeckError& error) {
        CHECK(std::string(error.what()).find("bad-kind.toml:1:8: error: unknown kind 'gizmo'") != std::string::npos);
    }
    std::filesystem::remove_all(folder);
}

TEST_CASE("a rig written in memory is located at the name it is given", "[rig][errors]") {
    try {
        headphone::load_rig_text("[amplifier]\nmodel = \"no-such-amp\"\n[headphone]\nmodel = \"x\"\n", "memory.toml", testing::catalog());
        FAIL("no error");
    } catch (const spice::DeckError& error) {
        CHECK(std::string(error.what()) == "memory.toml:2:9: error: unknown amplifier 'no-such-amp' (see 'hpsim models')");
    }
}

TEST_CASE("a modular cable's plugs are checked where the catalog lists them", "[rig][errors]") {
    const auto folder = hpsim::testing::scratch_folder() / ("hpsim-plugs-" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder);
    for (const char* name : {"trs-3.5", "trrrs-4.4", "two-pin-0.78"})
        std::filesystem::copy_file(testing::source_path(std::string("models/terminations/") + name + ".toml"), folder / (std::string(name) + ".toml"),
                                   std::filesystem::copy_options::overwrite_existing);
    const std::string cable = "kind = \"cable\"\ntopology = \"%s\"\nplug = \"trs-3.5\"\nplugs = [\"trrrs-4.4\", \"%s\"]\n"
                              "headphone_connector = \"two-pin-0.78\"\nresistance_per_m_ohm = 0.1\ninductance_per_m_h = 5e-7\n"
                              "capacitance_per_m_f = 5e-11\nlength_m = 1\ny_split_leg_m = 0.3\nsections = 1\n";
    const auto write = [&](const std::string& topology, const std::string& second) {
        std::string text = cable;
        text.replace(text.find("%s"), 2, topology);
        text.replace(text.find("%s"), 2, second);
        std::ofstream(folder / "modular.toml") << text;
        const auto catalog = headphone::Catalog::load(folder);
        try {
            headphone::read_cable(catalog, catalog.get("modular", "cable", {"test", 1, 1}));
        } catch (const spice::DeckError& error) {
            return std::string(error.what()).substr(folder.string().size() + 1);
        }
        return std::string();
    };
    CHECK(write("four-wire", "trs-3.5").empty());
    CHECK(write("three-wire", "trs-3.5") ==
          "modular.toml:4:9: error: cable 'modular' has three wires (one shared ground) and cannot take balanced plug 'trrrs-4.4'");
    CHECK(write("four-wire", "trrrs-4.4") == "modular.toml:3:8: error: cable 'modular': its plug 'trs-3.5' is not one of its 'plugs'");
    std::filesystem::remove_all(folder);
}

TEST_CASE("a non-ASCII character where TOML allows whitespace is a located error, not undefined behaviour",
          "[rig][errors]") {
    // toml++ 3.3 reached TOML_UNREACHABLE for these (its issues #190 and #295); the
    // sanitizer build fails on undefined behaviour, so this test guards headphone/toml.hpp.
    CHECK(rig_error("section-sign", std::string(minimal) + "\xc2\xa7 = 2\n") ==
          "RIG:7:1: error: Error while parsing root table: expected keys, tables, whitespace or comments, saw '\xc2\xa7'");
    CHECK(rig_error("combining", "\xcc\xaa" + std::string(minimal)).rfind("RIG:1:1: error: ", 0) == 0);
    // After a line-ending backslash in a multi-line string, the next line's leading
    // whitespace is skipped: a "§" there is kept.
    CHECK(rig_error("continued", "description = \"\"\"\\\n\xc2\xa7\"\"\"\n" + std::string(minimal)).empty());
}

TEST_CASE("an implausible figure is warned about where it is written, and the rig still runs", "[rig][errors]") {
    const auto path = testing::write_rig("implausible", "[amplifier]\nmodel = \"portable-player\"\noutput_impedance_ohm = 1e6\n"
                                                        "[cable]\nmodel = \"iem-3wire-26awg\"\nlength_m = 1500\n"
                                                        "[headphone]\nmodel = \"iem-dynamic-16\"\n");
    const headphone::Rig rig = headphone::load_rig(path, testing::catalog());
    REQUIRE(rig.warnings.size() == 2);
    const std::string file = path.string();
    CHECK(rig.warnings[1].to_string() == file + ":3:24: warning: amplifier 'portable-player' [single-ended]: output_impedance_ohm = 1e+06 Ohm "
                                                "is implausible (headphone outputs have 0-120 Ohm, OTL tube amps about 120): a slip of units or digits?");
    CHECK(rig.warnings[0].to_string() == file + ":6:12: warning: cable 'iem-3wire-26awg': length_m = 1500 m is implausible "
                                                "(headphone cables are a few metres, extensions tens): a slip of units or digits?");
    CHECK(headphone::load_rig(testing::write_rig("plausible", minimal), testing::catalog()).warnings.empty());
}
