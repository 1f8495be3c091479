#pragma once
// Random linear decks for differential testing against ngspice: a few nodes tied to
// ground through a tree of resistors and inductors (every node has a DC path), then
// capacitors, resistors, transconductances, lightly damped LC tanks, and V and I
// sources with PULSE, SIN and PWL. Deterministic for a seed on every platform.
#include <cmath>
#include <cstdint>
#include <sstream>
#include <string>

namespace hpsim::testing {

// splitmix64: small, fast, and the same numbers everywhere (unlike std::*_distribution).
class DeckRandom {
public:
    explicit DeckRandom(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    double uniform(double low, double high) { return low + (high - low) * static_cast<double>(next() >> 11) * 0x1.0p-53; }
    double log_uniform(double low, double high) { return std::exp(uniform(std::log(low), std::log(high))); }
    int integer(int low, int high) { return low + static_cast<int>(next() % static_cast<std::uint64_t>(high - low + 1)); }

private:
    std::uint64_t state_;
};

// One deck; its resonances have periods between stop/40 and stop/2, so the reference
// (ngspice with a small largest step) sees every one finely.
inline std::string random_linear_deck(std::uint64_t seed) {
    DeckRandom random(seed);
    const double stop_s = 1e-3;
    const int nodes = random.integer(3, 6);
    std::ostringstream deck;
    deck.precision(6);
    deck << "random linear deck " << seed << "\n";
    const auto node = [](int k) {
        std::string text = k == 0 ? "0" : "n";
        if (k != 0) text += std::to_string(k);
        return text;
    };
    const auto any_node = [&] { return node(random.integer(0, nodes)); };
    int count = 0;
    const auto name = [&](char letter) {
        std::string text(1, letter);
        text += std::to_string(++count);
        return text;
    };
    // The tree: node k hangs from an earlier node through R, or L with a series R.
    for (int k = 1; k <= nodes; ++k) {
        const std::string parent = node(random.integer(0, k - 1));
        if (random.uniform(0, 1) < 0.6) {
            deck << name('R') << " " << node(k) << " " << parent << " " << random.log_uniform(1, 10e3) << "\n";
        } else {
            deck << name('L') << " " << node(k) << " " << parent << " " << random.log_uniform(10e-6, 10e-3) << "\n";
        }
    }
    // A lightly damped tank or two: L || C || R across two nodes, f0 = 1 / (2 pi sqrt(L C)), Q from 3 to 30.
    for (int tanks = random.integer(1, 2); tanks > 0; --tanks) {
        const int a = random.integer(1, nodes);
        int b = random.integer(0, nodes);
        if (b == a) b = 0;
        const double f0 = random.log_uniform(2.0 / stop_s, 40.0 / stop_s);
        const double capacitance = random.log_uniform(10e-9, 1e-6);
        const double inductance = 1.0 / (std::pow(2 * M_PI * f0, 2) * capacitance);
        const double q = random.log_uniform(3, 30);
        // The inductor's own small resistance keeps it out of loops of inductors alone.
        const std::string inner = std::string("t").append(std::to_string(count + 1));
        deck << name('L') << " " << node(a) << " " << inner << " " << inductance << "\n";
        deck << name('R') << " " << inner << " " << node(b) << " " << 1e-3 * std::sqrt(inductance / capacitance) << "\n";
        deck << name('C') << " " << node(a) << " " << node(b) << " " << capacitance << "\n";
        deck << name('R') << " " << node(a) << " " << node(b) << " " << q * std::sqrt(inductance / capacitance) << "\n";
    }
    for (int extras = random.integer(2, 5); extras > 0; --extras) {
        const std::string a = node(random.integer(1, nodes)), b = any_node();
        if (a == b) continue;
        switch (random.integer(0, 2)) {
            case 0: deck << name('C') << " " << a << " " << b << " " << random.log_uniform(1e-9, 1e-6) << "\n"; break;
            case 1: deck << name('R') << " " << a << " " << b << " " << random.log_uniform(10, 100e3) << "\n"; break;
            default:
                deck << name('G') << " " << a << " " << b << " " << any_node() << " " << any_node() << " "
                     << random.log_uniform(1e-5, 1e-3) << "\n";
        }
    }
    // Sources: V through a resistor into the network, I straight between nodes.
    for (int sources = random.integer(1, 2); sources > 0; --sources) {
        const double frequency = random.log_uniform(1.0 / stop_s, 10.0 / stop_s);
        const double level = random.log_uniform(0.1, 10);
        std::ostringstream waveform;
        waveform.precision(6);
        switch (random.integer(0, 2)) {
            case 0:
                waveform << "SIN(0 " << level << " " << frequency << " 0 0 " << random.uniform(0, 180) << ")";
                break;
            case 1: {
                const double period = 1.0 / frequency, edge = period * random.log_uniform(0.01, 0.2);
                waveform << "PULSE(0 " << level << " " << random.uniform(0, period) << " " << edge << " " << edge << " "
                         << period * 0.3 << " " << period << ")";
                break;
            }
            default: {
                waveform << "PWL(0 0";
                double time = 0.0;
                for (int corner = random.integer(2, 5); corner > 0; --corner) {
                    time += stop_s * random.uniform(0.05, 0.3);
                    waveform << " " << time << " " << random.uniform(-level, level);
                }
                waveform << ")";
            }
        }
        if (random.uniform(0, 1) < 0.5) {
            const std::string inner = std::string("s").append(std::to_string(count + 1));
            deck << name('V') << " " << inner << " 0 " << waveform.str() << "\n";
            deck << name('R') << " " << inner << " " << node(random.integer(1, nodes)) << " "
                 << random.log_uniform(1, 1e3) << "\n";
        } else {
            const std::string a = node(random.integer(1, nodes));
            std::string b = any_node();
            if (b == a) b = "0";
            deck << name('I') << " " << a << " " << b << " " << waveform.str() << "\n";
        }
    }
    deck << ".tran " << stop_s / 200 << " " << stop_s << "\n.end\n";
    return deck.str();
}

}  // namespace hpsim::testing
