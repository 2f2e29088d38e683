#include "evaluate/values.hpp"

#include <algorithm>

namespace cotation::model {

std::weak_ordering order(const Value& a, const Value& b) {
  switch (a.type) {
    case Type::boolean:
      return a.boolean <=> b.boolean;
    case Type::date:
    case Type::region:
    case Type::place:
    case Type::prescription:
    case Type::structure:
    case Type::duration:
      return a.integer <=> b.integer;
    default:
      return a.number <=> b.number;
  }
}

namespace {

// A percentage as the fraction it is, when it multiplies another quantity. Two more decimals keep
// it exact (50 % -> 0.50) and the product's scale small.
Decimal factor(const Value& v, const Value& other) {
  if (v.type != Type::percentage || other.type == Type::percentage) return v.number;
  return Decimal::divide(v.number, Decimal(100), std::min(v.number.scale() + 2, Decimal::max_scale),
                         RoundingMode::half_even);
}

}  // namespace

Decimal product(const Value& a, const Value& b) {
  return factor(a, b) * factor(b, a);
}

Decimal remainder(const Decimal& a, const Decimal& b) {
  const Decimal quotient = Decimal::divide(a, b, 0, RoundingMode::toward_zero);
  const Decimal rest = a - quotient * b;
  return rest.is_negative() ? rest + b : rest;
}

}  // namespace cotation::model
