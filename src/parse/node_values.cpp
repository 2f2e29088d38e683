// The leaves of a declaration's parse tree (node_reader.hpp): names, texts, dates, counts,
// literals, citations, periods, selectors, targets. In: a parse node; out: its syntax value, and
// a diagnostic when the leaf is well formed but impossible (2025-02-30, a count past 2^32).
#include <array>
#include <charconv>
#include <string>
#include <utility>

#include "parse/grammar.hpp"
#include "parse/node_reader.hpp"
#include "parse/utf8.hpp"

namespace cotation {

namespace g = grammar;
using namespace syntax;

namespace {

// The digits of a decimal with a point, whatever separator was written.
std::string decimal_text(std::string_view written) {
  std::string result;
  for (const char c : written) {
    if (c == ',' || c == '.') {
      result.push_back('.');
    } else if ((c >= '0' && c <= '9') || c == '+' || c == '-') {
      result.push_back(c);
    } else {
      break;  // the unit that follows
    }
  }
  return result;
}

}  // namespace

Position NodeReader::position(const ParseNode& node) const {
  return Position{file_index_, static_cast<std::uint32_t>(node.m_begin.data - source_.text().data())};
}

void NodeReader::report(const ParseNode& node, std::string id, std::vector<std::string> arguments) {
  diagnostics_.push_back(source_.diagnostic_at(position(node).offset, std::move(id), std::move(arguments)));
}

std::string NodeReader::text(const ParseNode& node) {
  const std::string_view quoted = node.string_view();
  std::string result;
  result.reserve(quoted.size());
  for (std::size_t i = 1; i + 1 < quoted.size(); ++i) {
    if (quoted[i] == '\\') ++i;
    result.push_back(quoted[i]);
  }
  return result;
}

CalendarDate NodeReader::date(const ParseNode& node) {
  const std::string_view written = node.string_view();
  const auto number = [&](std::size_t from, std::size_t length) {
    int value = 0;
    std::from_chars(written.data() + from, written.data() + from + length, value);
    return value;
  };
  CalendarDate result{number(0, 4), number(5, 2), number(8, 2), position(node)};
  static constexpr std::array<int, 12> month_days = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (result.year % 4 == 0 && result.year % 100 != 0) || result.year % 400 == 0;
  // Year 0000 does not exist (1 BC is followed by AD 1); the calendar of std::chrono has one.
  const bool valid = result.year >= 1 && result.month >= 1 && result.month <= 12 && result.day >= 1 &&
                     result.day <= month_days[static_cast<std::size_t>(result.month - 1)] &&
                     !(result.month == 2 && result.day == 29 && !leap);
  if (!valid) report(node, "syntax.invalid_date", {std::string(written)});
  return result;
}

std::uint32_t NodeReader::count(const ParseNode& node) {
  std::uint32_t value = 0;
  const std::string_view written = node.string_view();
  const auto [end, error] = std::from_chars(written.data(), written.data() + written.size(), value);
  if (error != std::errc{} || end != written.data() + written.size()) {
    report(node, "syntax.number_too_large", {std::string(written)});
  }
  return value;
}

Literal NodeReader::literal(const ParseNode& node) {
  const ParseNode& typed =
      node.is_type<g::literal>() || node.is_type<g::parameter_literal>() ? *node.children.front() : node;
  Literal result;
  result.position = position(typed);
  const std::string_view written = typed.string_view();
  if (typed.is_type<g::date>()) {
    result.kind = LiteralKind::date;
    result.date = date(typed);
    result.text = std::string(written);
  } else if (typed.is_type<g::money>()) {
    result.kind = LiteralKind::money;
    result.text = decimal_text(written);
  } else if (typed.is_type<g::percentage>()) {
    result.kind = LiteralKind::percentage;
    result.text = decimal_text(written);
  } else if (typed.is_type<g::distance>()) {
    result.kind = LiteralKind::distance;
    result.text = decimal_text(written);
  } else if (typed.is_type<g::duration>() || typed.is_type<g::threshold_window>()) {
    result.kind = LiteralKind::duration;
    result.text = decimal_text(written);
    if (const ParseNode* unit = child_of_type<g::duration_unit>(typed)) result.unit = unit->string();
  } else if (typed.is_type<g::string>()) {
    result.kind = LiteralKind::text;
    result.text = text(typed);
  } else if (typed.is_type<g::boolean>()) {
    result.kind = LiteralKind::boolean;
    result.text = utf8::fold(written);
  } else {
    result.kind = LiteralKind::decimal;
    result.text = decimal_text(written);
  }
  return result;
}

Citation NodeReader::citation(const ParseNode& node) {
  Citation result;
  result.position = position(node);
  for (const auto& child : node.children) {
    if (child->is_type<g::citation_source>()) result.source = name(*child);
    if (child->is_type<g::citation_detail>() || child->is_type<g::article_reference>()) {
      result.detail = text(*child);
    }
  }
  return result;
}

Period NodeReader::period(const ParseNode& node) {
  Period result;
  for (const auto& child : node.children) {
    if (child->is_type<g::since_date>()) result.since = date(*child);
    if (child->is_type<g::until_date>()) result.until = date(*child);
  }
  return result;
}

std::vector<Selector> NodeReader::selectors(const ParseNode& node) {
  std::vector<Selector> result;
  SelectorKind kind = SelectorKind::act;
  for (const auto& child : node.children) {
    if (child->is_type<g::selector_kind>()) {
      const std::string word = utf8::fold(child->string_view());
      kind = word == "acte"      ? SelectorKind::act
             : word == "lettre"  ? SelectorKind::letter
             : word == "forfait" ? SelectorKind::item
                                 : SelectorKind::group;
    } else if (child->is_type<g::every_kind>()) {
      result.push_back(Selector{
          utf8::fold(child->string_view()) == "acte" ? SelectorKind::every_act : SelectorKind::every_item, {}});
    } else if (child->is_type<g::selector_name>()) {
      result.push_back(Selector{kind, name(*child)});
    }
  }
  return result;
}

Target NodeReader::target(const ParseNode& node) {
  Target result;
  const std::string word = utf8::fold(node.children.at(0)->string_view());
  result.kind = word == "lettre"           ? DeclarationKind::letter
                : word == "forfait"        ? DeclarationKind::item
                : word == "parametre"      ? DeclarationKind::parameter
                : word == "acte"           ? DeclarationKind::act
                : word == "groupe"         ? DeclarationKind::group
                : word == "regle"          ? DeclarationKind::rule
                : word == "revalorisation" ? DeclarationKind::revaluation
                                           : DeclarationKind::scheme;
  result.name = name(*node.children.at(1));
  return result;
}

}  // namespace cotation
