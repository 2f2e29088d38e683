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
#include "cotation/export.h"

COTATION_PUBLIC_BEGIN
namespace cotation {

using Date = std::chrono::year_month_day;

enum class Region { metropole, drom };
enum class Place { cabinet, domicile, etablissement };
enum class PrescriptionKind { medical, renewal, direct_access };
// Where the practitioner works: direct access is open only in these structures (seed 002).
enum class PracticeStructure {
  health_facility,
  social_medico_social,
  primary_care_team,
  specialised_care_team,
  health_centre,
  health_home,
  none
};

struct ClaimLine {
  std::string code;      // as billed: "RAM 8.09", "IFD", "IK"
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
  // NGAP art. 13.1: one travel charge per trip for several patients of one establishment for
  // the elderly governed by the CASF; given by the sender (see docs/claim-format.md, §7).
  std::optional<bool> casf_establishment;
  std::optional<bool> charged_for_another_patient;  // this trip's travel already billed there
  // NGAP art. 13 C 3°: one way, from the patient to the nearest practitioner of the same
  // discipline; the kilometre indemnity is computed on it when it is the shorter distance.
  std::optional<Decimal> nearest_practitioner_km;
};

struct Prescription {
  std::optional<PrescriptionKind> kind;
  std::optional<Date> initial_date;              // of the initial medical prescription
  std::optional<Date> renewal_date;              // of its renewal by the physiotherapist
  std::optional<std::string> prescriber_number;  // as billed: 9 digits
  std::optional<bool> prior_diagnosis;           // direct access: a medical diagnosis was made before
  std::string id;                                // empty: not given; tells two same-day sessions' prescriptions apart
};

struct Practitioner {
  std::optional<PracticeStructure> structure;
};

struct Series {
  std::optional<std::int32_t> session_number;             // 1 for the first session of the series
  std::optional<std::int32_t> sessions_12_months_before;  // same condition, 12 months before
  std::optional<bool> prior_approval;                     // the fund's prior approval (DAP) granted
};

// The patient's other sessions of the same day (seed 002, avenant 7): given, or derived from
// the patient's earlier claims in the same input (docs/claim-format.md, §7).
struct SameDay {
  std::optional<std::int32_t> earlier_sessions;
  std::optional<bool> same_prescription;  // as one of the earlier sessions
  std::optional<bool> same_article;       // an act of the same NGAP article as one of theirs
  std::optional<bool> same_body_region;   // an act of the same anatomical region as one of theirs
};

struct SessionTime {
  std::optional<bool> night;
  std::optional<bool> sunday_or_holiday;
  std::optional<bool> urgent;
};

// One earlier session of the patient, as a claim may carry it (docs/claim-format.md §7, "History
// carried by the claim"): its date, its lines (whether each was accepted), its prescription.id
// and episode.id. Only what the counts of the history read.
struct EarlierLine {
  std::string code;
  std::string act = {};
  bool accepted = true;
};
struct EarlierSession {
  std::optional<Date> date;
  std::vector<EarlierLine> lines;
  std::string prescription_id;  // empty: not given
  std::string episode_id;       // empty: not given
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
  Practitioner practitioner;
  Series series;
  SameDay same_day;
  std::string episode_id;  // empty: not given; the care episode of the FRD and FAD forfaits
  SessionTime time;
  std::optional<bool> telehealth;
  // NGAP art. 13 E: the discharge from a hospitalisation for orthopaedic or traumatological
  // surgery (the IFS of art. 1 A/B/C/E/F acts, up to day 35 after it).
  std::optional<Date> orthopaedic_discharge_date;
  // The session belongs to a fund's return-home programme (PRADO): no day-35 limit on the IFS,
  // no cap at the nearest practitioner (NGAP art. 13 C 3° and E).
  std::optional<bool> return_home_programme;
  // The caller's own data (a JSON object, as text), returned untouched in the decision; empty:
  // none. The engine never reads it.
  std::string meta;
  // The patient's earlier sessions in the window the rules read, when the sender gives them:
  // given (even empty), they are the whole history of this claim (docs/claim-format.md §7).
  std::optional<std::vector<EarlierSession>> history;
};

}  // namespace cotation
COTATION_PUBLIC_END
