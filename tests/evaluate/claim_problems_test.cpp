// The problems of malformed claim lines (docs/claim-format.md, sections 4 and 5): each names its place
// and is reported, never a crash; and the limits that stop the reading of hostile input.
#include "evaluate/claim_json.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "evaluate/claim_json_fixture.hpp"

namespace cotation {
namespace {

using ::testing::HasSubstr;

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

TEST(ReadClaimLimits, ATenMegabyteLineIsAProblem) {
  std::string line = R"({"id":"big","lines":[{"code":")";
  line.append(10U << 20U, 'A');
  line += R"("}]})";
  const ClaimReadResult result = read_claim(line);
  EXPECT_FALSE(result.claim.has_value());
  ASSERT_EQ(result.problems.size(), 1U) << messages(result);
  EXPECT_THAT(render_message(result.problems[0]), HasSubstr("trop long"));
  EXPECT_EQ(result.id, "big");  // read from the head of the line

  std::string spaces(11U << 20U, ' ');
  EXPECT_THAT(messages(read_claim(R"({"id":"s",)" + spaces + "}")), HasSubstr("trop long"));
}

// The batch keeps only the head of a line over the limit (the limit and one byte more) and gives
// the reader the line's real length, which the message carries.
TEST(ReadClaimLimits, AHeadIsReportedWithTheLengthOfItsLine) {
  ClaimReadLimits limits;
  limits.max_line_bytes = 40;
  const std::string head = R"({"id":"cut","lines":[{"code":"AMK 7"},{"c)";
  ASSERT_EQ(head.size(), 41U);
  ClaimReadResult result;
  read_claim(head, 5'000'000, limits, result);
  EXPECT_FALSE(result.claim.has_value());
  EXPECT_EQ(result.id, "cut");
  EXPECT_EQ(messages(result), "enregistrement trop long : 5000000 octets, au plus 40 acceptés\n");
  // A line within the limit is read whole.
  const std::string_view whole = R"({"id":"c","lines":[{"code":"A"}]})";
  read_claim(whole, whole.size(), limits, result);
  EXPECT_TRUE(result.claim.has_value()) << messages(result);
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
  EXPECT_THAT(render_message(result.problems.back()), HasSubstr("lecture de l'enregistrement arrêtée"));
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

}  // namespace
}  // namespace cotation
