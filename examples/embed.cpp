// Embedding the engine: compile the rule set once, then decide claims built in C++.
// Usage: cotation_embed RULES_DIR
#include <cotation/engine.hpp>

#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: cotation_embed RULES_DIR\n";
    return 2;
  }
  const cotation::CompileResult compiled = cotation::compile_rule_set(argv[1]);
  if (!compiled.ok()) {
    for (const auto& diagnostic : compiled.diagnostics) {
      std::cerr << cotation::render(diagnostic, cotation::Language::english);
    }
    return 3;
  }

  // A home session on 2024-03-04 in metropolitan France: low back pain rehabilitation,
  // the travel flat rate and the mileage for a patient 7.5 km away.
  cotation::Claim claim;
  claim.id = "exemple-1";
  claim.date = std::chrono::year{2024} / 3 / 4;
  claim.region = cotation::Region::metropole;
  claim.place = cotation::Place::domicile;
  claim.patient = {"patient-1", 45, std::nullopt};
  claim.lines = {{"RAM 7.49"}, {"IFD"}, {"IK"}};
  claim.travel.distance_km = cotation::Decimal::parse("7.5");
  claim.travel.same_agglomeration = false;
  claim.series = {3, 2, false};
  claim.prescription.kind = cotation::PrescriptionKind::medical;
  claim.telehealth = false;  // the travel flat rate is not due for a telehealth session

  cotation::EvaluationScratch scratch;  // one per thread, reused from claim to claim
  std::vector<cotation::ExplanationStep> explanation;
  const cotation::ClaimDecision decision = compiled.rule_set->evaluate(claim, scratch, &explanation);

  std::cout << decision.id << ": " << cotation::to_string(decision.decision) << ", total "
            << decision.total.to_string(2) << " EUR\n";
  for (const auto& line : decision.lines) {
    std::cout << "  " << line.code << ": " << cotation::to_string(line.decision);
    if (line.amount) std::cout << ", " << line.amount->to_string(2) << " EUR";
    std::cout << '\n';
    // Reasons are written from the rule set, which lives on: in English here (the rules' own
    // texts stay French).
    for (const auto& reason : line.reasons) {
      std::cout << "    " << cotation::render_message(reason, cotation::Language::english) << " ("
                << cotation::reason_source(reason) << ")\n";
    }
  }
  std::cout << "explanation:\n";
  for (const auto& step : explanation) {
    std::cout << "  " << step.what << " = " << step.value << (step.source.empty() ? "" : " [" + step.source + "]")
              << '\n';
  }
  return 0;
}
