// A claim: one care session of one patient, with everything billed for it (the v1
// interchange format of docs/claim-format.md). Every field the rules may read is
// optional: a field the rules need but the claim lacks is reported, never defaulted.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cotation/decimal.hpp"

namespace cotation {

using Date = std::chrono::year_month_day;

enum class Region { metropole, drom };
enum class Place { cabinet, domicile, etablissement };
enum class PrescriptionKind { medical, renewal, direct_access };

struct ClaimLine {
  std::string code;  // as billed: "RAM 8.09", "IFD", "IK"
  std::string act = {};  // the act's name, for a code several acts share on the date (`partagée`); else empty
};

struct Patient {
  std::string id;
  std::optional<std::int32_t> age;  // in whole years
  std::optional<Date> birth_date;   // the age then follows by the birthday rule
};

struct Travel {
  std::optional<Decimal> distance_km;  // one way, from the professional address
  std::optional<bool> same_agglomeration;
};

struct Prescription {
  std::optional<PrescriptionKind> kind;
};

struct Series {
  std::optional<std::int32_t> session_number;             // 1 for the first session of the series
  std::optional<std::int32_t> sessions_12_months_before;  // same condition, 12 months before
  std::optional<bool> prior_approval;                     // the fund's prior approval (DAP) granted
};

struct SessionTime {
  std::optional<bool> night;
  std::optional<bool> sunday_or_holiday;
  std::optional<bool> urgent;
};

struct Claim {
  std::string id;
  std::optional<Date> date;
  std::optional<Region> region;
  std::optional<Place> place;
  Patient patient;
  std::vector<ClaimLine> lines;
  Travel travel;
  Prescription prescription;
  Series series;
  SessionTime time;
  std::optional<bool> telehealth;
};

}  // namespace cotation
