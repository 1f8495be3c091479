#include "report/gnuplot.hpp"

#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <gnuplot-iostream.h>
#include <optional>
#include <spawn.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace hpsim::report {
namespace {

namespace fs = std::filesystem;

constexpr int width_px = 960, height_px = 540;

std::string quoted(const std::string& text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.10g", value);
    return text;
}

std::string colour(int index) {
    const auto& colours = palette();
    return quoted(colours[static_cast<std::size_t>(index) % colours.size()]);
}

std::string dash_type(Dash dash) { return dash == Dash::solid ? "1" : dash == Dash::dashed ? "2" : "3"; }

bool has_values(const Series& series) {
    for (const double y : series.y)
        if (std::isfinite(y)) return true;
    return false;
}

void axis_commands(std::ostringstream& out, const std::string& name, const Axis& axis) {
    if (!axis.label.empty()) out << "set " << name << "label " << quoted(axis.label) << "\n";
    if (axis.log) out << "set logscale " << name << " 10\n";
    if (axis.range) out << "set " << name << "range [" << number(axis.range->first) << ":" << number(axis.range->second) << "]\n";
    if (!axis.ticks.empty()) {
        out << "set " << name << "tics (";
        for (std::size_t t = 0; t < axis.ticks.size(); ++t) out << (t ? ", " : "") << quoted(axis.ticks[t].second) << " " << number(axis.ticks[t].first);
        out << ")\n";
    }
}

// One plot element: its clause in the plot command and the rows it reads from '-'.
struct Element {
    std::string clause;
    std::string data;  // rows, then "e"
};

std::string rows(const std::vector<double>& x, const std::vector<double>& y) {
    std::string out;
    for (std::size_t i = 0; i < x.size(); ++i) out += number(x[i]) + " " + (std::isfinite(y[i]) ? number(y[i]) : std::string("NaN")) + "\n";
    return out + "e\n";
}

std::string label_text(const Plot& plot, double value) {
    char text[32];
    std::snprintf(text, sizeof text, plot.value_format.c_str(), value);
    return text;
}

std::string empty_title(const Series& series) {
    return series.title + ": " + (!series.legend_note.empty() ? series.legend_note : !series.null_reason.empty() ? series.null_reason : "no value");
}

void line_elements(const Plot& plot, std::vector<Element>& elements) {
    for (const Series& series : plot.series) {
        const std::string style = " lc rgb " + colour(series.colour) + " dt " + dash_type(series.dash) + " lw 2";
        if (!has_values(series)) {
            elements.push_back({"keyentry with lines" + style + " title " + quoted(empty_title(series)), ""});
            continue;
        }
        elements.push_back({"'-' using 1:2" + std::string(series.right_axis ? " axes x1y2" : "") + " with " +
                                (series.points ? "linespoints pt 7 ps 0.8" : "lines") + style + " title " + quoted(series.title),
                            rows(series.x, series.y)});
    }
}

void bar_elements(const Plot& plot, std::vector<Element>& elements) {
    const double group = 0.8, width = group / static_cast<double>(std::max<std::size_t>(plot.series.size(), 1));
    for (std::size_t s = 0; s < plot.series.size(); ++s) {
        const Series& series = plot.series[s];
        const std::string style = " lc rgb " + colour(series.colour);
        if (!has_values(series)) {
            elements.push_back({"keyentry with boxes" + style + " title " + quoted(empty_title(series)), ""});
            continue;
        }
        const double offset = -group / 2 + width * (static_cast<double>(s) + 0.5);
        std::string bars, labels;
        for (std::size_t i = 0; i < series.x.size(); ++i) {
            if (!std::isfinite(series.y[i])) continue;
            bars += number(series.x[i] + offset) + " " + number(series.y[i]) + " " + number(width * 0.9) + "\n";
            labels += number(series.x[i] + offset) + " " + number(series.y[i]) + " " + quoted(label_text(plot, series.y[i])) + "\n";
        }
        elements.push_back({"'-' using 1:2:3 with boxes" + style + " title " + quoted(series.title), bars + "e\n"});
        elements.push_back({"'-' using 1:2:3 with labels offset 0,0.7 notitle", labels + "e\n"});
    }
}

// Cell edges around grid values: midway between neighbours (geometric on a log axis).
std::vector<double> edges(const std::vector<double>& values, bool log) {
    std::vector<double> out(values.size() + 1);
    const auto mid = [&](double a, double b) { return log ? std::sqrt(a * b) : (a + b) / 2; };
    const auto beyond = [&](double edge, double from) { return log ? edge * edge / from : 2 * edge - from; };
    if (values.size() == 1) {
        out = log ? std::vector<double>{values[0] / 1.5, values[0] * 1.5} : std::vector<double>{values[0] - 0.5, values[0] + 0.5};
        return out;
    }
    for (std::size_t i = 1; i < values.size(); ++i) out[i] = mid(values[i - 1], values[i]);
    out.front() = beyond(values[0], out[1]);
    out.back() = beyond(values.back(), out[values.size() - 1]);
    return out;
}

void heat_elements(const Plot& plot, std::vector<Element>& elements) {
    const HeatMap& heat = plot.heat;
    const auto x_edges = edges(heat.x, plot.x.log), y_edges = edges(heat.y, plot.y.log);
    std::string cells, labels;
    for (std::size_t r = 0; r < heat.y.size(); ++r)
        for (std::size_t c = 0; c < heat.x.size(); ++c) {
            const double z = heat.z[r][c];
            if (!std::isfinite(z)) continue;
            cells += number(heat.x[c]) + " " + number(heat.y[r]) + " " + number(x_edges[c]) + " " + number(x_edges[c + 1]) + " " +
                     number(y_edges[r]) + " " + number(y_edges[r + 1]) + " " + number(z) + "\n";
            labels += number(heat.x[c]) + " " + number(heat.y[r]) + " " + quoted(label_text(plot, z)) + "\n";
        }
    elements.push_back({"'-' using 1:2:3:4:5:6:7 with boxxyerror fs solid 1 noborder lc palette notitle", cells + "e\n"});
    if (heat.x.size() * heat.y.size() <= 144)
        elements.push_back({"'-' using 1:2:3 with labels boxed font \",10\" notitle", labels + "e\n"});
}

}  // namespace

std::string gnuplot_script(const Plot& plot) {
    std::ostringstream out;
    out << "set title " << quoted(plot.title) << "\n";
    out << "set grid xtics ytics mxtics lc rgb \"#d8d8d8\" lw 1 dt 1\n";
    out << "set border 3 lc rgb \"#404040\"\nset tics nomirror\n";
    axis_commands(out, "x", plot.x);
    axis_commands(out, "y", plot.y);
    if (!plot.y2.label.empty()) {
        axis_commands(out, "y2", plot.y2);
        out << "set y2tics\nset border 11 lc rgb \"#404040\"\n";
    }
    std::vector<Element> elements;
    switch (plot.kind) {
        case Plot::Kind::lines:
            out << "set key below left Left reverse spacing 1.1 maxrows 6\n";
            line_elements(plot, elements);
            break;
        case Plot::Kind::bars:
            out << "set key outside right top vertical Left reverse\nset style fill solid 0.85 noborder\nset boxwidth 0.4 absolute\n";
            out << "set xrange [-0.6:" << number(static_cast<double>(plot.categories.size()) - 0.4) << "]\nset xtics (";
            for (std::size_t c = 0; c < plot.categories.size(); ++c) out << (c ? ", " : "") << quoted(plot.categories[c]) << " " << c;
            out << ") scale 0\nset grid noxtics nomxtics\n";
            bar_elements(plot, elements);
            break;
        case Plot::Kind::heat_map:
            out << "set palette defined (0 \"#f7fcf0\", 0.4 \"#a8ddb5\", 0.7 \"#43a2ca\", 1 \"#0868ac\")\n";
            out << "set cblabel " << quoted(plot.heat.z_label) << "\nset style textbox opaque noborder\nset grid front\nunset key\n";
            if (!plot.heat.x.empty() && !plot.heat.y.empty()) {  // the cells fill the frame
                const auto x_edges = edges(plot.heat.x, plot.x.log), y_edges = edges(plot.heat.y, plot.y.log);
                out << "set xrange [" << number(x_edges.front()) << ":" << number(x_edges.back()) << "]\nset yrange [" << number(y_edges.front())
                    << ":" << number(y_edges.back()) << "]\n";
            }
            heat_elements(plot, elements);
            break;
    }
    bool has_line = false;
    for (const Element& element : elements) has_line = has_line || !element.data.empty();
    for (const Limit& limit : plot.limits)
        elements.push_back({number(limit.y) + " with lines lc rgb \"#7a7a7a\" dt 4 lw 1.5 title " + quoted(limit.label), ""});
    // A plot whose every series is empty still needs a y range and one drawn element: an
    // invisible line, and a label that says why.
    if (!has_line && plot.kind != Plot::Kind::heat_map) {
        if (!plot.y.range && plot.limits.empty()) out << (plot.y.log ? "set yrange [1:10]\n" : "set yrange [-1:1]\n");
        if (plot.y2.label.size() && !plot.y2.range) out << "set y2range [-1:1]\n";
        const Series* first = plot.series.empty() ? nullptr : &plot.series.front();
        const std::string why = !first ? "no values" : !first->legend_note.empty() ? first->legend_note : !first->null_reason.empty() ? first->null_reason : "no values";
        out << "set label 1 " << quoted("nothing to draw (" + why + ")") << " at graph 0.5, graph 0.5 center\n";
        elements.push_back({std::string(plot.y.log ? "1" : "0") + " with lines lc rgb \"#ff000000\" notitle", ""});
    }
    out << "plot ";
    for (std::size_t e = 0; e < elements.size(); ++e) out << (e ? ", \\\n     " : "") << elements[e].clause;
    out << "\n";
    for (const Element& element : elements) out << element.data;
    return out.str();
}

namespace {

// SIGPIPE ignored while writing to gnuplot: a gnuplot that dies early makes the write
// fail (and the error is reported) instead of killing hpsim.
class IgnoreBrokenPipe {
public:
    IgnoreBrokenPipe() { previous_ = std::signal(SIGPIPE, SIG_IGN); }
    ~IgnoreBrokenPipe() { std::signal(SIGPIPE, previous_); }
    IgnoreBrokenPipe(const IgnoreBrokenPipe&) = delete;
    IgnoreBrokenPipe& operator=(const IgnoreBrokenPipe&) = delete;

private:
    void (*previous_)(int);
};

std::string read_text(const fs::path& path) {
    std::ifstream stream(path);
    std::ostringstream text;
    text << stream.rdbuf();
    return text.str();
}

// gnuplot as a child process reading commands from a pipe, its messages to a file.
class GnuplotProcess {
public:
    explicit GnuplotProcess(const fs::path& messages) {
        int pipe_ends[2];
        if (::pipe2(pipe_ends, O_CLOEXEC) != 0) throw PlotError(std::string("cannot start gnuplot: ") + std::strerror(errno));
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, pipe_ends[0], 0);
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 2, messages.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        char program[] = "gnuplot";
        char* arguments[] = {program, nullptr};
        const int failed = posix_spawnp(&pid_, "gnuplot", &actions, nullptr, arguments, environ);
        posix_spawn_file_actions_destroy(&actions);
        ::close(pipe_ends[0]);
        if (failed) {
            ::close(pipe_ends[1]);
            if (failed == ENOENT)
                throw PlotError("gnuplot is not installed (no 'gnuplot' on PATH): install the Debian package gnuplot-nox "
                                "(or gnuplot) to draw reports");
            throw PlotError(std::string("cannot start gnuplot: ") + std::strerror(failed));
        }
        FILE* stream = ::fdopen(pipe_ends[1], "w");
        if (!stream) {
            ::close(pipe_ends[1]);
            finish();
            throw PlotError("cannot write to gnuplot");
        }
        gnuplot_.emplace(stream);  // closes the stream when destroyed
    }
    ~GnuplotProcess() {
        if (pid_ > 0) finish();
    }
    GnuplotProcess(const GnuplotProcess&) = delete;
    GnuplotProcess& operator=(const GnuplotProcess&) = delete;

    Gnuplot& stream() { return *gnuplot_; }

    // Closes gnuplot's input and waits for it; its exit status (-1 when killed).
    int finish() {
        gnuplot_.reset();
        int status = 0;
        while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
        }
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

private:
    pid_t pid_ = -1;
    std::optional<Gnuplot> gnuplot_;
};

}  // namespace

void draw(const std::vector<Plot>& plots, const fs::path& folder) {
    const IgnoreBrokenPipe ignore_broken_pipe;
    const fs::path messages = folder / ".gnuplot-messages";
    GnuplotProcess gnuplot(messages);
    Gnuplot& gp = gnuplot.stream();
    for (const Plot& plot : plots) {
        const std::string script = gnuplot_script(plot);
        const struct {
            const char* terminal;
            const char* extension;
        } outputs[] = {{"svg size %d,%d dynamic noenhanced font \"sans,13\" background rgb \"white\"", ".svg"},
                       {"pngcairo size %d,%d noenhanced font \"sans,11\" background rgb \"white\"", ".png"}};
        for (const auto& output : outputs) {
            char terminal[160];
            std::snprintf(terminal, sizeof terminal, output.terminal, width_px, height_px);
            gp << "reset\nset encoding utf8\nset terminal " << terminal << "\nset output " << quoted((folder / (plot.name + output.extension)).string())
               << "\n" << script << "unset output\n";
        }
    }
    gp << std::flush;
    const int status = gnuplot.finish();
    std::string errors = read_text(messages);
    fs::remove(messages);
    if (status != 0) {
        if (errors.size() > 2000) errors = errors.substr(0, 2000) + "...";
        throw PlotError("gnuplot failed" + (errors.empty() ? std::string() : ":\n" + errors));
    }
    for (const Plot& plot : plots)
        for (const char* extension : {".svg", ".png"}) {
            const fs::path file = folder / (plot.name + extension);
            std::error_code error;
            if (fs::file_size(file, error) == 0 || error) throw PlotError("gnuplot wrote no " + file.filename().string());
        }
}

}  // namespace hpsim::report
