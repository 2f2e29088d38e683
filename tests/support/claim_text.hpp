// A claim as read (ClaimReadResult) as text, every field, for tests and fuzzers that compare
// two readings: two results are the same exactly when their texts are.
#pragma once

#include <chrono>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>

#include "evaluate/claim_json.hpp"

namespace cotation::testing {

template <class T>
inline void put(std::ostream& out, std::string_view name, const std::optional<T>& value) {
  out << name << '=';
  if (value) {
    out << *value;
  } else {
    out << '-';
  }
  out << ' ';
}

inline void put(std::ostream& out, std::string_view name, const std::optional<Date>& value) {
  out << name << '=';
  if (value) {
    out << static_cast<int>(value->year()) << '-' << static_cast<unsigned>(value->month()) << '-'
        << static_cast<unsigned>(value->day());
  } else {
    out << '-';
  }
  out << ' ';
}

template <class Enum>
std::optional<int> number_of(const std::optional<Enum>& value) {
  if (!value) return std::nullopt;
  return static_cast<int>(*value);
}

// Every field of the result as text (decimals as written, so that 7.5 and 7.50 differ): two
// results are the same exactly when their texts are.
inline std::string text_of(const ClaimReadResult& result) {
  std::ostringstream out;
  out << "id=" << result.id << '\n';
  for (const Reason& problem : result.problems)
    out << to_string(problem.code) << '|' << problem.rule << '|' << problem.field << '|' << render_message(problem)
        << '|' << problem.source << '\n';
  if (!result.claim) return out.str() + "no claim\n";
  const Claim& claim = *result.claim;
  out << "claim.id=" << claim.id << ' ';
  put(out, "date", claim.date);
  put(out, "region", number_of(claim.region));
  put(out, "place", number_of(claim.place));
  out << "\npatient=" << claim.patient.id << ' ';
  put(out, "age", claim.patient.age);
  put(out, "birth_date", claim.patient.birth_date);
  for (const ClaimLine& line : claim.lines) out << "\nline code=" << line.code << " act=" << line.act;
  out << "\ntravel ";
  put(out, "distance_km",
      claim.travel.distance_km ? std::optional<std::string>(claim.travel.distance_km->to_string()) : std::nullopt);
  put(out, "same_agglomeration", claim.travel.same_agglomeration);
  put(out, "casf_establishment", claim.travel.casf_establishment);
  put(out, "charged_for_another_patient", claim.travel.charged_for_another_patient);
  put(out, "nearest_practitioner_km",
      claim.travel.nearest_practitioner_km
          ? std::optional<std::string>(claim.travel.nearest_practitioner_km->to_string())
          : std::nullopt);
  out << "\nprescription ";
  put(out, "kind", number_of(claim.prescription.kind));
  put(out, "initial_date", claim.prescription.initial_date);
  put(out, "renewal_date", claim.prescription.renewal_date);
  put(out, "prescriber_number", claim.prescription.prescriber_number);
  put(out, "prior_diagnosis", claim.prescription.prior_diagnosis);
  out << "id=" << claim.prescription.id << "\npractitioner ";
  put(out, "structure", number_of(claim.practitioner.structure));
  out << "\nseries ";
  put(out, "session_number", claim.series.session_number);
  put(out, "sessions_12_months_before", claim.series.sessions_12_months_before);
  put(out, "prior_approval", claim.series.prior_approval);
  out << "\nsame_day ";
  put(out, "earlier_sessions", claim.same_day.earlier_sessions);
  put(out, "same_prescription", claim.same_day.same_prescription);
  put(out, "same_article", claim.same_day.same_article);
  put(out, "same_body_region", claim.same_day.same_body_region);
  out << "\nepisode=" << claim.episode_id << "\ntime ";
  put(out, "night", claim.time.night);
  put(out, "sunday_or_holiday", claim.time.sunday_or_holiday);
  put(out, "urgent", claim.time.urgent);
  put(out, "telehealth", claim.telehealth);
  put(out, "orthopaedic_discharge_date", claim.orthopaedic_discharge_date);
  put(out, "return_home_programme", claim.return_home_programme);
  out << "\nmeta=" << claim.meta;
  if (claim.history) {
    out << "\nhistory";
    for (const EarlierSession& session : *claim.history) {
      out << "\nsession ";
      put(out, "date", session.date);
      out << "prescription_id=" << session.prescription_id << " episode_id=" << session.episode_id;
      for (const EarlierLine& line : session.lines) {
        out << "\n  line code=" << line.code << " act=" << line.act << " accepted=" << line.accepted;
      }
    }
  }
  return out.str() + '\n';
}

}  // namespace cotation::testing
