#include "tools/scheme.hpp"

#include <fmt/format.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "tools/table.hpp"

namespace cotation::tools {
namespace {

using Json = nlohmann::ordered_json;

Date date_of(model::Day day) {
  return std::chrono::year_month_day{std::chrono::sys_days(std::chrono::days(day))};
}

// A fact as JSON gives it; its declared type is checked by the evaluation. Decimals are
// written as strings so that no binary floating point ever holds them.
FactValue fact_value(const std::string& name, const Json& value) {
  if (value.is_boolean()) return value.get<bool>();
  if (value.is_number_integer()) return Decimal::parse(value.dump());
  if (value.is_string()) {
    const auto text = value.get<std::string>();
    if (const auto day = parse_day(text)) return date_of(*day);
    try {
      return Decimal::parse(text);
    } catch (const DecimalError&) {
      throw SchemeError(fmt::format("facts.{} : « {} » n'est ni un nombre décimal ni une date AAAA-MM-JJ", name, text));
    }
  }
  throw SchemeError(fmt::format(
      "facts.{} : on attend true/false, un entier, ou entre guillemets un décimal (\"72.5\") ou une date", name));
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
        if (!day) throw SchemeError(fmt::format("date : « {} » n'est pas une date AAAA-MM-JJ du calendrier", value.get<std::string>()));
        situation.date = date_of(*day);
        has_date = true;
      } else if (key == "facts" && value.is_object()) {
        for (const auto& [name, fact] : value.items()) situation.facts.emplace_back(name, fact_value(name, fact));
      } else {
        throw SchemeError(fmt::format("{} : champ inconnu ou mal typé (id, scheme et date sont des chaînes, facts un objet)", key));
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
    out["amounts"].push_back({{"name", a.name}, {"label", a.label}, {"paid", a.paid}, {"amount", amount_text(a.amount)},
                              {"reason", a.reason}, {"source", a.source}});
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

SchemeSummary evaluate_situations(const RuleSet& rule_set, std::istream& input, std::ostream& output) {
  SchemeSummary summary;
  std::string line;
  while (std::getline(input, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    ++summary.records;
    const SituationRead read = read_situation(line);
    std::string id = read.id;
    std::string problem = read.problem;
    if (read.situation) {
      id = read.situation->id;
      // Any failure, even an overflow on huge facts, gives this line its invalid record.
      try {
        output << result_json(evaluate_scheme(rule_set, *read.situation), rule_set.hash()) << '\n';
        continue;
      } catch (const std::exception& error) {
        problem = error.what();
      }
    }
    ++summary.invalid;
    output << invalid_json(id, problem, rule_set.hash()) << '\n';
  }
  output.flush();
  return summary;
}

}  // namespace cotation::tools
