// Reading valid claims from JSON Lines (docs/claim-format.md, sections 2 and 3): every field,
// members in any order, what may be absent, whitespace and Unicode, numbers exactly from their text.
#include "evaluate/claim_json.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "evaluate/claim_json_fixture.hpp"

namespace cotation {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

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

}  // namespace
}  // namespace cotation
