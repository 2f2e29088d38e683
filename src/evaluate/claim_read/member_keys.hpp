// The members' names as a record usually writes them, quotes and colon included ("id":), in
// 8-byte words: the reader checks the member it expects next, then the others, in place. In: the
// schema's tables (schema.hpp); out: a Key per entry of each object's table.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>

#include "evaluate/claim_read/json_text.hpp"
#include "evaluate/claim_read/schema.hpp"

namespace cotation::claim_read {

struct Key {
  std::array<std::uint64_t, 4> words{};
  std::uint64_t last_mask = 0;  // the bytes of the last word that belong to the key
  std::size_t length = 0;
  std::size_t last = 0;  // the index of the last word
  // The bytes the words cover, from the key's first: 8 per word; a Key not made by key_of, as
  // past the last entry of a table, covers more than any line and so never matches.
  std::size_t span = std::numeric_limits<std::size_t>::max();

  // Whether the key comes at `position` of `input`, compared a word at a time without looking
  // for the name's end first. False near the line's end, where the words would go past it.
  [[nodiscard]] bool matches(std::string_view input, std::size_t position) const noexcept {
    if (input.size() - position < span) return false;
    const char* at = input.data() + position;
    std::uint64_t differ = (load_little(at + last * 8) ^ words[last]) & last_mask;
    if (last > 0) differ |= load_little(at) ^ words[0];  // the words before the last, unrolled
    if (last > 1) differ |= load_little(at + 8) ^ words[1];
    if (last > 2) differ |= load_little(at + 16) ^ words[2];
    return differ == 0;
  }
};

constexpr Key key_of(std::string_view name) {
  Key key;
  key.length = name.size() + 3;
  key.span = (key.length + 7) / 8 * 8;
  key.last = key.span / 8 - 1;
  const auto put = [&key](std::size_t at, char c) {
    key.words.at(at / 8) |= std::uint64_t{static_cast<unsigned char>(c)} << (at % 8 * 8);
  };
  put(0, '"');
  for (std::size_t i = 0; i < name.size(); ++i) put(i + 1, name[i]);
  put(name.size() + 1, '"');
  put(name.size() + 2, ':');
  const std::size_t tail = key.length % 8;
  key.last_mask = tail == 0 ? ~std::uint64_t{0} : (std::uint64_t{1} << (tail * 8)) - 1;
  return key;
}

// The key of each entry of each context's table (the record's is the longest), then one that
// never matches: the entry expected after a table's last.
using MemberKeys = std::array<Key, record_members.size() + 1>;
inline constexpr auto member_keys = [] {
  std::array<MemberKeys, static_cast<std::size_t>(Context::skip) + 1> keys{};
  for (std::size_t context = 0; context < keys.size(); ++context) {
    const auto members = members_of(static_cast<Context>(context));
    for (std::size_t i = 0; i < members.size(); ++i) keys.at(context).at(i) = key_of(members[i].name);
  }
  return keys;
}();

}  // namespace cotation::claim_read
