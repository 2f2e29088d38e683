// The reader's checks on a claim built in C++ (cotation/json.hpp `validate`). In: a Claim; out:
// its problems, as the reader words them (claim_read/problems.hpp), each with its code and the
// JSON path of the field; none for a valid claim.
#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "evaluate/claim_json.hpp"
#include "evaluate/claim_read/problems.hpp"

namespace cotation {
namespace {

using claim_read::format_problem;
using evaluation::Wording;

class Checks {
 public:
  explicit Checks(std::vector<Reason>& problems) : problems_(problems) {}

  // `field` is a view: a claim that passes builds no string.
  template <typename... Args>
  void problem(ReasonCode code, std::string_view field, Wording wording, Args&&... args) {
    problems_.push_back(format_problem(code, std::string(field), wording, field, std::forward<Args>(args)...));
  }
  void date(const std::optional<Date>& date, std::string_view field) {
    if (!date || date->ok()) return;
    problem(ReasonCode::no_such_date, field, Wording::no_such_date,
            fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date->year()), static_cast<unsigned>(date->month()),
                        static_cast<unsigned>(date->day())));
  }
  void not_negative(const std::optional<std::int32_t>& count, std::string_view field) {
    if (count && *count < 0) problem(ReasonCode::negative_number, field, Wording::negative_count, *count);
  }
  void distance(const std::optional<Decimal>& km, std::string_view field) {
    if (km && *km < Decimal()) problem(ReasonCode::negative_number, field, Wording::negative_distance, km->to_string());
  }

 private:
  std::vector<Reason>& problems_;
};

bool nine_digits(const std::string& text) {
  return text.size() == 9 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// `meta` is one JSON object exactly when the reader, given it as a record's `meta`, reads it
// back whole.
bool one_object(const std::string& meta) {
  const ClaimReadResult read = read_claim(R"({"id":"m","lines":[{"code":"m"}],"meta":)" + meta + "}");
  return read.claim && read.claim->meta == meta;
}

}  // namespace

std::vector<Reason> validate(const Claim& claim) {
  std::vector<Reason> problems;
  Checks checks(problems);
  if (claim.id.empty()) checks.problem(ReasonCode::empty_value, "id", Wording::empty_id);
  if (claim.lines.empty()) checks.problem(ReasonCode::no_lines, "lines", Wording::no_lines);
  for (std::size_t i = 0; i < claim.lines.size(); ++i) {
    if (claim.lines[i].code.find_first_not_of(" \t") == std::string::npos) {
      checks.problem(ReasonCode::empty_value, fmt::format("lines[{}].code", i), Wording::empty_code);
    }
  }
  checks.date(claim.date, "date");
  checks.date(claim.patient.birth_date, "patient.birth_date");
  checks.date(claim.prescription.initial_date, "prescription.initial_date");
  checks.date(claim.prescription.renewal_date, "prescription.renewal_date");
  checks.date(claim.orthopaedic_discharge_date, "orthopaedic_discharge_date");
  if (claim.patient.age && *claim.patient.age < 0) {
    checks.problem(ReasonCode::negative_number, "patient.age", Wording::negative_age, *claim.patient.age);
  }
  if (claim.series.session_number && *claim.series.session_number < 1) {
    checks.problem(ReasonCode::session_below_one, "series.session_number", Wording::session_below_one,
                   *claim.series.session_number);
  }
  checks.not_negative(claim.series.sessions_12_months_before, "series.sessions_12_months_before");
  checks.not_negative(claim.same_day.earlier_sessions, "same_day.earlier_sessions");
  checks.distance(claim.travel.distance_km, "travel.distance_km");
  checks.distance(claim.travel.nearest_practitioner_km, "travel.nearest_practitioner_km");
  if (claim.prescription.prescriber_number && !nine_digits(*claim.prescription.prescriber_number)) {
    checks.problem(ReasonCode::bad_prescriber_number, "prescription.prescriber_number", Wording::bad_prescriber_number,
                   *claim.prescription.prescriber_number);
  }
  if (!claim.meta.empty() && !one_object(claim.meta)) {
    checks.problem(ReasonCode::wrong_type, "meta", Wording::wrong_type, Wording::an_object, Wording::another_json_text);
  }
  return problems;
}

}  // namespace cotation
