// What the engine derives from a patient's other claims of the same day (two sessions a day,
// avenant 7: seed 002), the once-per-episode FRD and FAD (seed 004) and the one travel charge per
// trip in a CASF establishment (NGAP art. 13.1), on the shipped rules in rules/. Amounts are the
// letters' values times the coefficients, computed by hand beside each assertion.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cotation/engine.hpp"

namespace cotation {
namespace {

Date on(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
}

// A session at the practice on 2024-03-04 of `patient` from `prescription` (none when empty).
Claim session(std::string id, std::string patient, std::string prescription, std::string code) {
  Claim claim;
  claim.id = std::move(id);
  claim.date = on(2024, 3, 4);
  claim.region = Region::metropole;
  claim.place = Place::cabinet;
  claim.patient.id = std::move(patient);
  claim.patient.age = 45;
  claim.lines.push_back(ClaimLine{std::move(code)});
  claim.prescription.kind = PrescriptionKind::medical;
  claim.prescription.id = std::move(prescription);
  claim.series = {3, 2, false};
  claim.time = {false, false, false};
  claim.telehealth = false;
  return claim;
}

bool has_reason(const LineDecision& line, std::string_view text) {
  for (const Reason& reason : line.reasons) {
    if (render_message(reason).find(text) != std::string::npos) return true;
  }
  return false;
}

std::string reasons_of(const LineDecision& line) {
  std::string out;
  for (const Reason& reason : line.reasons) out += render_message(reason) + "\n";
  return out;
}

// The line is refused naming `condition`, and no other of the avenant's three conditions.
void expect_refused_only_for(const ClaimDecision& decision, std::string_view condition) {
  constexpr std::string_view conditions[] = {"prescriptions distinctes", "articles NGAP différents",
                                             "deux régions anatomiques distinctes"};
  ASSERT_EQ(decision.lines.at(0).decision, Decision::refused);
  for (const std::string_view c : conditions) {
    EXPECT_EQ(has_reason(decision.lines[0], c), c == condition) << c << "\n" << reasons_of(decision.lines[0]);
  }
}

class SameDay : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    CompileResult compiled = compile_rule_set(std::filesystem::path(COTATION_SOURCE_DIR) / "rules");
    ASSERT_TRUE(compiled.ok());
    rules_ = new std::shared_ptr<const RuleSet>(compiled.rule_set);
  }
  static void TearDownTestSuite() {
    delete rules_;
    rules_ = nullptr;
  }

  // Decides the claims in order, as one input, and returns the last decision.
  ClaimDecision sequence(const std::vector<Claim>& claims) {
    ClaimDecision decision;
    for (const Claim& claim : claims) decision = (*rules_)->evaluate_in_sequence(claim, scratch_);
    return decision;
  }

  static const RuleSet& rules() { return **rules_; }

  EvaluationScratch scratch_;

 private:
  static std::shared_ptr<const RuleSet>* rules_;
};

std::shared_ptr<const RuleSet>* SameDay::rules_ = nullptr;

// RAM 7.49: lombalgie, article 1er A, rachis. NMI 8.5: article 4, un_membre_ou_face.
TEST_F(SameDay, SecondSessionWithEveryConditionMetIsAccepted) {
  const ClaimDecision second = sequence({session("a", "p1", "o1", "RAM 7.49"), session("b", "p1", "o2", "NMI 8.5")});
  ASSERT_EQ(second.lines.size(), 1U);
  EXPECT_EQ(second.lines[0].decision, Decision::accepted) << reasons_of(second.lines[0]);
  EXPECT_EQ(second.lines[0].amount, Decimal::parse("18.79"));  // 8.5 x 2.21 = 18.785 -> 18.79
}

// A telecare line without its act (TMK 8) is decided for each act coted 8 on the date, each
// against the patient's earlier session: NMI 8 (rhumatisme, article 2) that morning. Only the
// rhumatisme candidate shares its article; brûlures (article 10), post-partum (3), vestibulaire
// (6) and lymphœdème (7) do not. The candidates disagree, so the line must name its act — not
// be decided by what the first candidate found of the earlier session. The regions are said
// distinct by the claim (the acts of articles 3, 6, 7 and 10 have no region).
TEST_F(SameDay, TelecareCandidatesAreEachComparedWithTheEarlierSession) {
  Claim telecare = session("b", "p1", "o2", "TMK 8");
  telecare.telehealth = true;
  telecare.same_day.same_body_region = false;
  const ClaimDecision second = sequence({session("a", "p1", "o1", "NMI 8"), telecare});
  ASSERT_EQ(second.lines.size(), 1U);
  EXPECT_EQ(second.lines[0].decision, Decision::refused) << reasons_of(second.lines[0]);
  EXPECT_TRUE(has_reason(second.lines[0], "rhumatisme_inflammatoire_localise : refusée"))
      << reasons_of(second.lines[0]);
  EXPECT_TRUE(has_reason(second.lines[0], "brulures_localisees : acceptée")) << reasons_of(second.lines[0]);
  EXPECT_TRUE(has_reason(second.lines[0], "la ligne doit nommer l'acte")) << reasons_of(second.lines[0]);
}

TEST_F(SameDay, ThirdSessionIsRefused) {
  const ClaimDecision third = sequence({session("a", "p1", "o1", "RAM 7.49"), session("b", "p1", "o2", "NMI 8.5"),
                                        session("c", "p1", "o3", "RAM 7.49")});
  EXPECT_EQ(third.lines.at(0).decision, Decision::refused);
  EXPECT_TRUE(has_reason(third.lines[0], "une troisième séance")) << reasons_of(third.lines[0]);
}

TEST_F(SameDay, SamePrescriptionIsRefusedNamingTheCondition) {
  expect_refused_only_for(sequence({session("a", "p1", "o1", "RAM 7.49"), session("b", "p1", "o1", "NMI 8.5")}),
                          "prescriptions distinctes");
}

// VSM 7.5: article 1er B, membre_supérieur: the same article as RAM 7.49 (1er A), another region.
TEST_F(SameDay, SameArticleIsRefusedNamingTheCondition) {
  expect_refused_only_for(sequence({session("a", "p1", "o1", "RAM 7.49"), session("b", "p1", "o2", "VSM 7.5")}),
                          "articles NGAP différents");
}

TEST_F(SameDay, SameRegionIsRefusedNamingTheCondition) {
  Claim second = session("b", "p1", "o2", "NMI 8.5");
  second.same_day.same_body_region = true;  // given: kept as given
  expect_refused_only_for(sequence({session("a", "p1", "o1", "RAM 7.49"), second}),
                          "deux régions anatomiques distinctes");
}

// What cannot be derived is reported, never taken as met: no prescription.id; RAB 8.5
// (article 8) has no anatomical region in its classification.
TEST_F(SameDay, UnknownFactsAreMissingFields) {
  const ClaimDecision no_id = sequence({session("a", "p1", "o1", "RAM 7.49"), session("b", "p1", "", "NMI 8.5")});
  EXPECT_EQ(no_id.lines.at(0).decision, Decision::refused);
  EXPECT_TRUE(has_reason(no_id.lines[0], "same_day.same_prescription")) << reasons_of(no_id.lines[0]);

  const ClaimDecision no_region = sequence({session("c", "p2", "o1", "RAM 7.49"), session("d", "p2", "o2", "RAB 8.5")});
  EXPECT_EQ(no_region.lines.at(0).decision, Decision::refused);
  EXPECT_TRUE(has_reason(no_region.lines[0], "same_day.same_body_region")) << reasons_of(no_region.lines[0]);
}

TEST_F(SameDay, OtherDaysOtherPatientsAndRefusedActsDoNotCount) {
  Claim next_day = session("b", "p1", "o1", "RAM 7.49");
  next_day.date = on(2024, 3, 5);
  Claim other_patient = session("c", "p2", "o1", "RAM 7.49");
  const ClaimDecision first = sequence({session("a", "p1", "o1", "RAM 7.49"), next_day});
  EXPECT_EQ(first.lines.at(0).decision, Decision::accepted) << reasons_of(first.lines[0]);
  const ClaimDecision other = sequence({other_patient});
  EXPECT_EQ(other.lines.at(0).decision, Decision::accepted) << reasons_of(other.lines[0]);
  // p3's first session bills an unknown code: a session, but no accepted act to share an article.
  const ClaimDecision after_refused =
      sequence({session("d", "p3", "o1", "XYZ 1"), session("e", "p3", "o2", "RAM 7.49")});
  EXPECT_EQ(after_refused.lines.at(0).decision, Decision::accepted) << reasons_of(after_refused.lines[0]);
}

// Decided alone, a claim has no earlier session unless it gives one.
TEST_F(SameDay, AloneTheClaimSaysItself) {
  Claim claim = session("a", "p1", "o1", "RAM 7.49");
  EXPECT_EQ(rules().evaluate(claim, scratch_).lines.at(0).decision, Decision::accepted);
  claim.same_day.earlier_sessions = 1;
  claim.same_day.same_prescription = false;
  claim.same_day.same_article = false;
  const ClaimDecision decision = rules().evaluate(claim, scratch_);
  EXPECT_EQ(decision.lines.at(0).decision, Decision::refused);
  EXPECT_TRUE(has_reason(decision.lines[0], "same_day.same_body_region")) << reasons_of(decision.lines[0]);
}

// FRD 100 EUR, FAD 20 EUR (blog 001): once per episode (seed 004).
TEST_F(SameDay, FrdOncePerEpisode) {
  const auto forfait = [](std::string id, std::string patient, std::string episode, std::string code) {
    Claim claim = session(std::move(id), std::move(patient), "", std::move(code));
    claim.date = on(2025, 9, 1);
    claim.episode_id = std::move(episode);
    return claim;
  };
  EXPECT_EQ(sequence({forfait("a", "p1", "e1", "FRD")}).lines.at(0).amount, Decimal::parse("100"));
  const ClaimDecision again = sequence({forfait("b", "p1", "e1", "FRD")});
  EXPECT_EQ(again.lines.at(0).decision, Decision::refused);
  EXPECT_TRUE(has_reason(again.lines[0], "une fois par épisode")) << reasons_of(again.lines[0]);
  EXPECT_EQ(sequence({forfait("c", "p1", "e2", "FRD")}).lines.at(0).decision, Decision::accepted);
  EXPECT_EQ(sequence({forfait("d", "p1", "e1", "FAD")}).lines.at(0).amount, Decimal::parse("20"));
  EXPECT_EQ(sequence({forfait("e", "p2", "e1", "FRD")}).lines.at(0).decision, Decision::accepted);
  const ClaimDecision unplaced = sequence({forfait("f", "p1", "", "FRD")});
  EXPECT_EQ(unplaced.lines.at(0).decision, Decision::refused);
  EXPECT_TRUE(has_reason(unplaced.lines[0], "episode.id")) << reasons_of(unplaced.lines[0]);
}

// IFD 2.50 EUR (blog 001): refused for a second patient of the same trip in a CASF establishment.
// Billed beside ARL 8.5: an IFD exists only beside an act of the session.
TEST_F(SameDay, OneTravelChargePerTripInACasfEstablishment) {
  Claim claim = session("a", "p1", "", "IFD");
  claim.lines.push_back(ClaimLine{"ARL 8.5"});
  claim.date = on(2025, 9, 1);
  claim.place = Place::etablissement;
  EXPECT_EQ(rules().evaluate(claim, scratch_).lines.at(0).amount, Decimal::parse("2.50"));
  claim.travel.charged_for_another_patient = true;
  const ClaimDecision unknown = rules().evaluate(claim, scratch_);
  EXPECT_TRUE(has_reason(unknown.lines.at(0), "travel.casf_establishment")) << reasons_of(unknown.lines[0]);
  claim.travel.casf_establishment = true;
  const ClaimDecision shared = rules().evaluate(claim, scratch_);
  EXPECT_EQ(shared.lines.at(0).decision, Decision::refused);
  EXPECT_TRUE(has_reason(shared.lines[0], "déjà facturé pour un autre patient")) << reasons_of(shared.lines[0]);
  claim.travel.casf_establishment = false;
  EXPECT_EQ(rules().evaluate(claim, scratch_).lines.at(0).decision, Decision::accepted);
}

// IFS 4 EUR: from the reform (2026-01-01 after its postponement) only with the acts of seed
// 002's list, or of article 1er A, B, C, E, F after an orthopaedic discharge (NGAP art. 13 E).
TEST_F(SameDay, IfsOnlyWithTheActsOfItsList) {
  const auto home = [](Date date, std::vector<std::string> codes) {
    Claim claim = session("ifs", "", "", "");
    claim.date = date;
    claim.place = Place::domicile;
    claim.lines.clear();
    for (auto& code : codes) claim.lines.push_back(ClaimLine{std::move(code)});
    return claim;
  };
  // NMI 8.5 (article 4): 8.5 x 2.21 = 18.785 -> 18.79; IFS 4.00; total 22.79.
  const ClaimDecision with_article_4 = rules().evaluate(home(on(2026, 1, 5), {"IFS", "NMI 8.5"}), scratch_);
  EXPECT_EQ(with_article_4.total, Decimal::parse("22.79")) << reasons_of(with_article_4.lines.at(0));
  // ARL 7.99 (article 6, maxillo-facial): 7.99 x 2.21 = 17.6579 -> 17.66; the IFS refused.
  const ClaimDecision with_article_6 = rules().evaluate(home(on(2026, 1, 5), {"ARL 7.99", "IFS"}), scratch_);
  EXPECT_EQ(with_article_6.lines.at(1).decision, Decision::refused);
  EXPECT_TRUE(has_reason(with_article_6.lines[1], "qu'avec un acte de l'article 1er D"));
  EXPECT_EQ(with_article_6.total, Decimal::parse("17.66"));
  // RAM 8.09 (article 1er A): 8.09 x 2.21 = 17.8789 -> 17.88; the IFS only up to day 35 after an
  // orthopaedic discharge (NGAP art. 13 E), which the claim does not give: refused, naming it.
  const ClaimDecision with_article_1a = rules().evaluate(home(on(2026, 1, 5), {"RAM 8.09", "IFS"}), scratch_);
  EXPECT_EQ(with_article_1a.lines.at(1).decision, Decision::refused);
  EXPECT_TRUE(has_reason(with_article_1a.lines[1], "orthopaedic_discharge_date"));
  EXPECT_EQ(with_article_1a.total, Decimal::parse("17.88"));
  // Before the reform, the IFS has no such scope: beside RAM 7.49 (article 1er A), accepted.
  EXPECT_EQ(rules().evaluate(home(on(2025, 12, 31), {"IFS", "RAM 7.49"}), scratch_).lines.at(0).decision,
            Decision::accepted);
}

}  // namespace
}  // namespace cotation
