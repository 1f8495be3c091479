// What is sent to gnuplot and how its SVG joins the page.
#include <catch2/catch.hpp>
#include <cmath>

#include "report/gnuplot.hpp"
#include "report/html.hpp"

using namespace hpsim;

TEST_CASE("a missing value is a gap in the line, and a series with none is a legend entry that says why", "[report][plot]") {
    report::Plot plot;
    plot.name = "test";
    plot.x = {"frequency (Hz)", true, std::pair{20.0, 20000.0}, {}};
    report::Series measured;
    measured.title = "measured";
    measured.x = {20, 1000, 20000};
    measured.y = {-3, NAN, -1};
    report::Series none;
    none.title = "balanced";
    none.x = {20, 20000};
    none.y = {NAN, NAN};
    none.null_reason = "below -150 dB, the numerical floor: none, the path is symmetric";
    none.legend_note = "none: symmetric";
    plot.series = {measured, none};
    const std::string script = report::gnuplot_script(plot);
    CHECK(script.find("set logscale x 10") != std::string::npos);
    CHECK(script.find("20 -3\n1000 NaN\n20000 -1\ne\n") != std::string::npos);
    CHECK(script.find("keyentry with lines") != std::string::npos);
    CHECK(script.find("title \"balanced: none: symmetric\"") != std::string::npos);
    const std::string json = report::plot_json(plot);
    CHECK(json.find("\"y\": [-3, null, -1]") != std::string::npos);
    CHECK(json.find("\"null_reason\": \"below -150 dB, the numerical floor: none, the path is symmetric\"") != std::string::npos);
}

TEST_CASE("figures inline in one page keep their ids apart", "[report][plot]") {
    const std::string svg = "<?xml version=\"1.0\"?>\n<svg viewBox=\"0 0 10 10\"><g id=\"gnuplot_canvas\"><defs><path id='gpPt1'/></defs>"
                            "<use xlink:href='#gpPt1'/><rect fill=\"url(#gpPat1)\"/></g></svg>";
    const std::string inlined = report::inline_svg(svg, "crosstalk");
    CHECK(inlined.rfind("<svg", 0) == 0);
    CHECK(inlined.find("id=\"crosstalk-gnuplot_canvas\"") != std::string::npos);
    CHECK(inlined.find("id='crosstalk-gpPt1'") != std::string::npos);
    CHECK(inlined.find("href='#crosstalk-gpPt1'") != std::string::npos);
    CHECK(inlined.find("url(#crosstalk-gpPat1)") != std::string::npos);
    CHECK(report::escape_html("a < b & \"c\"") == "a &lt; b &amp; &quot;c&quot;");
}
