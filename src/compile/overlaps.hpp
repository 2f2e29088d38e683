// Which items of a list are in force on a common day, without comparing every two: the pairs
// the code index and the rule checks report. In: each item's period and kind, and which kinds
// may pair; out: each pair of items of such kinds whose periods overlap, once.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <span>
#include <vector>

#include "compile/model.hpp"

namespace cotation::compiler {

// Calls found(i, j) once for every two items i != j whose periods overlap and whose kinds
// pair (pairs(kind i, kind j), symmetric), in O(n log n + pairs found): the items are swept in
// the order of their first day, each kept among the current items of its kind until the sweep
// passes its last day. Only the current items of kinds that pair with an item are looked at,
// so each item looked at is a pair found or is dropped for good.
template <class Pairs, class Found>
void overlapping_pairs(std::span<const model::Period> periods, std::span<const std::uint8_t> kinds,
                       std::size_t kind_count, Pairs pairs, Found found) {
  std::vector<std::size_t> order(periods.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return periods[a].since < periods[b].since; });
  std::vector<std::vector<std::size_t>> current(kind_count);
  for (const std::size_t item : order) {
    const model::Day since = periods[item].since;
    for (std::size_t kind = 0; kind < kind_count; ++kind) {
      if (!pairs(kinds[item], static_cast<std::uint8_t>(kind))) continue;
      std::vector<std::size_t>& others = current[kind];
      // Those ended before this one starts end before every later one starts too.
      std::erase_if(others, [&](std::size_t other) { return periods[other].until < since; });
      for (const std::size_t other : others) {
        if (periods[other].overlaps(periods[item])) found(other, item);  // false only for an empty period
      }
    }
    current[kinds[item]].push_back(item);
  }
}

}  // namespace cotation::compiler
