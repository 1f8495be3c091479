#include "sim/element_values.hpp"

#include <cmath>
#include <numbers>
#include <string_view>

namespace hpsim::sim {
namespace {

using spice::DeckError;

void pwl_options(const spice::WaveformCard& card, ValueReader& reader, Waveform& waveform);

Excitation excitation(const spice::ElementCard& card, ValueReader& reader) {
    const spice::SourceCard& source = card.source;
    Excitation result;
    if (source.dc) result.dc = reader.read(*source.dc);
    if (source.ac_magnitude) {
        const double magnitude = reader.read(*source.ac_magnitude);
        const double phase_deg = source.ac_phase_deg ? reader.read(*source.ac_phase_deg) : 0.0;
        result.ac_phasor = std::polar(magnitude, phase_deg * std::numbers::pi / 180.0);
    }
    if (source.waveform) {
        const spice::WaveformCard& card_waveform = *source.waveform;
        for (const spice::Expression& argument : card_waveform.arguments)
            result.waveform.arguments.push_back(reader.read(argument));
        const std::size_t count = card_waveform.arguments.size();
        switch (card_waveform.kind) {
            case spice::WaveformKind::sine:
                result.waveform.shape = WaveformShape::sine;
                if (count < 2 || count > 6)
                    throw DeckError(card_waveform.where, "SIN takes 2 to 6 values (offset amplitude [freq delay damping phase])");
                break;
            case spice::WaveformKind::pulse:
                result.waveform.shape = WaveformShape::pulse;
                if (count < 2 || count > 7)
                    throw DeckError(card_waveform.where,
                                    "PULSE takes 2 to 7 values (v1 v2 [delay rise fall width period]; an 8th, "
                                    "which ngspice reads as a pulse count or a phase by mode, is not supported)");
                for (std::size_t i = 3; i < count; ++i)
                    if (*result.waveform.arguments[i] < 0.0)
                        throw DeckError(card_waveform.arguments[i].where, "PULSE times must not be negative");
                break;
            case spice::WaveformKind::pwl:
                result.waveform.shape = WaveformShape::pwl;
                if (count < 2 || count % 2 != 0)
                    throw DeckError(card_waveform.where, "PWL takes pairs of time and value");
                for (std::size_t i = 2; i < count; i += 2)
                    if (!(*result.waveform.arguments[i] > *result.waveform.arguments[i - 2]))
                        throw DeckError(card_waveform.arguments[i].where, "PWL times must increase");
                pwl_options(card_waveform, reader, result.waveform);
                break;
            case spice::WaveformKind::exponential:
                result.waveform.shape = WaveformShape::exponential;
                if (count < 2 || count > 6)
                    throw DeckError(card_waveform.where, "EXP takes 2 to 6 values (v1 v2 [td1 tau1 td2 tau2])");
                break;
            case spice::WaveformKind::frequency_modulated:
                result.waveform.shape = WaveformShape::frequency_modulated;
                if (count < 2 || count > 7)
                    throw DeckError(card_waveform.where, "SFFM takes 2 to 7 values (vo va [fc mdi fs phasec phases])");
                break;
            case spice::WaveformKind::amplitude_modulated:
                result.waveform.shape = WaveformShape::amplitude_modulated;
                if (count < 2 || count > 7)
                    throw DeckError(card_waveform.where, "AM takes 2 to 7 values (va vo [mf fc td phasec phases])");
                break;
        }
    }
    return result;
}

// PWL td= (a delay) and r= (repeat from that time point; ngspice: -1 means no repeat).
void pwl_options(const spice::WaveformCard& card, ValueReader& reader, Waveform& waveform) {
    if (card.pwl_delay) waveform.pwl_delay_s = reader.read(*card.pwl_delay);
    if (!card.pwl_repeat_from) return;
    const double from = reader.read(*card.pwl_repeat_from);
    if (from == -1.0) return;
    const std::size_t last = waveform.arguments.size() - 2;
    for (std::size_t i = 0; i < last; i += 2)
        if (*waveform.arguments[i] == from) {
            waveform.pwl_repeat_from_s = from;
            return;
        }
    throw DeckError(card.pwl_repeat_from->where,
                    "PWL r= must be one of the time points before the last (or -1 for no repeat)");
}

// m= stands for m elements in parallel (as in ngspice): R/m, L/m, C*m, G and F gain*m.
// tc1= and tc2= act only away from the nominal 27 C, where hpsim does not simulate.
double apply_instance_parameters(const spice::ElementCard& card, ValueReader& reader,
                                 const ElementValueContext& context, Element& element) {
    double multiplier = context.instance_multiplier;
    if (card.multiplier) {
        multiplier = reader.read(*card.multiplier);
        if (!(multiplier > 0.0))
            throw DeckError(card.multiplier->where, element.name + ": multiplier m must be above zero");
    }
    if (card.letter == 'i' && multiplier != 1.0)
        throw DeckError(card.where, element.name + ": a current source inside a subcircuit instance with m is not supported");
    if (std::string_view("rlcgf").find(card.letter) != std::string_view::npos && multiplier != 1.0) {
        if (card.letter == 'r' || card.letter == 'l') element.value /= multiplier;
        else element.value *= multiplier;
    }
    for (const auto* coefficient : {&card.temperature_coefficient_1, &card.temperature_coefficient_2})
        if (*coefficient && reader.read(**coefficient) != 0.0 && context.temperature_card)
            throw DeckError((*coefficient)->where,
                            element.name + ": temperature coefficient with the temperature set away from 27 C at " +
                                context.temperature_card->to_string() + " (hpsim simulates at 27 C only)");
    element.initial_condition.reset();
    if (card.initial_condition) element.initial_condition = reader.read(*card.initial_condition);
    return multiplier;
}

}  // namespace

double set_element_values(const spice::ElementCard& card, ValueReader& reader, const ElementValueContext& context,
                          Element& element) {
    element.value = card.value ? reader.read(*card.value) : 0.0;
    const double multiplier = apply_instance_parameters(card, reader, context, element);
    switch (card.letter) {
        case 'r':
            element.kind = ElementKind::resistor;
            if (element.value == 0.0) throw DeckError(card.value->where, element.name + ": resistance is zero");
            break;
        case 'c': element.kind = ElementKind::capacitor; break;
        case 'l': element.kind = ElementKind::inductor; break;
        case 'v':
        case 'i':
            element.kind = card.letter == 'v' ? ElementKind::voltage_source : ElementKind::current_source;
            element.excitation = excitation(card, reader);
            break;
        case 'e': element.kind = ElementKind::voltage_controlled_voltage_source; break;
        case 'g': element.kind = ElementKind::voltage_controlled_current_source; break;
        case 'f': element.kind = ElementKind::current_controlled_current_source; break;
        case 'h': element.kind = ElementKind::current_controlled_voltage_source; break;
        case 'k':
            element.kind = ElementKind::inductor_coupling;
            if (!(std::abs(element.value) <= 1.0))
                throw DeckError(card.value->where, element.name + ": coupling coefficient " +
                                                       std::to_string(element.value) + " is outside [-1, 1]");
            break;
        default: throw DeckError(card.where, "element type '" + std::string(1, card.letter) + "' is not supported yet");
    }
    return multiplier;
}

}  // namespace hpsim::sim
