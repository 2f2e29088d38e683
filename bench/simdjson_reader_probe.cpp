// Not built: the measurement of docs/performance.md section 3, kept in git for the record.
// simdjson's On-Demand API in place of the reader's fast path (src/evaluate/claim_read/), over
// the same schema tables and conversions, timed against today's readers on the corpus and on the
// malformed lines of the test files, after checking that both read every line alike.
// Build (after the release preset; add -march=haswell for simdjson's AVX2 kernel) and run:
//   c++ -O3 -DNDEBUG -std=c++20 -Iinclude -Isrc -Itests bench/simdjson_reader_probe.cpp
//       build/release/libcotation.a -lfmt -lsimdjson -o /tmp/probe
//   /tmp/probe claims.jsonl tests/cli/eval/claims.jsonl tests/cli/explain/claims.jsonl
//       tests/tools/diff/impact/claims.jsonl
#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <simdjson.h>

#include "evaluate/claim_json.hpp"
#include "evaluate/claim_read/fields.hpp"
#include "evaluate/claim_read/json_text.hpp"
#include "evaluate/claim_read/schema.hpp"
#include "support/claim_text.hpp"

namespace cotation {
namespace od = simdjson::ondemand;
namespace claim_read {

class SimdReader final : public FieldReader {
 public:
  SimdReader(const ClaimReadLimits& limits, ClaimReadResult& result) : FieldReader(result), limits_(limits) {}
  bool read(od::document& doc) {
    od::object object;
    if (doc.get_object().get(object) != simdjson::SUCCESS) return false;
    if (!members(object, Context::record, 1)) return false;
    const char* location = nullptr;
    return doc.current_location().get(location) == simdjson::OUT_OF_BOUNDS;
  }

 private:
  [[nodiscard]] std::string path() const override { return {}; }
  void problem(std::string /*message*/) override { failed_ = true; }
  bool members(od::object& object, Context context, std::size_t depth) {
    if (depth > limits_.max_depth) return false;
    const auto table = members_of(context);
    std::uint32_t seen = 0;
    std::size_t expected = 0;
    for (auto entry : object) {
      od::field field;
      if (std::move(entry).get(field) != simdjson::SUCCESS) return false;
      std::string_view name;
      if (field.unescaped_key().get(name) != simdjson::SUCCESS) return false;
      const std::size_t i = find_member(table, name, expected);
      if (i == table.size() || (seen & (std::uint32_t{1} << i)) != 0) return false;
      seen |= std::uint32_t{1} << i;
      expected = i + 1 == table.size() ? 0 : i + 1;
      od::value v = field.value();
      if (!value(table[i].field, v, depth)) return false;
    }
    return missing_required(context, seen) == 0;
  }
  bool lines(od::array& array, std::size_t depth) {
    if (depth > limits_.max_depth) return false;
    bool any = false;
    for (auto element : array) {
      od::object object;
      if (element.get_object().get(object) != simdjson::SUCCESS) return false;
      if (claim_.lines.size() >= limits_.max_claim_lines) return false;
      claim_.lines.emplace_back();
      if (!members(object, Context::line, depth + 1)) return false;
      any = true;
    }
    return any;
  }
  bool value(Field field, od::value& v, std::size_t depth) {
    od::json_type type;
    if (v.type().get(type) != simdjson::SUCCESS) return false;
    Scalar scalar;
    switch (type) {
      case od::json_type::object: {
        const Context context = container_of(field);
        od::object object;
        if (context == Context::skip || context == Context::lines || v.get_object().get(object) != simdjson::SUCCESS)
          return false;
        return members(object, context, depth + 1);
      }
      case od::json_type::array: {
        od::array array;
        if (container_of(field) != Context::lines || v.get_array().get(array) != simdjson::SUCCESS) return false;
        return lines(array, depth + 1);
      }
      case od::json_type::string:
        scalar.type = JsonType::string;
        if (v.get_string().get(scalar.text) != simdjson::SUCCESS) return false;
        break;
      case od::json_type::number: {
        std::string_view raw = v.raw_json_token();
        while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t' || raw.back() == '\r' || raw.back() == '\n'))
          raw.remove_suffix(1);
        const Lexeme number = lex_number(raw, 0);
        if (!number.whole || number.end != raw.size() || beyond_json_range(raw)) return false;
        scalar.type = JsonType::number;
        scalar.text = raw;
        break;
      }
      case od::json_type::boolean:
        scalar.type = JsonType::boolean;
        if (v.get_bool().get(scalar.boolean) != simdjson::SUCCESS) return false;
        break;
      case od::json_type::null:
        if (!v.is_null()) return false;
        break;
    }
    assign(field, scalar);
    return !failed_;
  }
  const ClaimReadLimits& limits_;
  bool failed_ = false;
};

}  // namespace claim_read

bool read_claim_by_simdjson(std::string_view json_line, const ClaimReadLimits& limits, ClaimReadResult& result) {
  static thread_local od::parser parser;
  static thread_local std::string padded;
  result.id.clear();
  result.problems.clear();
  if (json_line.size() > limits.max_line_bytes) return false;
  padded.assign(json_line);
  padded.resize(json_line.size() + simdjson::SIMDJSON_PADDING);
  od::document doc;
  if (parser.iterate(padded.data(), json_line.size(), padded.size()).get(doc) != simdjson::SUCCESS) return false;
  return claim_read::SimdReader(limits, result).read(doc);
}

}  // namespace cotation

using namespace cotation;
static double cpu() {
  return double(std::clock()) / CLOCKS_PER_SEC;
}
int main(int argc, char** argv) {
  std::vector<std::string_view> corpus, bad;
  std::string buffer, badbuf;
  {
    std::ifstream in(argv[1], std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    buffer = ss.str();
    buffer.append(64, ' ');
  }
  for (std::size_t at = 0, end; (end = buffer.find('\n', at)) != std::string::npos; at = end + 1)
    corpus.emplace_back(buffer.data() + at, end - at);
  {
    for (int i = 2; i < argc; ++i) {
      std::ifstream in(argv[i], std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      badbuf += ss.str();
      if (badbuf.back() != '\n') badbuf += '\n';
    }
  }
  std::vector<std::string_view> badlines;
  for (std::size_t at = 0, end; (end = badbuf.find('\n', at)) != std::string::npos; at = end + 1)
    badlines.emplace_back(badbuf.data() + at, end - at);
  for (auto l : badlines)
    if (!read_claim(l).problems.empty()) bad.push_back(l);
  std::vector<std::string_view> badrep;
  while (badrep.size() < 200000)
    for (auto l : bad) badrep.push_back(l);
  std::cout << "corpus " << corpus.size() << " lines, malformed goldens " << bad.size() << " distinct, "
            << badrep.size() << " reads\n";
  const ClaimReadLimits limits;
  // Equality and fallbacks.
  std::size_t fallback = 0, differ = 0;
  for (auto* set : {&corpus, &bad})
    for (auto l : *set) {
      ClaimReadResult s;
      if (!read_claim_by_simdjson(l, limits, s)) {
        ++fallback;
        if (read_claim(l).problems.empty() && fallback < 1000) {
          static int shown = 0;
          if (shown++ < 3) std::cout << "GAVE UP on a valid line: " << l << "\n";
        }
        s = read_claim_in_general(l, limits);
      }
      if (testing::text_of(s) != testing::text_of(read_claim(l))) {
        if (++differ < 5) std::cout << "DIFFER: " << l << "\n";
      }
    }
  std::cout << "simdjson gave up on " << fallback << " lines; differ from read_claim: " << differ << "\n";
  ClaimReadResult r;
  auto today = [&](std::string_view l) { read_claim(l, limits, r); };
  auto general = [&](std::string_view l) { r = read_claim_in_general(l, limits); };
  auto simd = [&](std::string_view l) {
    if (!read_claim_by_simdjson(l, limits, r)) r = read_claim_in_general(l, limits);
  };
  auto schema_only = [&](std::string_view l) { (void)read_claim_by_schema(l, limits, r); };
  std::vector<std::pair<const char*, std::function<void(std::string_view)>>> readers = {
      {"today (schema fast path + general)", today},
      {"simdjson On-Demand + general", simd},
      {"general reader alone", general},
      {"schema fast path alone", schema_only}};
  for (auto* set : {&corpus, &badrep}) {
    std::vector<std::vector<double>> times(readers.size());
    for (int round = 0; round < std::stoi(getenv("ROUNDS") ? getenv("ROUNDS") : "3"); ++round)
      for (std::size_t k = 0; k < readers.size(); ++k) {
        const double t0 = cpu();
        for (auto l : *set) readers[k].second(l);
        times[k].push_back(cpu() - t0);
      }
    std::cout << (set == &corpus ? "== corpus" : "== malformed goldens") << "\n";
    for (std::size_t k = 0; k < readers.size(); ++k) {
      auto t = times[k];
      std::sort(t.begin(), t.end());
      double med = t[t.size() / 2];
      std::cout << "  " << readers[k].first << ": median " << med << " s CPU, " << (set->size() / med / 1e6)
                << " M lines/s, " << (set == &corpus ? double(buffer.size()) / 1e6 / med : 0) << " MB/s\n";
    }
  }
}
