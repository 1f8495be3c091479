#include "sim/element_values.hpp"

#include <cmath>
#include <numbers>
#include <string_view>

namespace hpsim::sim {
namespace {

using spice::DeckError;

void pwl_options(const spice::WaveformCard& card, ValueReader& reader, Waveform& waveform);

Excitation excitation(const spice::ElementCard& card, ValueReader& reader) {
    const spice::SourceCard& source = *card.source;
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

// The instance and model numbers an R, C or L value is made of.
struct ValueParts {
    std::optional<double> value, tc1, tc2, tce, length_m, width_m, scale, temperature_c, temperature_offset_c;
};

// The temperature factor (ngspice 39's restemp.c, captemp.c, indtemp.c): 1 + tc1 d +
// tc2 d^2, or 1.01^(tce d) when a tce is given (R), d = T - tnom, T the element's temp=
// or else the circuit's plus dtemp=, tnom the model's or else .options tnom (27 C); the
// instance's coefficients override the model's.
double temperature_factor(const ValueParts& parts, const ElementValueContext& context) {
    const DeviceModel* model = context.model.get();
    const auto from_model = [&](const char* parameter) { return model ? model->value(parameter) : std::nullopt; };
    const double tc1 = parts.tc1.value_or(from_model("tc1").value_or(0.0));
    const double tc2 = parts.tc2.value_or(from_model("tc2").value_or(0.0));
    const std::optional<double> tce = parts.tce ? parts.tce : from_model("tce");
    const double temperature =
        parts.temperature_c ? *parts.temperature_c : context.temperature_c + parts.temperature_offset_c.value_or(0.0);
    const double difference = temperature - from_model("tnom").value_or(context.nominal_temperature_c);
    if (tce) return std::pow(1.01, *tce * difference);
    return 1.0 + (tc1 + tc2 * difference) * difference;
}

// A resistor's value without a value of its own (ngspice 39's RESupdate_conduct): its
// geometry, (l - 2 short) / (w - 2 narrow) * rsh, when l w rsh > 0 (l and w default to
// the model's l and defw, 10 um), else the model's r.
double model_resistance(const spice::ElementCard& card, const ValueParts& parts, const ElementValueContext& context,
                        const std::string& name) {
    const DeviceModel& model = *context.model;
    const double length = parts.length_m ? *parts.length_m * context.geometry_scale : model.value("defl").value_or(10e-6);
    const double width = parts.width_m ? *parts.width_m * context.geometry_scale : model.value("defw").value_or(10e-6);
    const double sheet = model.value("rsh").value_or(0.0);
    if (length * width * sheet > 0.0)
        return (length - 2.0 * model.value("short").value_or(0.0)) / (width - 2.0 * model.value("narrow").value_or(0.0)) *
               sheet;
    if (const std::optional<double> r = model.value("r")) return *r;
    throw DeckError(card.where, name + ": no resistance: give a value, or .model '" + model.name +
                                    "' rsh= (with l and w) or r= (ngspice 39 would use 1 mOhm)");
}

// A capacitor's value without a value of its own (ngspice 39's CAPtemp): the model's
// cap, else cj (w - narrow)(l - short) + 2 cjsw ((l - short) + (w - narrow)), with w
// defaulting to the model's defw (10 um) and l to 0; cj from di and thick when not
// given (di eps0 / thick, or that of SiO2), narrow and short from del (2 del).
double model_capacitance(const ValueParts& parts, const ElementValueContext& context) {
    const DeviceModel& model = *context.model;
    if (const std::optional<double> cap = model.value("cap")) return *cap;
    const double width = parts.width_m ? *parts.width_m * context.geometry_scale : model.value("defw").value_or(10e-6);
    const double length = parts.length_m ? *parts.length_m * context.geometry_scale : 0.0;
    constexpr double speed_of_light = 299792458.0;
    constexpr double mu0 = 4.0 * std::numbers::pi * 1e-7;
    constexpr double eps0 = 1.0 / (mu0 * speed_of_light * speed_of_light);
    double cj = 0.0;
    if (const std::optional<double> given = model.value("cj")) cj = *given;
    else if (const double thick = model.value("thick").value_or(0.0); thick > 0.0)
        cj = model.value("di") ? *model.value("di") * eps0 / thick : 3.9 * eps0 / thick;
    const std::optional<double> del = model.value("del");
    const double narrow = model.value("narrow").value_or(del ? 2.0 * *del : 0.0);
    const double shorter = model.value("short").value_or(del ? 2.0 * *del : 0.0);
    return cj * (width - narrow) * (length - shorter) +
           model.value("cjsw").value_or(0.0) * 2.0 * ((length - shorter) + (width - narrow));
}

// m= stands for m elements in parallel (as in ngspice): R/m, L/m, C*m, G and F gain*m.
// An R, C or L value is its own or its model's, times the temperature factor and scale=.
double apply_instance_parameters(const spice::ElementCard& card, ValueReader& reader,
                                 const ElementValueContext& context, Element& element) {
    ValueParts parts;
    if (card.value) parts.value = element.value;
    double multiplier = context.instance_multiplier;
    if (card.multiplier) {
        multiplier = reader.read(*card.multiplier);
        if (!(multiplier > 0.0))
            throw DeckError(card.multiplier->where, element.name + ": multiplier m must be above zero");
    }
    if (card.letter == 'i' && multiplier != 1.0)
        throw DeckError(card.where, element.name + ": a current source inside a subcircuit instance with m is not supported");
    const spice::DeviceInstanceCard& device = *card.device;
    if (device.temperature_coefficient_1) parts.tc1 = reader.read(*device.temperature_coefficient_1);
    if (device.temperature_coefficient_2) parts.tc2 = reader.read(*device.temperature_coefficient_2);
    element.initial_condition.reset();
    if (card.initial_condition) element.initial_condition = reader.read(*card.initial_condition);
    if (device.length) parts.length_m = reader.read(*device.length);
    if (device.width) parts.width_m = reader.read(*device.width);
    if (device.scale) parts.scale = reader.read(*device.scale);
    if (device.temperature_coefficient_exponential) parts.tce = reader.read(*device.temperature_coefficient_exponential);
    if (device.temperature) parts.temperature_c = reader.read(*device.temperature);
    if (device.temperature_offset) parts.temperature_offset_c = reader.read(*device.temperature_offset);
    if (std::string_view("rlc").find(card.letter) != std::string_view::npos) {
        double nominal = 0.0;
        if (parts.value) nominal = *parts.value;
        else if (card.letter == 'r') nominal = model_resistance(card, parts, context, element.name);
        else if (card.letter == 'c') nominal = model_capacitance(parts, context);
        else nominal = context.model->value("ind").value_or(0.0);
        element.value = nominal * temperature_factor(parts, context) * parts.scale.value_or(1.0);
        element.value_scale = nominal != 0.0 ? element.value / nominal : 1.0;
    }
    if (std::string_view("rlcgf").find(card.letter) != std::string_view::npos && multiplier != 1.0) {
        if (card.letter == 'r' || card.letter == 'l') element.value /= multiplier;
        else element.value *= multiplier;
        element.value_scale = card.letter == 'r' || card.letter == 'l' ? element.value_scale / multiplier
                                                                       : element.value_scale * multiplier;
    }
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
            if (element.value == 0.0)
                throw DeckError(card.value ? card.value->where : card.where, element.name + ": resistance is zero (ngspice 39 would use 1 mOhm)");
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
