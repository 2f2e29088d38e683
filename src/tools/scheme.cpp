#include "tools/scheme.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "cotation/json.hpp"
#include "evaluate/bounded_lines.hpp"
#include "tools/table.hpp"

namespace cotation::tools {
namespace {

using Json = nlohmann::ordered_json;

Date date_of(model::Day day) {
  return std::chrono::year_month_day{std::chrono::sys_days(std::chrono::days(day))};
}

// The text of each fact written as a JSON number with a fraction, by the fact's name: the parsed
// document holds such a number as a double only, and no amount may pass through binary floating
// point. Filled by a second reading of the line, which only a fact with a fraction needs.
class FractionTexts : public nlohmann::json_sax<Json> {
 public:
  std::map<std::string, std::string, std::less<>> texts;

  bool number_float(number_float_t /*value*/, const string_t& text) override {
    if (depth_ == 2 && in_facts_) texts[key_] = text;
    return true;
  }
  bool key(string_t& name) override {
    if (depth_ == 1) in_facts_ = name == "facts";
    key_ = name;
    return true;
  }
  bool start_object(std::size_t /*elements*/) override { return enter(); }
  bool start_array(std::size_t /*elements*/) override { return enter(); }
  bool end_object() override { return leave(); }
  bool end_array() override { return leave(); }
  bool null() override { return true; }
  bool boolean(bool /*value*/) override { return true; }
  bool number_integer(number_integer_t /*value*/) override { return true; }
  bool number_unsigned(number_unsigned_t /*value*/) override { return true; }
  bool string(string_t& /*value*/) override { return true; }
  bool binary(binary_t& /*value*/) override { return true; }
  bool parse_error(std::size_t /*position*/, const std::string& /*token*/,
                   const nlohmann::detail::exception& /*error*/) override {
    return false;
  }

 private:
  bool enter() {
    ++depth_;
    return true;
  }
  bool leave() {
    --depth_;
    return true;
  }
  int depth_ = 0;
  bool in_facts_ = false;
  std::string key_;
};

// A fact as JSON gives it; its declared type is checked by the evaluation. A decimal is read
// from its text, written as a number (72.5) or a string ("72.5").
FactValue fact_value(const std::string& name, const Json& value, const FractionTexts& fractions) {
  if (value.is_boolean()) return value.get<bool>();
  if (value.is_number_integer()) return Decimal::parse(value.dump());
  if (value.is_number_float()) {
    const auto text = fractions.texts.find(name);
    if (text == fractions.texts.end()) throw SchemeError(fmt::format("facts.{} : nombre illisible", name));
    try {
      return Decimal::parse(text->second);
    } catch (const DecimalError&) {
      throw SchemeError(
          fmt::format("facts.{} : « {} » : écrivez le nombre sans exposant, par exemple 72.5", name, text->second));
    }
  }
  if (value.is_string()) {
    const auto text = value.get<std::string>();
    if (const auto day = parse_day(text)) return date_of(*day);
    try {
      return Decimal::parse(text);
    } catch (const DecimalError&) {
      throw SchemeError(fmt::format("facts.{} : « {} » n'est ni un nombre décimal ni une date AAAA-MM-JJ", name, text));
    }
  }
  throw SchemeError(fmt::format("facts.{} : on attend true/false, un nombre (72.5 ou \"72.5\") ou une date", name));
}

}  // namespace

SituationRead read_situation(std::string_view line) {
  SituationRead read;
  try {
    const Json json = Json::parse(line.begin(), line.end());
    if (!json.is_object()) throw SchemeError("on attend un objet JSON");
    if (json.contains("id") && json["id"].is_string()) read.id = json["id"].get<std::string>();
    Situation situation;
    bool has_date = false;
    for (const auto& [key, value] : json.items()) {
      if (key == "id" && value.is_string() && !value.get<std::string>().empty()) {
        situation.id = value.get<std::string>();
      } else if (key == "scheme" && value.is_string()) {
        situation.scheme = value.get<std::string>();
      } else if (key == "date" && value.is_string()) {
        const auto day = parse_day(value.get<std::string>());
        if (!day)
          throw SchemeError(
              fmt::format("date : « {} » n'est pas une date AAAA-MM-JJ du calendrier", value.get<std::string>()));
        situation.date = date_of(*day);
        has_date = true;
      } else if (key == "facts" && value.is_object()) {
        FractionTexts fractions;
        const bool has_fraction =
            std::any_of(value.begin(), value.end(), [](const Json& fact) { return fact.is_number_float(); });
        if (has_fraction) Json::sax_parse(line.begin(), line.end(), &fractions);
        for (const auto& [name, fact] : value.items()) {
          situation.facts.emplace_back(name, fact_value(name, fact, fractions));
        }
      } else {
        throw SchemeError(
            fmt::format("{} : champ inconnu ou mal typé (id, scheme et date sont des chaînes, facts un objet)", key));
      }
    }
    if (situation.id.empty() || situation.scheme.empty() || !has_date) {
      throw SchemeError("id, scheme et date sont obligatoires");
    }
    read.situation = std::move(situation);
  } catch (const Json::exception& error) {
    read.problem = fmt::format("JSON invalide : {}", error.what());
  } catch (const SchemeError& error) {
    read.problem = error.what();
  }
  return read;
}

std::string result_json(const SchemeResult& result, const std::string& rule_set_hash) {
  Json out;
  out["id"] = result.id;
  out["scheme"] = result.scheme;
  out["status"] = "ok";
  out["eligible"] = result.eligible;
  out["total"] = amount_text(result.total);
  out["prerequisites"] = Json::array();
  for (const auto& p : result.prerequisites) {
    out["prerequisites"].push_back({{"name", p.name}, {"met", p.met}, {"message", p.message}, {"source", p.source}});
  }
  out["amounts"] = Json::array();
  for (const auto& a : result.amounts) {
    out["amounts"].push_back({{"name", a.name},
                              {"label", a.label},
                              {"paid", a.paid},
                              {"amount", amount_text(a.amount)},
                              {"reason", a.reason},
                              {"source", a.source}});
  }
  out["schedule"] = Json::array();
  for (const auto& i : result.schedule) {
    Json entry{{"year", i.year}};
    entry["date"] = i.date ? Json(model::date_text(model::day_of(*i.date))) : Json(nullptr);
    entry["amount"] = amount_text(i.amount);
    entry["source"] = i.source;
    out["schedule"].push_back(std::move(entry));
  }
  out["decision"] =
      result.decision ? Json{{"label", result.decision->label}, {"source", result.decision->source}} : Json(nullptr);
  out["rule_set"] = rule_set_hash;
  return out.dump();
}

std::string invalid_json(const std::string& id, const std::string& problem, const std::string& rule_set_hash) {
  Json out;
  out["id"] = id.empty() ? Json(nullptr) : Json(id);
  out["status"] = "invalid";
  out["error"] = problem;
  out["rule_set"] = rule_set_hash;
  return out.dump(-1, ' ', false, Json::error_handler_t::replace);
}

namespace {

// The record of one situation line, without its newline; counts it invalid when it is.
std::string situation_record(const RuleSet& rule_set, std::string_view line, std::size_t length,
                             SchemeSummary& summary) {
  // A situation has the claim's limit, 1 MiB; a longer line is skipped to its newline without
  // being held, and gets its invalid record.
  const std::size_t limit = ClaimReadLimits{}.max_line_bytes;
  std::string id;
  std::string problem;
  if (length > limit) {
    problem = fmt::format("enregistrement trop long : {} octets, au plus {} acceptés", length, limit);
  } else {
    SituationRead read = read_situation(line);
    id = std::move(read.id);
    problem = std::move(read.problem);
    if (read.situation) {
      id = read.situation->id;
      // Any failure, even an overflow on huge facts, gives this line its invalid record.
      try {
        return result_json(evaluate_scheme(rule_set, *read.situation), rule_set.hash());
      } catch (const std::exception& error) {
        problem = error.what();
      }
    }
  }
  ++summary.invalid;
  return invalid_json(id, problem, rule_set.hash());
}

}  // namespace

SchemeSummary evaluate_situations(const RuleSet& rule_set, std::istream& input, std::ostream& output,
                                  bool as_they_come) {
  SchemeSummary summary;
  BoundedLines lines(input, ClaimReadLimits{}.max_line_bytes + 1, as_they_come);
  std::string_view line;
  std::size_t length = 0;
  while (lines.next_line(line, length)) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++summary.records;
    output << situation_record(rule_set, line, length, summary) << '\n';
    if (as_they_come) output.flush();
  }
  output.flush();
  return summary;
}

}  // namespace cotation::tools
