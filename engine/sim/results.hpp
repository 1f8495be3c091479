#pragma once
// Results are named vectors delivered point by point to whoever consumes them.
#include <complex>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "spice/diagnostic.hpp"

namespace hpsim::sim {

enum class AnalysisKind { op, dc, ac, tran };

const char* analysis_kind_name(AnalysisKind kind);  // "op", "dc", "ac", "tran"

struct AnalysisHeader {
    AnalysisKind kind = AnalysisKind::op;
    int ordinal = 1;          // 1 for the first analysis of its kind in the deck, 2 for the next
    std::string sweep_name;   // "frequency", "time", the swept source's name; "" for op
    std::vector<std::string> vector_names;  // "v(node)" then "i(element)", in unknown order
    std::size_t expected_points = 0;
    // A .step sweep begins each analysis once per step: the stepped parameters (first
    // .step first) and their values at this step. Both empty without .step.
    std::vector<std::string> step_names;
    std::vector<double> step_values;
    std::string outer_sweep_name;  // a nested .dc: the outer (stepped) source's name; else ""
};

class DeferredResults;

class ResultSink {
public:
    virtual ~ResultSink() = default;
    virtual void begin(const AnalysisHeader& header) = 0;
    // op: once with sweep 0; dc: per source value; tran: per output time.
    virtual void real_point(double sweep, std::span<const double> values) = 0;
    virtual void complex_point(double sweep, std::span<const std::complex<double>> values) = 0;
    virtual void end() = 0;
    // A nested .dc: the outer source's value for the points that follow.
    virtual void outer_sweep(double) {}
    // Something the user should know about a result (such as digits lost to an
    // ill-conditioned matrix); at most once per analysis and kind of concern.
    virtual void warning(const spice::Warning&) {}
    // For results computed on another thread, to reach this sink later (see
    // DeferredResults). The default records every value; a sink may override it to do
    // its own work on the producing thread. Called on this sink's thread.
    virtual std::unique_ptr<DeferredResults> defer();
};

// Takes a sink's calls on a producing thread and gives them to that sink later, on the
// sink's own thread: a .step sweep runs blocks of steps on several threads, and each
// block reaches the sink in step order. A sink can do the bulk of its work here
// (format its text, count its points), leaving its own thread only to join the parts.
class DeferredResults : public ResultSink {
public:
    // Gives everything taken so far to the sink that made this, and is empty again
    // (keeping its memory for the next block). On the sink's thread.
    virtual void deliver() = 0;
};

// Sends every call on to several sinks.
class SinkFanout final : public ResultSink {
public:
    explicit SinkFanout(std::vector<ResultSink*> sinks) : sinks_(std::move(sinks)) {}
    void begin(const AnalysisHeader& header) override {
        for (auto* sink : sinks_) sink->begin(header);
    }
    void real_point(double sweep, std::span<const double> values) override {
        for (auto* sink : sinks_) sink->real_point(sweep, values);
    }
    void complex_point(double sweep, std::span<const std::complex<double>> values) override {
        for (auto* sink : sinks_) sink->complex_point(sweep, values);
    }
    void end() override {
        for (auto* sink : sinks_) sink->end();
    }
    void outer_sweep(double value) override {
        for (auto* sink : sinks_) sink->outer_sweep(value);
    }
    void warning(const spice::Warning& warning) override {
        for (auto* sink : sinks_) sink->warning(warning);
    }
    std::unique_ptr<DeferredResults> defer() override;  // each sink's own deferral

private:
    std::vector<ResultSink*> sinks_;
};

// Keeps every analysis in memory: for tests, checks and measurements.
struct RecordedAnalysis {
    AnalysisHeader header;
    std::vector<double> sweep;
    std::vector<double> outer_sweep;                        // a nested .dc: the outer source's value per point
    std::vector<std::vector<double>> real;                  // [point][vector]
    std::vector<std::vector<std::complex<double>>> complex; // [point][vector]

    bool is_complex() const { return header.kind == AnalysisKind::ac; }
    std::size_t vector_index(const std::string& name) const;  // throws std::out_of_range
    std::vector<double> real_vector(const std::string& name) const;
    std::vector<std::complex<double>> complex_vector(const std::string& name) const;
};

class RecordingSink final : public ResultSink {
public:
    std::vector<RecordedAnalysis> analyses;
    std::vector<spice::Warning> warnings;

    void begin(const AnalysisHeader& header) override;
    void real_point(double sweep, std::span<const double> values) override;
    void complex_point(double sweep, std::span<const std::complex<double>> values) override;
    void end() override {}
    void outer_sweep(double value) override { outer_value_ = value; }
    void warning(const spice::Warning& warning) override { warnings.push_back(warning); }

private:
    double outer_value_ = 0.0;
};

}  // namespace hpsim::sim
