#pragma once
// Pieces of a self-contained HTML page: escaped text, the page with its styles and a
// Content-Security-Policy that allows nothing from outside (no script, font, image or
// style from anywhere but the page itself), figures as inline SVG, collapsible text.
#include <string>
#include <vector>

namespace hpsim::report {

std::string escape_html(const std::string& text);

// The whole page around `body` (HTML already escaped).
std::string html_page(const std::string& title, const std::string& body);

// gnuplot's SVG as an element of the page: the XML prolog removed and every id made
// unique to this figure (`prefix`), so that several figures share one document.
std::string inline_svg(const std::string& svg_text, const std::string& prefix);

// <figure> with the inline SVG, a caption and links to the files beside the page.
std::string figure_html(const std::string& name, const std::string& svg_text, const std::string& caption);

// A collapsed section holding preformatted text.
std::string details_html(const std::string& summary, const std::string& text);

// A table: first row as the header, the first cell of each row as its label.
std::string table_html(const std::vector<std::vector<std::string>>& rows, const std::string& css_class = "");

}  // namespace hpsim::report
