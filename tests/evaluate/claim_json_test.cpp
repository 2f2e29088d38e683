// Reading claims from JSON Lines and writing decisions: the v1 format of docs/claim-format.md.
#include "evaluate/claim_json.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace cotation {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using ::testing::HasSubstr;

// The example claim of the product brief, on one line.
constexpr std::string_view brief_example =
    R"({"id":"c1","date":"2025-07-01","region":"metropole",)"
    R"("place":"domicile",)"
    R"("patient":{"id":"p1","age":45},)"
    R"("lines":[{"code":"RAM 8.09"},{"code":"IFD"},{"code":"IK"}],)"
    R"("travel":{"distance_km":"7.5","same_agglomeration":false},)"
    R"("prescription":{"kind":"medical"},)"
    R"("series":{"session_number":3,"sessions_12_months_before":2,"prior_approval":false},)"
    R"("time":{"night":false,"sunday_or_holiday":false,"urgent":false},)"
    R"("telehealth":false})";

std::string messages(const ClaimReadResult& result) {
  std::string out;
  for (const Reason& problem : result.problems) out += problem.message + "\n";
  return out;
}

// A minimal valid record with `members` added at the end of its root object.
std::string record_with(std::string_view members) {
  std::string line = R"({"id":"c1","lines":[{"code":"AMK 7"}])";
  if (!members.empty()) {
    line += ',';
    line += members;
  }
  line += '}';
  return line;
}

// The record must be refused with one problem whose message holds each of `parts`.
void expect_problem(std::string_view line, std::vector<std::string_view> parts) {
  SCOPED_TRACE(std::string(line.substr(0, 200)));
  const ClaimReadResult result = read_claim(line);
  ASSERT_FALSE(result.claim.has_value()) << "no problem reported";
  ASSERT_FALSE(result.problems.empty());
  bool found = false;
  for (const Reason& problem : result.problems) {
    EXPECT_TRUE(problem.rule.empty()) << problem.rule;
    EXPECT_NE(to_string(problem.code), "unknown");
    EXPECT_EQ(problem.source, "docs/claim-format.md");
    bool all = true;
    for (const std::string_view part : parts) all = all && problem.message.find(part) != std::string::npos;
    found = found || all;
  }
  EXPECT_TRUE(found) << "problems:\n" << messages(result);
}

Decimal distance_of(std::string_view json_value) {
  const ClaimReadResult result = read_claim(record_with(R"("travel":{"distance_km":)" + std::string(json_value) + "}"));
  if (!result.claim) {
    ADD_FAILURE() << json_value << ":\n" << messages(result);
    return Decimal();
  }
  if (!result.claim->travel.distance_km) {
    ADD_FAILURE() << json_value << ": no distance";
    return Decimal();
  }
  return *result.claim->travel.distance_km;
}

// ---- Reading valid records -------------------------------------------------------------------

TEST(ReadClaim, ReadsTheBriefExampleWithEveryField) {
  const ClaimReadResult result = read_claim(brief_example);
  ASSERT_TRUE(result.claim.has_value()) << messages(result);
  EXPECT_TRUE(result.problems.empty());
  EXPECT_EQ(result.id, "c1");
  const Claim& claim = *result.claim;
  EXPECT_EQ(claim.id, "c1");
  EXPECT_EQ(claim.date, (Date{year{2025}, month{7}, day{1}}));
  EXPECT_EQ(claim.region, Region::metropole);
  EXPECT_EQ(claim.place, Place::domicile);
  EXPECT_EQ(claim.patient.id, "p1");
  EXPECT_EQ(claim.patient.age, 45);
  EXPECT_FALSE(claim.patient.birth_date.has_value());
  ASSERT_EQ(claim.lines.size(), 3U);
  EXPECT_EQ(claim.lines[0].code, "RAM 8.09");
  EXPECT_EQ(claim.lines[1].code, "IFD");
  EXPECT_EQ(claim.lines[2].code, "IK");
  ASSERT_TRUE(claim.travel.distance_km.has_value());
  EXPECT_EQ(*claim.travel.distance_km, Decimal::parse("7.5"));
  EXPECT_EQ(claim.travel.distance_km->to_string(), "7.5");
  EXPECT_EQ(claim.travel.same_agglomeration, false);
  EXPECT_EQ(claim.prescription.kind, PrescriptionKind::medical);
  EXPECT_EQ(claim.series.session_number, 3);
  EXPECT_EQ(claim.series.sessions_12_months_before, 2);
  EXPECT_EQ(claim.series.prior_approval, false);
  EXPECT_EQ(claim.time.night, false);
  EXPECT_EQ(claim.time.sunday_or_holiday, false);
  EXPECT_EQ(claim.time.urgent, false);
  EXPECT_EQ(claim.telehealth, false);
}

// The member lookup starts after the last member met: the brief example with every object's
// members in reverse order reads the same claim.
TEST(ReadClaim, MembersInAnyOrderReadTheSame) {
  const ClaimReadResult reversed =
      read_claim(R"({"telehealth":false,"time":{"urgent":false,"sunday_or_holiday":false,"night":false},)"
                 R"("series":{"prior_approval":false,"sessions_12_months_before":2,"session_number":3},)"
                 R"("prescription":{"kind":"medical"},"travel":{"same_agglomeration":false,"distance_km":"7.5"},)"
                 R"("lines":[{"code":"RAM 8.09"},{"code":"IFD"},{"code":"IK"}],"patient":{"age":45,"id":"p1"},)"
                 R"("place":"domicile","region":"metropole","date":"2025-07-01","id":"c1"})");
  const ClaimReadResult in_order = read_claim(brief_example);
  ASSERT_TRUE(reversed.claim.has_value()) << messages(reversed);
  ASSERT_TRUE(in_order.claim.has_value()) << messages(in_order);
  const Claim& a = *reversed.claim;
  const Claim& b = *in_order.claim;
  EXPECT_TRUE(a.id == b.id && a.date == b.date && a.region == b.region && a.place == b.place);
  EXPECT_TRUE(a.patient.id == b.patient.id && a.patient.age == b.patient.age);
  ASSERT_EQ(a.lines.size(), 3U);
  EXPECT_TRUE(a.lines[0].code == b.lines[0].code && a.lines[2].code == b.lines[2].code);
  EXPECT_TRUE(a.travel.distance_km == b.travel.distance_km &&
              a.travel.same_agglomeration == b.travel.same_agglomeration);
  EXPECT_TRUE(a.prescription.kind == b.prescription.kind && a.telehealth == b.telehealth);
  EXPECT_TRUE(a.series.session_number == b.series.session_number &&
              a.series.sessions_12_months_before == b.series.sessions_12_months_before &&
              a.series.prior_approval == b.series.prior_approval);
  EXPECT_TRUE(a.time.night == b.time.night && a.time.sunday_or_holiday == b.time.sunday_or_holiday &&
              a.time.urgent == b.time.urgent);
  // A member repeated after others, with the lookup past it, is still a duplicate.
  expect_problem(record_with(R"("time":{"night":true,"urgent":false,"night":false})"),
                 {"time.night : champ en double"});
}

TEST(ReadClaim, ReadsEveryEnumerationValueAndTrue) {
  const ClaimReadResult result =
      read_claim(R"({"id":"c2","date":"2024-02-29","region":"drom","place":"etablissement",)"
                 R"("patient":{"id":"p2","age":17,"birth_date":"1980-02-29"},"lines":[{"code":"AMC 8"}],)"
                 R"("travel":{"distance_km":0,"same_agglomeration":true},"prescription":{"kind":"direct_access"},)"
                 R"("series":{"session_number":1,"sessions_12_months_before":0,"prior_approval":true},)"
                 R"("time":{"night":true,"sunday_or_holiday":true,"urgent":true},"telehealth":true})");
  ASSERT_TRUE(result.claim.has_value()) << messages(result);
  const Claim& claim = *result.claim;
  EXPECT_EQ(claim.date, (Date{year{2024}, month{2}, day{29}}));
  EXPECT_EQ(claim.region, Region::drom);
  EXPECT_EQ(claim.place, Place::etablissement);
  // Age and birth date disagree: both are kept, the rules decide which one counts.
  EXPECT_EQ(claim.patient.age, 17);
  EXPECT_EQ(claim.patient.birth_date, (Date{year{1980}, month{2}, day{29}}));
  EXPECT_EQ(claim.travel.distance_km, Decimal(0));
  EXPECT_EQ(claim.travel.same_agglomeration, true);
  EXPECT_EQ(claim.prescription.kind, PrescriptionKind::direct_access);
  EXPECT_EQ(claim.series.session_number, 1);
  EXPECT_EQ(claim.series.sessions_12_months_before, 0);
  EXPECT_EQ(claim.series.prior_approval, true);
  EXPECT_EQ(claim.time.night, true);
  EXPECT_EQ(claim.time.sunday_or_holiday, true);
  EXPECT_EQ(claim.time.urgent, true);
  EXPECT_EQ(claim.telehealth, true);

  const ClaimReadResult renewal = read_claim(record_with(R"("place":"cabinet","prescription":{"kind":"renewal"})"));
  ASSERT_TRUE(renewal.claim.has_value()) << messages(renewal);
  EXPECT_EQ(renewal.claim->place, Place::cabinet);
  EXPECT_EQ(renewal.claim->prescription.kind, PrescriptionKind::renewal);
}

TEST(ReadClaim, OnlyIdAndLinesAreRequiredAndNullMeansAbsent) {
  const ClaimReadResult minimal = read_claim(record_with(""));
  ASSERT_TRUE(minimal.claim.has_value()) << messages(minimal);
  EXPECT_FALSE(minimal.claim->date.has_value());
  EXPECT_FALSE(minimal.claim->region.has_value());
  EXPECT_FALSE(minimal.claim->patient.age.has_value());
  EXPECT_FALSE(minimal.claim->travel.distance_km.has_value());
  EXPECT_FALSE(minimal.claim->telehealth.has_value());

  const ClaimReadResult nulls = read_claim(
      record_with(R"("date":null,"region":null,"patient":{"id":null,"age":null,"birth_date":null},"travel":null,)"
                  R"("series":{"session_number":null},"telehealth":null)"));
  ASSERT_TRUE(nulls.claim.has_value()) << messages(nulls);
  EXPECT_FALSE(nulls.claim->date.has_value());
  EXPECT_FALSE(nulls.claim->patient.age.has_value());
  EXPECT_FALSE(nulls.claim->series.session_number.has_value());
}

// The fields of the same day (two sessions a day), the episode and the CASF trip.
TEST(ReadClaim, ReadsSameDayEpisodeAndSharedTripFields) {
  const ClaimReadResult result = read_claim(record_with(
      R"("prescription":{"kind":"medical","id":"o-12"},"episode":{"id":"retour-1"},)"
      R"("same_day":{"earlier_sessions":1,"same_prescription":false,"same_article":true,"same_body_region":false},)"
      R"("travel":{"casf_establishment":true,"charged_for_another_patient":false})"));
  ASSERT_TRUE(result.claim.has_value()) << messages(result);
  const Claim& claim = *result.claim;
  EXPECT_EQ(claim.prescription.id, "o-12");
  EXPECT_EQ(claim.episode_id, "retour-1");
  EXPECT_EQ(claim.same_day.earlier_sessions, 1);
  EXPECT_EQ(claim.same_day.same_prescription, false);
  EXPECT_EQ(claim.same_day.same_article, true);
  EXPECT_EQ(claim.same_day.same_body_region, false);
  EXPECT_EQ(claim.travel.casf_establishment, true);
  EXPECT_EQ(claim.travel.charged_for_another_patient, false);

  const ClaimReadResult absent = read_claim(record_with(R"("same_day":null,"episode":{"id":null})"));
  ASSERT_TRUE(absent.claim.has_value()) << messages(absent);
  EXPECT_FALSE(absent.claim->same_day.earlier_sessions.has_value());
  EXPECT_TRUE(absent.claim->episode_id.empty());
}

// NGAP art. 13 C 3° and E: the orthopaedic discharge, the return-home programme, the nearest
// practitioner's distance (a decimal, read as travel.distance_km is).
TEST(ReadClaim, ReadsDischargeReturnHomeAndNearestPractitionerFields) {
  const ClaimReadResult result =
      read_claim(record_with(R"("orthopaedic_discharge_date":"2024-02-29","return_home_programme":true,)"
                             R"("travel":{"distance_km":12,"nearest_practitioner_km":"7,5"})"));
  ASSERT_TRUE(result.claim.has_value()) << messages(result);
  const Claim& claim = *result.claim;
  EXPECT_EQ(claim.orthopaedic_discharge_date,
            (Date{std::chrono::year{2024}, std::chrono::February, std::chrono::day{29}}));
  EXPECT_EQ(claim.return_home_programme, true);
  ASSERT_TRUE(claim.travel.nearest_practitioner_km.has_value());
  EXPECT_EQ(claim.travel.nearest_practitioner_km->to_string(), "7.5");

  const ClaimReadResult absent =
      read_claim(record_with(R"("orthopaedic_discharge_date":null,"travel":{"nearest_practitioner_km":null})"));
  ASSERT_TRUE(absent.claim.has_value()) << messages(absent);
  EXPECT_FALSE(absent.claim->orthopaedic_discharge_date.has_value());
  EXPECT_FALSE(absent.claim->return_home_programme.has_value());
  EXPECT_FALSE(absent.claim->travel.nearest_practitioner_km.has_value());
}

TEST(ReadClaimProblems, DischargeReturnHomeAndNearestPractitionerProblems) {
  expect_problem(record_with(R"("orthopaedic_discharge_date":"2025-02-29")"),
                 {"orthopaedic_discharge_date", "n'existe pas"});
  expect_problem(record_with(R"("orthopaedic_discharge_date":"29/01/2025")"),
                 {"orthopaedic_discharge_date", "AAAA-MM-JJ"});
  expect_problem(record_with(R"("return_home_programme":"oui")"), {"return_home_programme", "un booléen"});
  expect_problem(record_with(R"("travel":{"nearest_practitioner_km":"-2"})"),
                 {"travel.nearest_practitioner_km", "une distance ne peut pas être négative (-2)"});
  expect_problem(record_with(R"("travel":{"nearest_practitioner_km":"7 km"})"),
                 {"travel.nearest_practitioner_km", "illisible"});
  expect_problem(record_with(R"("travel":{"nearest_km":7})"), {"travel.nearest_km", "champ inconnu"});
}

TEST(ReadClaimProblems, SameDayEpisodeAndSharedTripProblems) {
  expect_problem(record_with(R"("prescription":{"id":""})"), {"prescription.id", "l'identifiant est vide"});
  expect_problem(record_with(R"("episode":{"id":""})"), {"episode.id", "l'identifiant est vide"});
  expect_problem(record_with(R"("episode":{"id":7})"), {"episode.id", "une chaîne", "un nombre"});
  expect_problem(record_with(R"("same_day":{"earlier_sessions":-1})"), {"same_day.earlier_sessions", "négatif"});
  expect_problem(record_with(R"("same_day":{"same_article":"oui"})"), {"same_day.same_article", "un booléen"});
  expect_problem(record_with(R"("same_day":{"same_region":true})"), {"same_day.same_region", "champ inconnu"});
  expect_problem(record_with(R"("travel":{"casf_establishment":1})"), {"travel.casf_establishment", "un booléen"});
  expect_problem(record_with(R"("same_day":3)"), {"same_day", "un objet"});
}

TEST(ReadClaim, AcceptsJsonWhitespaceByteOrderMarkAndCarriageReturn) {
  const ClaimReadResult result =
      read_claim("\xEF\xBB\xBF { \"id\" : \"c1\" ,\t\"lines\" : [ { \"code\" : \"AMK 7\" } ] }\r");
  ASSERT_TRUE(result.claim.has_value()) << messages(result);
  EXPECT_EQ(result.claim->lines.at(0).code, "AMK 7");
}

TEST(ReadClaim, KeepsUnicodeInTexts) {
  const ClaimReadResult result = read_claim(R"({"id":"séance \u00e9 ✓","lines":[{"code":"AMK 7"}]})");
  ASSERT_TRUE(result.claim.has_value()) << messages(result);
  EXPECT_EQ(result.claim->id, "séance é ✓");
}

// ---- Numbers: exactly from their text --------------------------------------------------------

TEST(ReadClaim, DecimalAsTextAndAsNumberGiveTheSameDecimal) {
  const std::vector<std::pair<std::string_view, std::string_view>> cases = {
      {R"("7.5")", "7.5"},
      {R"("12")", "12"},
      {R"("0.125")", "0.125"},
      {R"("7.50")", "7.50"},
      {R"("0")", "0"},
      {R"("2.21")", "2.21"},
      {R"("18446744073709551615")", "18446744073709551615"},
  };
  for (const auto& [text, number] : cases) {
    SCOPED_TRACE(std::string(number));
    const Decimal from_text = distance_of(text);
    const Decimal from_number = distance_of(number);
    EXPECT_EQ(from_text, from_number);
    EXPECT_EQ(from_text, Decimal::parse(number));
    // Not only the same value: the same decimals as written.
    EXPECT_EQ(from_number.to_string(), std::string(number));
    EXPECT_EQ(from_text.to_string(), std::string(number));
  }
}

TEST(ReadClaim, NumbersNeverGoThroughBinaryFloatingPoint) {
  // Each of these would come back different from a double.
  EXPECT_EQ(distance_of("0.1").to_string(), "0.1");
  EXPECT_EQ(distance_of("9007199254740993").to_string(), "9007199254740993");
  EXPECT_EQ(distance_of("9007199254740993.5").to_string(), "9007199254740993.5");
  EXPECT_EQ(distance_of("0.123457").to_string(), "0.123457");
}

TEST(ReadClaim, DistancesAreReadToTheMillimetre) {
  // docs/claim-format.md §3: at most 6 decimals, so that (2 × d - 2 × abattement) × value per
  // km, and a rate, stay exact within 18 decimals. Zeros beyond the sixth are dropped.
  EXPECT_EQ(distance_of(R"("7.500000000000000000")").to_string(), "7.500000");
  EXPECT_EQ(distance_of("2.5000000").to_string(), "2.500000");
  // issue 21, R7: 17 and 18 decimals were read, then the IK was refused in mixed languages.
  expect_problem(record_with(R"("travel":{"distance_km":"2.00000000000000001"})"),
                 {"travel.distance_km", "trop précis", "au plus 6 décimales"});
  expect_problem(record_with(R"("travel":{"distance_km":"7.500000000000000001"})"),
                 {"travel.distance_km", "au plus 6 décimales"});
  expect_problem(record_with(R"("travel":{"distance_km":0.0000001})"), {"travel.distance_km", "au plus 6 décimales"});
}

TEST(ReadClaim, ExponentNumbersAreReadExactly) {
  EXPECT_EQ(distance_of("75e-1").to_string(), "7.5");
  EXPECT_EQ(distance_of("7.5E0").to_string(), "7.5");
  EXPECT_EQ(distance_of("0.075e2").to_string(), "7.5");
  EXPECT_EQ(distance_of("1.50e1").to_string(), "15.0");
  EXPECT_EQ(distance_of("1e3").to_string(), "1000");
  EXPECT_EQ(distance_of("1.25e-3").to_string(), "0.00125");
  EXPECT_EQ(distance_of("12E+1").to_string(), "120");
}

TEST(ReadClaim, AFrenchCommaIsAcceptedInsideAString) {
  EXPECT_EQ(distance_of(R"("7,5")").to_string(), "7.5");
}

// ---- Malformed records: every problem names its place ----------------------------------------

TEST(ReadClaimProblems, NotJsonGivesTheByteOffset) {
  expect_problem(R"({"id":"c1" x})", {"JSON invalide", "octet 11"});
  expect_problem(R"({"id":"c1","lines":[)", {"JSON invalide", "octet 20", "incomplet"});
  // issue 21, R12: a line cut inside a string (or inside an escape) was "séquence d'échappement
  // invalide"; a bad escape still is.
  expect_problem(R"({"id":"c1","reg)", {"JSON invalide", "octet 15", "chaîne non terminée"});
  expect_problem(R"({"id":"c1","lines":[{"code":"AMK 7"}],"region":")", {"octet 48", "chaîne non terminée"});
  expect_problem(R"({"id":"c1\)", {"octet 10", "chaîne non terminée"});
  expect_problem(R"({"id":"c\q"})", {"octet 9", "échappement invalide"});
  expect_problem(R"({"id":"c1"} trailing)", {"octet 14", "en trop", "ailing"});
  expect_problem("{\"id\":\"c\x01\"}", {"octet 8", "contrôle"});
  expect_problem("{\"id\":\"\xff\"}", {"octet 7", "UTF-8"});
  expect_problem(R"({"id":"c1","lines":[{"code":"A"}],"travel":{"distance_km":1e999}})", {"hors limites"});
  expect_problem(R"({'id':'c1'})", {"octet 1"});
  expect_problem("", {"ligne vide"});
  expect_problem("   \r", {"ligne vide"});
}

TEST(ReadClaimProblems, TheIdIsKeptFromABrokenRecord) {
  const ClaimReadResult truncated = read_claim(R"({"id":"c7","lines":[{"code":"AMK)");
  EXPECT_FALSE(truncated.claim.has_value());
  EXPECT_EQ(truncated.id, "c7");
  const ClaimReadResult wrong = read_claim(R"({"id":"c8","lines":[{"code":""}],"region":"mars"})");
  EXPECT_FALSE(wrong.claim.has_value());
  EXPECT_EQ(wrong.id, "c8");
  const ClaimReadResult no_id = read_claim(R"({"lines":[{"code":"A"}]})");
  EXPECT_EQ(no_id.id, "");
}

TEST(ReadClaimProblems, NotAnObject) {
  expect_problem("[1,2]", {"objet JSON", "un tableau"});
  expect_problem("42", {"objet JSON", "un nombre"});
  expect_problem(R"("c1")", {"objet JSON", "une chaîne"});
  expect_problem("null", {"objet JSON", "null"});
  expect_problem("true", {"objet JSON", "un booléen"});
}

TEST(ReadClaimProblems, UnknownFieldsAreReportedNeverIgnored) {
  expect_problem(record_with(R"("foo":1)"), {"foo : champ inconnu"});
  expect_problem(record_with(R"("patient":{"id":"p1","nom":"Durand"})"), {"patient.nom : champ inconnu"});
  expect_problem(R"({"id":"c1","lines":[{"code":"A"},{"code":"B","qty":2}]})", {"lines[1].qty : champ inconnu"});
  expect_problem(record_with(R"("time":{"weekend":{"deep":[1,{"x":2}]}})"), {"time.weekend : champ inconnu"});
  expect_problem(record_with(R"("Date":"2025-01-01")"), {"Date : champ inconnu"});
  expect_problem(record_with(R"("a b":1)"), {R"(["a b"] : champ inconnu)"});
  // The unknown field's content is skipped, not reported member by member.
  const ClaimReadResult result = read_claim(record_with(R"("extra":{"a":1,"b":[1,2,3],"c":{"d":4}})"));
  EXPECT_EQ(result.problems.size(), 1U) << messages(result);
}

TEST(ReadClaimProblems, DuplicateFieldsAreReported) {
  expect_problem(R"({"id":"c1","lines":[{"code":"A"}],"id":"c2"})", {"id : champ en double"});
  expect_problem(record_with(R"("patient":{"age":4,"age":5})"), {"patient.age : champ en double"});
  EXPECT_EQ(read_claim(R"({"id":"c1","lines":[{"code":"A"}],"id":"c2"})").id, "c1");
}

TEST(ReadClaimProblems, WrongTypesNameThePathAndBothTypes) {
  expect_problem(record_with(R"("patient":{"age":"45"})"), {"patient.age", "un nombre entier", "une chaîne"});
  expect_problem(record_with(R"("telehealth":"false")"), {"telehealth", "un booléen", "une chaîne"});
  expect_problem(record_with(R"("time":{"night":0})"), {"time.night", "un booléen", "un nombre"});
  expect_problem(record_with(R"("travel":{"distance_km":true})"), {"travel.distance_km", "un booléen"});
  expect_problem(record_with(R"("travel":{"same_agglomeration":"no"})"), {"travel.same_agglomeration"});
  expect_problem(record_with(R"("patient":[])"), {"patient", "un objet", "un tableau"});
  expect_problem(record_with(R"("series":3)"), {"series", "un objet", "un nombre"});
  expect_problem(record_with(R"("date":20250701)"), {"date", "une date", "un nombre"});
  expect_problem(record_with(R"("region":1)"), {"region", "un nombre"});
  expect_problem(R"({"id":12,"lines":[{"code":"A"}]})", {"id : on attend une chaîne, pas un nombre"});
  expect_problem(R"({"id":null,"lines":[{"code":"A"}]})", {"id : on attend une chaîne, pas null"});
  expect_problem(R"({"id":"c1","lines":{"code":"A"}})", {"lines", "un tableau", "un objet"});
  expect_problem(R"({"id":"c1","lines":"AMK 7"})", {"lines", "un tableau", "une chaîne"});
  expect_problem(R"({"id":"c1","lines":null})", {"lines", "null"});
  expect_problem(R"({"id":"c1","lines":[{"code":"A"},"IFD"]})", {"lines[1]", "un objet", "une chaîne"});
  expect_problem(R"({"id":"c1","lines":[[]]})", {"lines[0]", "un objet", "un tableau"});
  expect_problem(R"({"id":"c1","lines":[{"code":7}]})", {"lines[0].code", "une chaîne", "un nombre"});
}

TEST(ReadClaimProblems, DatesMustExistAndBeWrittenYYYYMMDD) {
  expect_problem(record_with(R"("date":"2023-02-29")"), {"date", "2023-02-29", "n'existe pas"});
  expect_problem(record_with(R"("date":"2025-13-01")"), {"date", "n'existe pas"});
  expect_problem(record_with(R"("date":"2025-04-31")"), {"date", "n'existe pas"});
  // issue 21: year 0000 does not exist (1 BC is followed by AD 1).
  expect_problem(record_with(R"("date":"0000-01-01")"), {"date", "la date « 0000-01-01 » n'existe pas"});
  expect_problem(record_with(R"("date":"2025-7-1")"), {"date", "AAAA-MM-JJ", "2025-7-1"});
  expect_problem(record_with(R"("date":"01/07/2025")"), {"date", "AAAA-MM-JJ"});
  expect_problem(record_with(R"("date":"2025-07-01T10:00")"), {"date", "AAAA-MM-JJ"});
  expect_problem(record_with(R"("date":"")"), {"date", "AAAA-MM-JJ"});
  expect_problem(record_with(R"("patient":{"birth_date":"1981-02-29"})"), {"patient.birth_date", "n'existe pas"});
}

TEST(ReadClaimProblems, UnknownEnumerationValuesListTheAllowedOnes) {
  expect_problem(record_with(R"("region":"corse")"), {"region", "corse", "metropole, drom"});
  expect_problem(record_with(R"("region":"Metropole")"), {"region", "Metropole"});
  expect_problem(record_with(R"("place":"hopital")"), {"place", "hopital", "cabinet, domicile, etablissement"});
  expect_problem(record_with(R"("prescription":{"kind":"none"})"),
                 {"prescription.kind", "none", "medical, renewal, direct_access"});
}

TEST(ReadClaim, ReadsTheRenewalAndDirectAccessFields) {
  const ClaimReadResult result = read_claim(record_with(
      R"("prescription":{"kind":"renewal","initial_date":"2024-02-29","renewal_date":"2025-02-28",)"
      R"("prescriber_number":"291991123","prior_diagnosis":false},"practitioner":{"structure":"health_home"})"));
  ASSERT_TRUE(result.claim.has_value()) << messages(result);
  const Prescription& prescription = result.claim->prescription;
  EXPECT_EQ(prescription.initial_date, (Date{year(2024), month(2), day(29)}));
  EXPECT_EQ(prescription.renewal_date, (Date{year(2025), month(2), day(28)}));
  EXPECT_EQ(prescription.prescriber_number, "291991123");
  EXPECT_EQ(prescription.prior_diagnosis, false);
  EXPECT_EQ(result.claim->practitioner.structure, PracticeStructure::health_home);
  // Absent from a claim that does not use them: left absent, never defaulted.
  const ClaimReadResult plain = read_claim(record_with(R"("prescription":{"kind":"medical"},"practitioner":null)"));
  ASSERT_TRUE(plain.claim.has_value()) << messages(plain);
  EXPECT_FALSE(plain.claim->prescription.initial_date.has_value());
  EXPECT_FALSE(plain.claim->prescription.prescriber_number.has_value());
  EXPECT_FALSE(plain.claim->prescription.prior_diagnosis.has_value());
  EXPECT_FALSE(plain.claim->practitioner.structure.has_value());
}

TEST(ReadClaim, ReadsEveryPracticeStructure) {
  const std::pair<std::string_view, PracticeStructure> structures[] = {
      {"health_facility", PracticeStructure::health_facility},
      {"social_medico_social", PracticeStructure::social_medico_social},
      {"primary_care_team", PracticeStructure::primary_care_team},
      {"specialised_care_team", PracticeStructure::specialised_care_team},
      {"health_centre", PracticeStructure::health_centre},
      {"health_home", PracticeStructure::health_home},
      {"none", PracticeStructure::none},
  };
  for (const auto& [name, structure] : structures) {
    const ClaimReadResult result =
        read_claim(record_with(R"("practitioner":{"structure":")" + std::string(name) + R"("})"));
    ASSERT_TRUE(result.claim.has_value()) << name << ": " << messages(result);
    EXPECT_EQ(result.claim->practitioner.structure, structure) << name;
  }
}

TEST(ReadClaimProblems, RenewalAndDirectAccessFieldsOfTheWrongKind) {
  expect_problem(record_with(R"("prescription":{"initial_date":"2023-02-29"})"),
                 {"prescription.initial_date", "2023-02-29", "n'existe pas"});
  expect_problem(record_with(R"("prescription":{"renewal_date":"01/03/2025"})"),
                 {"prescription.renewal_date", "AAAA-MM-JJ"});
  expect_problem(record_with(R"("prescription":{"renewal_date":20250301})"),
                 {"prescription.renewal_date", "une date", "un nombre"});
  expect_problem(record_with(R"("prescription":{"prescriber_number":291991123})"),
                 {"prescription.prescriber_number", "une chaîne de 9 chiffres", "un nombre"});
  expect_problem(record_with(R"("prescription":{"prescriber_number":"29199112"})"),
                 {"prescription.prescriber_number", "9 chiffres", "29199112"});
  expect_problem(record_with(R"("prescription":{"prescriber_number":"29199112X"})"),
                 {"prescription.prescriber_number", "29199112X"});
  expect_problem(record_with(R"("prescription":{"prior_diagnosis":"no"})"),
                 {"prescription.prior_diagnosis", "un booléen", "une chaîne"});
  expect_problem(record_with(R"("practitioner":{"structure":"cabinet"})"),
                 {"practitioner.structure", "cabinet",
                  "health_facility, social_medico_social, primary_care_team, "
                  "specialised_care_team, health_centre, health_home, none"});
  expect_problem(record_with(R"("practitioner":"health_home")"), {"practitioner", "un objet", "une chaîne"});
  expect_problem(record_with(R"("practitioner":{"kind":"health_home"})"), {"practitioner.kind", "champ inconnu"});
}

TEST(ReadClaimProblems, OutOfRangeNumbers) {
  expect_problem(record_with(R"("travel":{"distance_km":"-3"})"), {"travel.distance_km", "négative", "-3"});
  expect_problem(record_with(R"("travel":{"distance_km":-0.5})"), {"travel.distance_km", "négative", "-0.5"});
  expect_problem(record_with(R"("patient":{"age":-1})"), {"patient.age", "négatif"});
  expect_problem(record_with(R"("series":{"session_number":0})"), {"series.session_number", "commence à 1"});
  expect_problem(record_with(R"("series":{"session_number":-4})"), {"series.session_number", "commence à 1"});
  expect_problem(record_with(R"("series":{"sessions_12_months_before":-1})"),
                 {"series.sessions_12_months_before", "négatif"});
  expect_problem(record_with(R"("patient":{"age":45.5})"), {"patient.age", "nombre entier", "45.5"});
  expect_problem(record_with(R"("patient":{"age":1e2})"), {"patient.age", "nombre entier"});
  expect_problem(record_with(R"("patient":{"age":3000000000})"), {"patient.age", "hors limites"});
  expect_problem(record_with(R"("patient":{"age":-99999999999999999999})"), {"patient.age", "hors limites"});
  // Minus zero is zero, not negative.
  EXPECT_TRUE(read_claim(record_with(R"("travel":{"distance_km":-0})")).claim.has_value());
}

TEST(ReadClaimProblems, UnreadableDecimals) {
  expect_problem(record_with(R"("travel":{"distance_km":"7.5 km"})"), {"travel.distance_km", "illisible", "7.5 km"});
  expect_problem(record_with(R"("travel":{"distance_km":"abc"})"), {"travel.distance_km", "illisible"});
  expect_problem(record_with(R"("travel":{"distance_km":""})"), {"travel.distance_km", "illisible"});
  expect_problem(record_with(R"("travel":{"distance_km":"1e2"})"), {"travel.distance_km", "illisible"});
  expect_problem(record_with(R"("travel":{"distance_km":"99999999999999999999999"})"),
                 {"travel.distance_km", "trop grand"});
  expect_problem(record_with(R"("travel":{"distance_km":99999999999999999999999})"),
                 {"travel.distance_km", "trop grand"});
  expect_problem(record_with(R"("travel":{"distance_km":1e-300})"),
                 {"travel.distance_km", "trop grand ou trop précis"});
  expect_problem(record_with(R"("travel":{"distance_km":1e-9999999})"), {"travel.distance_km", "trop grand"});
  // Beyond what a double holds, the JSON parser itself stops.
  expect_problem(record_with(R"("travel":{"distance_km":1e9999999})"), {"JSON invalide", "hors limites"});
}

TEST(ReadClaimProblems, MissingIdLinesAndCodes) {
  expect_problem(R"({"lines":[{"code":"A"}]})", {"id : champ obligatoire absent"});
  expect_problem(R"({"id":"c1"})", {"lines : champ obligatoire absent"});
  expect_problem(R"({})", {"id : champ obligatoire absent"});
  expect_problem(R"({"id":"c1","lines":[]})", {"lines : le tableau est vide"});
  expect_problem(R"({"id":"","lines":[{"code":"A"}]})", {"id : l'identifiant est vide"});
  expect_problem(R"({"id":"c1","lines":[{"code":"A"},{"code":"B"},{"code":""}]})", {"lines[2].code", "vide"});
  expect_problem(R"({"id":"c1","lines":[{"code":"A"},{"code":"  "}]})", {"lines[1].code", "vide"});
  expect_problem(R"({"id":"c1","lines":[{"code":"A"},{}]})", {"lines[1].code : champ obligatoire absent"});
  expect_problem(R"({"id":"c1","lines":[{"code":null}]})", {"lines[0].code", "null"});
  // A record with several problems gets all of them.
  const ClaimReadResult result = read_claim(R"({"lines":[{}],"region":"x","foo":1})");
  EXPECT_EQ(result.problems.size(), 4U) << messages(result);
}

// ---- Hostile input: a problem, never a crash -------------------------------------------------

TEST(ReadClaimLimits, ATenMegabyteLineIsAProblem) {
  std::string line = R"({"id":"big","lines":[{"code":")";
  line.append(10U << 20U, 'A');
  line += R"("}]})";
  const ClaimReadResult result = read_claim(line);
  EXPECT_FALSE(result.claim.has_value());
  ASSERT_EQ(result.problems.size(), 1U) << messages(result);
  EXPECT_THAT(result.problems[0].message, HasSubstr("trop long"));
  EXPECT_EQ(result.id, "big");  // read from the head of the line

  std::string spaces(11U << 20U, ' ');
  EXPECT_THAT(messages(read_claim(R"({"id":"s",)" + spaces + "}")), HasSubstr("trop long"));
}

TEST(ReadClaimLimits, DeepNestingIsAProblem) {
  constexpr std::size_t depth = 100'000;
  const std::string arrays = std::string(depth, '[') + std::string(depth, ']');
  expect_problem(arrays, {"objet JSON"});
  expect_problem(record_with(R"("extra":)" + arrays), {"imbrication trop profonde"});
  expect_problem(record_with(R"("extra":)" + std::string(depth, '[')), {"imbrication trop profonde"});

  std::string objects;
  for (std::size_t i = 0; i < depth; ++i) objects += R"({"a":)";
  objects += "1";
  objects.append(depth, '}');
  expect_problem(objects, {"imbrication trop profonde"});

  // Nesting inside the known structure: the path says where.
  std::string in_lines = R"({"id":"c1","lines":[)" + std::string(depth, '[');
  expect_problem(in_lines, {"lines[0]", "imbrication trop profonde"});
}

TEST(ReadClaimLimits, TooManyLinesAndTooManyProblemsStopTheReading) {
  std::string lines = R"({"id":"c1","lines":[)";
  for (int i = 0; i < 1500; ++i) lines += R"({"code":"AMK 7"},)";
  lines += R"({"code":"AMK 7"}]})";
  expect_problem(lines, {"lines", "plus de 1000 lignes"});

  std::string unknown = R"({"id":"c1","lines":[{"code":"A"}])";
  for (int i = 0; i < 10'000; ++i) unknown += ",\"f" + std::to_string(i) + "\":1";
  unknown += '}';
  const ClaimReadResult result = read_claim(unknown);
  EXPECT_EQ(result.problems.size(), ClaimReadLimits{}.max_problems + 1);
  EXPECT_THAT(result.problems.back().message, HasSubstr("lecture de l'enregistrement arrêtée"));
  EXPECT_EQ(result.id, "c1");
}

TEST(ReadClaimLimits, LimitsCanBeChosen) {
  ClaimReadLimits limits;
  limits.max_line_bytes = 16;
  EXPECT_THAT(messages(read_claim(brief_example, limits)), HasSubstr("trop long"));
  limits = ClaimReadLimits{};
  limits.max_depth = 2;
  EXPECT_THAT(messages(read_claim(brief_example, limits)),
              HasSubstr("lines[0] : imbrication trop profonde (plus de 2 niveaux)"));
  limits = ClaimReadLimits{};
  limits.max_claim_lines = 2;
  EXPECT_THAT(messages(read_claim(brief_example, limits)), HasSubstr("lines[2] : plus de 2 lignes"));
}

TEST(ReadClaimLimits, EveryPrefixOfAValidRecordIsAProblemNotACrash) {
  for (std::size_t size = 0; size < brief_example.size(); ++size) {
    const ClaimReadResult result = read_claim(brief_example.substr(0, size));
    EXPECT_FALSE(result.claim.has_value()) << size;
    EXPECT_FALSE(result.problems.empty()) << size;
  }
}

TEST(ReadClaimLimits, CorruptedBytesNeverCrash) {
  // Every byte of the example replaced in turn by a few troublesome ones.
  for (std::size_t at = 0; at < brief_example.size(); ++at) {
    for (const char replacement : {'\0', '"', '{', ']', '\xff', '-', '9', ','}) {
      std::string line(brief_example);
      line[at] = replacement;
      const ClaimReadResult result = read_claim(line);
      EXPECT_NE(result.claim.has_value(), !result.problems.empty());
    }
  }
}

// ---- Writing decisions -----------------------------------------------------------------------

TEST(WriteDecision, WritesTheExactLine) {
  ClaimDecision decision;
  decision.id = "c1";
  decision.decision = Decision::refused;
  decision.total = Decimal::parse("24.56");
  decision.lines.push_back({"RAM 8.09", Decision::accepted, Decimal::parse("17.88"), {}});
  decision.lines.push_back({"IFD", Decision::accepted, Decimal::parse("2.5"), {}});
  decision.lines.push_back({"IK", Decision::accepted, Decimal::from_scaled(418, 2), {}});
  decision.lines.push_back(
      {"AMK 7",
       Decision::refused,
       std::nullopt,
       {{ReasonCode::not_cumulable, "cumul", "", "Non cumulable avec « RAM »", "NGAP art. 11 B"}}});
  decision.reasons.push_back({ReasonCode::missing_data, "", "patient.age", "m", "s"});
  decision.rule_set = "sha256:abc";
  decision.meta = R"({"dossier": [1, "x"]})";
  EXPECT_EQ(write_decision(decision),
            R"({"format":"cotation.decision/2","id":"c1","decision":"refused","total":"24.56","lines":[)"
            R"({"code":"RAM 8.09","decision":"accepted","amount":"17.88","reasons":[]},)"
            R"({"code":"IFD","decision":"accepted","amount":"2.50","reasons":[]},)"
            R"({"code":"IK","decision":"accepted","amount":"4.18","reasons":[]},)"
            R"({"code":"AMK 7","decision":"refused","amount":null,"reasons":[)"
            R"({"code":"not_cumulable","rule":"cumul","field":null,"message":"Non cumulable avec « RAM »",)"
            R"("source":"NGAP art. 11 B"}]}],"reasons":[{"code":"missing_data","rule":null,"field":"patient.age",)"
            R"("message":"m","source":"s"}],"rule_set":"sha256:abc","meta":{"dossier": [1, "x"]}})");
}

TEST(WriteDecision, EscapesQuotesBackslashesAndControlCharacters) {
  ClaimDecision decision;
  decision.id = "c\"1\\x";
  decision.decision = Decision::invalid;
  decision.reasons.push_back(
      {ReasonCode::not_json, "", "", std::string("ligne\n2\t\x01\x1f fin\x7f", 15), "docs/claim-format.md"});
  decision.reasons.push_back({ReasonCode::rule_refusal, "nul", "", std::string("a\0b", 3), "é✓😀"});
  EXPECT_EQ(write_decision(decision), R"({"format":"cotation.decision/2","id":"c\"1\\x","decision":"invalid",)"
                                      R"("total":"0.00","lines":[],"reasons":[)"
                                      R"({"code":"not_json","rule":null,"field":null,)"
                                      R"("message":"ligne\u000a2\u0009\u0001\u001f fin)"
                                      "\x7f"
                                      R"(","source":"docs/claim-format.md"},)"
                                      R"({"code":"rule_refusal","rule":"nul","field":null,)"
                                      R"("message":"a\u0000b","source":"é✓😀"}],"rule_set":""})");
}

TEST(WriteDecision, ReplacesInvalidUtf8SoTheLineIsAlwaysValid) {
  std::string out;
  append_json_string(out,
                     "a\xff"
                     "b\xc3"
                     "c\xed\xa0\x80"
                     "d\xe2\x82");
  EXPECT_EQ(out,
            "\"a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD"
            "c\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
            "d\xEF\xBF\xBD\xEF\xBF\xBD\"");
  out.clear();
  append_json_string(out, "\xc0\xaf");  // an overlong '/'
  EXPECT_EQ(out, "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
}

// Texts that are escapes from end to end write several times their size; the output string is
// reused, longer and shorter than the line, as a batch reuses it.
TEST(WriteDecision, TextsOfEscapesOnlyAndAReusedOutput) {
  const std::string controls(300, '\x01');
  const std::string quotes(300, '"');
  const std::string invalid(300, '\xff');
  ClaimDecision decision;
  decision.id = std::string(200, '\\');
  decision.decision = Decision::invalid;
  decision.reasons.push_back({ReasonCode::not_json, "", "", controls, quotes});
  decision.reasons.push_back({ReasonCode::not_json, "utf8", "", invalid, "s"});
  std::string out(5000, 'x');
  write_decision(decision, out);
  const nlohmann::json parsed = nlohmann::json::parse(out);
  EXPECT_EQ(parsed.at("id").get<std::string>(), decision.id);
  EXPECT_EQ(parsed.at("reasons").at(0).at("message").get<std::string>(), controls);
  EXPECT_EQ(parsed.at("reasons").at(0).at("source").get<std::string>(), quotes);
  std::string replaced;
  for (int i = 0; i < 300; ++i) replaced += "\xEF\xBF\xBD";
  EXPECT_EQ(parsed.at("reasons").at(1).at("message").get<std::string>(), replaced);

  ClaimDecision small;
  small.id = "c1";
  write_decision(small, out);
  EXPECT_EQ(out, R"({"format":"cotation.decision/2","id":"c1","decision":"refused","total":"0.00","lines":[],)"
                 R"("reasons":[],"rule_set":""})");

  out = "[";
  append_json_string(out, controls);
  std::string expected = "[\"";
  for (int i = 0; i < 300; ++i) expected += "\\u0001";
  EXPECT_EQ(out, expected + "\"");
}

TEST(WriteDecision, TheLineIsValidJsonThatReadsBack) {
  ClaimDecision decision;
  decision.id = std::string("weird \"id\"\n\\ \x02 \xff é", 19);
  decision.decision = Decision::prior_approval;
  decision.total = Decimal::parse("-0.5");
  decision.lines.push_back({"RAM 8.09", Decision::prior_approval, Decimal::parse("17.880"), {}});
  const std::string line = write_decision(decision);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  const nlohmann::json parsed = nlohmann::json::parse(line);  // throws if not valid JSON
  EXPECT_EQ(parsed.at("id").get<std::string>(), "weird \"id\"\n\\ \x02 \xEF\xBF\xBD é");
  EXPECT_EQ(parsed.at("decision").get<std::string>(), "prior_approval");
  EXPECT_EQ(parsed.at("total").get<std::string>(), "-0.50");
  EXPECT_EQ(parsed.at("lines").at(0).at("amount").get<std::string>(), "17.88");
  std::vector<std::string> keys;
  for (const auto& item : parsed.items()) keys.push_back(item.key());
  // nlohmann's object is sorted; the order on the line is checked by WritesTheExactLine.
  EXPECT_EQ(keys.size(), 7U);
}

TEST(WriteDecision, AnAmountBeyondTheCentIsNeverRoundedSilently) {
  ClaimDecision decision;
  decision.total = Decimal::parse("18.785");
  EXPECT_THROW((void)write_decision(decision), DecimalError);
}

// The writer formats amounts into a buffer of its own (no std::string per amount): the same
// text as Decimal::to_string(2), over signs, zero, scales and the largest magnitude.
TEST(WriteDecision, AmountsAreWrittenAsToStringWritesThem) {
  for (const std::string_view text :
       {"0", "-0.00", "0.05", "-0.05", "17.88", "-17.880", "2.5", "242", "1.000000000000000000",
        "-184467440737095516.15", "184467440737095516.15", "18446744073709551615"}) {
    ClaimDecision decision;
    decision.total = Decimal::parse(text);
    decision.lines.push_back({"RAM 8.09", Decision::accepted, Decimal::parse(text), {}});
    const nlohmann::json parsed = nlohmann::json::parse(write_decision(decision));
    const std::string expected = decision.total.to_string(2);
    EXPECT_EQ(parsed.at("total").get<std::string>(), expected) << text;
    EXPECT_EQ(parsed.at("lines").at(0).at("amount").get<std::string>(), expected) << text;
  }
}

TEST(WriteDecision, DecisionNames) {
  EXPECT_EQ(to_string(Decision::accepted), "accepted");
  EXPECT_EQ(to_string(Decision::refused), "refused");
  EXPECT_EQ(to_string(Decision::prior_approval), "prior_approval");
  EXPECT_EQ(to_string(Decision::invalid), "invalid");
}

TEST(WriteDecision, AnInvalidRecordRoundTripsItsProblems) {
  const ClaimReadResult read = read_claim(R"({"id":"c9","lines":[{"code":""}],"travel":{"distance_km":-1}})");
  ClaimDecision decision;
  decision.id = read.id;
  decision.decision = Decision::invalid;
  decision.reasons = read.problems;
  const nlohmann::json parsed = nlohmann::json::parse(write_decision(decision));
  EXPECT_EQ(parsed.at("id"), "c9");
  ASSERT_EQ(parsed.at("reasons").size(), 2U);
  EXPECT_EQ(parsed.at("reasons").at(0).at("message"), "lines[0].code : le code de la ligne est vide");
  EXPECT_EQ(parsed.at("reasons").at(1).at("message"),
            "travel.distance_km : une distance ne peut pas être négative (-1)");
}

}  // namespace
}  // namespace cotation
