#include "report/html.hpp"

namespace hpsim::report {
namespace {

constexpr const char* style = R"(
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5f6368; --rule: #d9dce1; --danger: #b3261e; --warning: #8a5a00; --info: #245b9e; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 24px 28px 48px; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.2em; margin: 32px 0 8px; border-bottom: 1px solid var(--rule); padding-bottom: 4px; }
p.meta { color: var(--muted); margin-top: 0; }
table { border-collapse: collapse; margin: 8px 0; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--rule); text-align: right; white-space: nowrap; vertical-align: top; }
th:first-child, td:first-child { text-align: left; }
thead th { border-bottom: 2px solid var(--ink); }
.scroll { overflow-x: auto; }
ul.sentences li { margin: 4px 0; }
ul.hazards { list-style: none; padding: 0; }
ul.hazards li { margin: 6px 0; padding: 6px 10px; border-left: 5px solid; border-radius: 3px; }
ul.hazards li.danger { border-color: var(--danger); background: #fdecea; }
ul.hazards li.warning { border-color: var(--warning); background: #fff4e0; }
ul.hazards li.info { border-color: var(--info); background: #eaf1fb; }
.severity { font-weight: 700; text-transform: uppercase; font-size: 0.8em; letter-spacing: 0.04em; margin-right: 6px; }
li.danger .severity { color: var(--danger); } li.warning .severity { color: var(--warning); } li.info .severity { color: var(--info); }
figure { margin: 20px 0; page-break-inside: avoid; break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; border: 1px solid var(--rule); }
figcaption { color: var(--muted); margin-top: 4px; }
figcaption a { color: var(--info); }
details { margin: 8px 0; border: 1px solid var(--rule); border-radius: 4px; padding: 4px 10px; }
summary { cursor: pointer; font-weight: 600; }
pre { overflow-x: auto; font: 12.5px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; background: #f6f8fa; padding: 8px; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  details { border: none; padding: 0; }
  details > :not(summary) { display: block; }
  details::details-content { content-visibility: visible; display: block; }
  summary { list-style: none; }
  pre { white-space: pre-wrap; background: none; }
  h2 { page-break-after: avoid; break-after: avoid; }
}
)";

void replace_all(std::string& text, const std::string& from, const std::string& to) {
    for (std::size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size()) text.replace(at, from.size(), to);
}

}  // namespace

std::string escape_html(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string html_page(const std::string& title, const std::string& body) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
           escape_html(title) + "</title>\n<style>" + style + "</style>\n</head>\n<body>\n" + body + "</body>\n</html>\n";
}

std::string inline_svg(const std::string& svg_text, const std::string& prefix) {
    std::string svg = svg_text.substr(std::min(svg_text.find("<svg"), svg_text.size()));
    for (const char* quote : {"'", "\""}) {
        replace_all(svg, std::string("id=") + quote, std::string("id=") + quote + prefix + "-");
        replace_all(svg, std::string("href=") + quote + "#", std::string("href=") + quote + "#" + prefix + "-");
    }
    replace_all(svg, "url(#", "url(#" + prefix + "-");
    return svg;
}

std::string figure_html(const std::string& name, const std::string& svg_text, const std::string& caption) {
    return "<figure id=\"figure-" + escape_html(name) + "\" class=\"plot\">\n" + inline_svg(svg_text, name) + "\n<figcaption>" +
           escape_html(caption) + " <a href=\"" + escape_html(name) + ".svg\">SVG</a> <a href=\"" + escape_html(name) +
           ".png\">PNG</a> <a href=\"data/" + escape_html(name) + ".json\">data</a></figcaption>\n</figure>\n";
}

std::string details_html(const std::string& summary, const std::string& text) {
    return "<details>\n<summary>" + escape_html(summary) + "</summary>\n<pre>" + escape_html(text) + "</pre>\n</details>\n";
}

std::string table_html(const std::vector<std::vector<std::string>>& rows, const std::string& css_class) {
    std::string out = "<div class=\"scroll\"><table" + (css_class.empty() ? std::string() : " class=\"" + css_class + "\"") + ">\n";
    for (std::size_t r = 0; r < rows.size(); ++r) {
        if (r == 0) out += "<thead>";
        out += "<tr>";
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
            const char* cell = r == 0 || c == 0 ? "th" : "td";
            out += std::string("<") + cell + ">" + escape_html(rows[r][c]) + "</" + cell + ">";
        }
        out += "</tr>";
        if (r == 0) out += "</thead><tbody>";
        out += "\n";
    }
    return out + (rows.empty() ? "" : "</tbody>") + "</table></div>\n";
}

}  // namespace hpsim::report
