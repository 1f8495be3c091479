#include "headphone/sweep/variants.hpp"

namespace hpsim::headphone::sweep {

VariantSpace::VariantSpace(const Spec& spec) : spec_(spec) {
    if (spec.combine == Spec::Combine::zip) size_ = spec.axes.empty() ? 1 : spec.axes.front().values.size();
    else for (const Axis& axis : spec.axes) size_ *= axis.values.size();
    size_ *= spec.modes.empty() ? 1 : spec.modes.size();
}

Variant VariantSpace::at(std::size_t index) const {
    Variant variant;
    variant.index = index;
    std::size_t rest = index;
    if (!spec_.modes.empty()) {
        variant.mode = spec_.modes[rest % spec_.modes.size()];
        rest /= spec_.modes.size();
    }
    variant.value_of_axis.resize(spec_.axes.size());
    if (spec_.combine == Spec::Combine::zip) {
        for (std::size_t& value : variant.value_of_axis) value = rest;
        return variant;
    }
    for (std::size_t a = spec_.axes.size(); a-- > 0;) {
        variant.value_of_axis[a] = rest % spec_.axes[a].values.size();
        rest /= spec_.axes[a].values.size();
    }
    return variant;
}

}  // namespace hpsim::headphone::sweep
