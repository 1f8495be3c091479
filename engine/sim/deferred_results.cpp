// The deferrals every sink has: a recording of the calls (the default) and a fanout's
// (one deferral per sink it feeds).
#include <utility>

#include "sim/results.hpp"

namespace hpsim::sim {
namespace {

// The calls a sink was given, held in a few flat arrays (no allocation per point once
// the arrays have grown), to give again in the same order.
class ResultRecording final : public DeferredResults {
public:
    explicit ResultRecording(ResultSink& owner) : owner_(owner) {}

    void begin(const AnalysisHeader& header) override { analyses_.push_back({header, points_.size(), 0}); }
    void real_point(double sweep, std::span<const double> values) override {
        points_.push_back({sweep, real_.size(), values.size(), false});
        real_.insert(real_.end(), values.begin(), values.end());
        ++analyses_.back().points;
    }
    void complex_point(double sweep, std::span<const std::complex<double>> values) override {
        points_.push_back({sweep, complex_.size(), values.size(), false});
        complex_.insert(complex_.end(), values.begin(), values.end());
        ++analyses_.back().points;
    }
    void end() override {}
    void outer_sweep(double value) override {
        points_.push_back({value, 0, 0, true});
        ++analyses_.back().points;
    }
    void warning(const spice::Warning& warning) override { warnings_.push_back({analyses_.size(), warning}); }

    void deliver() override {
        replay(owner_);
        analyses_.clear();
        points_.clear();
        real_.clear();
        complex_.clear();
        warnings_.clear();
    }

private:
    struct Analysis {
        AnalysisHeader header;
        std::size_t first_point = 0, points = 0;
    };
    struct Point {
        double sweep = 0.0;
        std::size_t first = 0, count = 0;
        bool outer = false;  // not a point: the outer .dc source's value for those after it
    };
    struct HeldWarning {
        std::size_t before_analysis = 0;  // how many analyses had begun when it was given
        spice::Warning warning;
    };
    ResultSink& owner_;
    std::vector<Analysis> analyses_;
    std::vector<Point> points_;
    std::vector<double> real_;
    std::vector<std::complex<double>> complex_;
    std::vector<HeldWarning> warnings_;

    void replay(ResultSink& sink) const {
        std::size_t next_warning = 0;
        for (std::size_t a = 0; a <= analyses_.size(); ++a) {
            for (; next_warning < warnings_.size() && warnings_[next_warning].before_analysis == a; ++next_warning)
                sink.warning(warnings_[next_warning].warning);
            if (a == analyses_.size()) break;
            const Analysis& analysis = analyses_[a];
            sink.begin(analysis.header);
            const bool complex = analysis.header.kind == AnalysisKind::ac;
            for (std::size_t p = analysis.first_point; p < analysis.first_point + analysis.points; ++p) {
                const Point& point = points_[p];
                if (point.outer) sink.outer_sweep(point.sweep);
                else if (complex) sink.complex_point(point.sweep, std::span(complex_).subspan(point.first, point.count));
                else sink.real_point(point.sweep, std::span(real_).subspan(point.first, point.count));
            }
            sink.end();
        }
    }
};

// One deferral per sink of the fanout, each given every call.
class FanoutDeferral final : public DeferredResults {
public:
    explicit FanoutDeferral(std::vector<std::unique_ptr<DeferredResults>> parts) : parts_(std::move(parts)) {}

    void begin(const AnalysisHeader& header) override {
        for (auto& part : parts_) part->begin(header);
    }
    void real_point(double sweep, std::span<const double> values) override {
        for (auto& part : parts_) part->real_point(sweep, values);
    }
    void complex_point(double sweep, std::span<const std::complex<double>> values) override {
        for (auto& part : parts_) part->complex_point(sweep, values);
    }
    void end() override {
        for (auto& part : parts_) part->end();
    }
    void outer_sweep(double value) override {
        for (auto& part : parts_) part->outer_sweep(value);
    }
    void warning(const spice::Warning& warning) override {
        for (auto& part : parts_) part->warning(warning);
    }
    void deliver() override {
        for (auto& part : parts_) part->deliver();
    }

private:
    std::vector<std::unique_ptr<DeferredResults>> parts_;
};

}  // namespace

std::unique_ptr<DeferredResults> ResultSink::defer() { return std::make_unique<ResultRecording>(*this); }

std::unique_ptr<DeferredResults> SinkFanout::defer() {
    std::vector<std::unique_ptr<DeferredResults>> parts;
    parts.reserve(sinks_.size());
    for (ResultSink* sink : sinks_) parts.push_back(sink->defer());
    return std::make_unique<FanoutDeferral>(std::move(parts));
}

}  // namespace hpsim::sim
