#include "spice/linear_form.hpp"

#include <algorithm>

namespace hpsim::spice {

class LinearAnalysis {
public:
    using Op = CompiledExpression::Op;
    using Node = CompiledExpression::Node;

    LinearAnalysis(const CompiledExpression& expression, std::span<const double> values)
        : expression_(expression), values_(values) {}

    LinearForm whole() const { return form(static_cast<int>(expression_.nodes_.size()) - 1); }

    LinearForm form(int index) const {
        const Node& node = expression_.nodes_[static_cast<std::size_t>(index)];
        switch (node.op) {
            case Op::probe: {
                LinearForm unit = constant(0.0);
                unit.coefficients[static_cast<std::size_t>(node.index)] = 1.0;
                return unit;
            }
            case Op::negate: return scaled(form(node.first), -1.0);
            case Op::add: return sum(form(node.first), form(node.second), 1.0);
            case Op::subtract: return sum(form(node.first), form(node.second), -1.0);
            case Op::multiply: {
                const LinearForm left = form(node.first), right = form(node.second);
                if (is_constant(left)) return scaled(right, left.constant);
                if (is_constant(right)) return scaled(left, right.constant);
                fail(node, "the product of two values of the solution is not linear");
            }
            case Op::divide: {
                const LinearForm dividend = form(node.first), divisor = form(node.second);
                if (!is_constant(divisor)) fail(node, "a division by a value of the solution is not linear");
                if (divisor.constant == 0.0) fail(node, "division by zero");
                return scaled(dividend, 1.0 / divisor.constant);
            }
            case Op::power: {
                const LinearForm base = form(node.first), exponent = form(node.second);
                if (is_constant(base) && is_constant(exponent)) return constant(evaluated(index));
                if (is_constant(exponent) && exponent.constant == 1.0) return base;
                fail(node, "a power of a value of the solution is not linear");
            }
            case Op::conditional: {
                const LinearForm condition = form(node.first);
                if (!is_constant(condition)) fail(node, "a condition on a value of the solution is not linear");
                return form(condition.constant != 0.0 ? node.second : node.third);
            }
            case Op::function: {
                for (int i = 0; i < node.second; ++i)
                    if (!is_constant(form(expression_.call_arguments_[static_cast<std::size_t>(node.first + i)])))
                        fail(node, "a function of a value of the solution is not linear");
                return constant(evaluated(index));
            }
            case Op::logical_not: case Op::equal: case Op::not_equal: case Op::less: case Op::greater:
            case Op::less_equal: case Op::greater_equal: case Op::logical_and: case Op::logical_or: {
                for (const int operand : {node.first, node.second})
                    if (operand >= 0 && !is_constant(form(operand)))
                        fail(node, "a comparison of a value of the solution is not linear");
                return constant(evaluated(index));
            }
            case Op::number: case Op::parameter: return constant(evaluated(index));
        }
        return constant(evaluated(index));
    }

private:
    const CompiledExpression& expression_;
    std::span<const double> values_;

    [[noreturn]] void fail(const Node& node, const std::string& message) const {
        const CompiledExpression::Source& source = expression_.sources_[node.source];
        SourceLocation where = source.where;
        if (where.column > 0) where.column += static_cast<int>(node.at);
        throw DeckError(where, message + " (hpsim reads behavioural sources that are linear in the solution)" +
                                   source.context);
    }
    double evaluated(int index) const { return expression_.evaluate_node(index, values_); }
    LinearForm constant(double value) const { return {value, std::vector<double>(expression_.probes_.size(), 0.0)}; }
    static bool is_constant(const LinearForm& form) {
        return std::all_of(form.coefficients.begin(), form.coefficients.end(), [](double c) { return c == 0.0; });
    }
    static LinearForm scaled(LinearForm form, double factor) {
        form.constant *= factor;
        for (double& c : form.coefficients) c *= factor;
        return form;
    }
    static LinearForm sum(LinearForm left, const LinearForm& right, double sign) {
        left.constant += sign * right.constant;
        for (std::size_t i = 0; i < left.coefficients.size(); ++i) left.coefficients[i] += sign * right.coefficients[i];
        return left;
    }
};

LinearForm linear_form(const CompiledExpression& expression, std::span<const double> values) {
    return LinearAnalysis(expression, values).whole();
}

}  // namespace hpsim::spice
