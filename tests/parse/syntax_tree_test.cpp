// What the parser builds: typed declarations and statements, canonical literals,
// expression trees with the documented precedence, and positions.
#include <gtest/gtest.h>

#include "parse/parser.hpp"

namespace cotation::syntax {
namespace {

struct Parsed {
  std::unique_ptr<SourceFile> source;
  File file;
  std::vector<Diagnostic> diagnostics;
};

Parsed parse(std::string text) {
  Parsed parsed;
  parsed.source = std::make_unique<SourceFile>("t.cot", std::move(text));
  parsed.file = parse_source(*parsed.source, 0, ParseOptions{}, parsed.diagnostics);
  return parsed;
}

template <typename T>
const T& statement(const Declaration& declaration, std::size_t index) {
  const T* typed = std::get_if<T>(&declaration.statements.at(index).node);
  if (typed == nullptr) throw std::runtime_error("statement of another kind");
  return *typed;
}

// Renders an expression as nested prefix forms, to compare trees in one string.
std::string prefix(const Expression& e) {
  switch (e.kind) {
    case ExpressionKind::literal: return e.literal.text;
    case ExpressionKind::path: {
      std::string out;
      for (const auto& part : e.path) {
        if (!out.empty()) out += '.';
        out += part.text;
      }
      return out;
    }
    default: {
      std::string out = "(" + (e.kind == ExpressionKind::call ? e.path.at(0).text : e.operator_text);
      if (e.kind == ExpressionKind::set) out = "({}";
      for (const auto& operand : e.operands) out += " " + prefix(operand);
      return out + ")";
    }
  }
}

TEST(SyntaxTree, KeyLetterWithRegionalValues) {
  const auto parsed = parse(
      "lettre RAM \"Rééducation du rachis\" {\n"
      "  valeur 2.21 € en metropole, 2,43 EUR en drom depuis 2024-02-22 selon av7 \"art. 2.1\"\n"
      "}\n");
  ASSERT_TRUE(parsed.diagnostics.empty());
  ASSERT_EQ(parsed.file.declarations.size(), 1U);
  const Declaration& letter = parsed.file.declarations[0];
  EXPECT_EQ(letter.kind, DeclarationKind::letter);
  EXPECT_EQ(letter.name.text, "RAM");
  EXPECT_EQ(letter.label, "Rééducation du rachis");
  const auto& value = statement<ValueStatement>(letter, 0);
  ASSERT_EQ(value.values.size(), 2U);
  EXPECT_EQ(value.values[0].amount.text, "2.21");
  EXPECT_EQ(value.values[1].amount.text, "2.43");  // the French comma read as a decimal point
  EXPECT_EQ(value.values[1].amount.kind, LiteralKind::money);
  EXPECT_EQ(value.values[1].region->text, "drom");
  ASSERT_TRUE(value.period.since.has_value());
  EXPECT_EQ(value.period.since->year, 2024);
  EXPECT_EQ(value.period.since->month, 2);
  EXPECT_EQ(value.period.since->day, 22);
  EXPECT_FALSE(value.period.until.has_value());
  EXPECT_EQ(value.citation.source.text, "av7");
  EXPECT_EQ(value.citation.detail, "art. 2.1");
}

TEST(SyntaxTree, PositionsGiveLineAndCharacterColumn) {
  const auto parsed = parse("# commentaire\nacte   éducation \"é\" {\n  cotation RAM 7.49 selon av7\n}\n");
  ASSERT_TRUE(parsed.diagnostics.empty());
  const Declaration& act = parsed.file.declarations.at(0);
  const SourcePosition name = parsed.source->position_of(act.name.position.offset);
  EXPECT_EQ(name.line, 2U);
  EXPECT_EQ(name.column, 8U);
  const auto& cotation = statement<CotationStatement>(act, 0);
  const SourcePosition letter = parsed.source->position_of(cotation.key_letter.position.offset);
  EXPECT_EQ(letter.line, 3U);
  EXPECT_EQ(letter.column, 12U);
}

TEST(SyntaxTree, KeywordsIgnoreAccentsAndApostropheKind) {
  const auto parsed = parse(
      "acte a \"a\" {\n"
      "  referentiel \"x\" : accord prealable au-dela de 15 seances par serie selon has\n"
      "  remplace AMS 7,5 jusqu’au 2024-05-31 selon av7\n"
      "  supprime depuis 2025-07-01 selon av7\n"
      "}\n");
  ASSERT_TRUE(parsed.diagnostics.empty()) << render(parsed.diagnostics[0], Language::english);
  const Declaration& act = parsed.file.declarations.at(0);
  const auto& referential = statement<ReferentialStatement>(act, 0);
  ASSERT_EQ(referential.thresholds.size(), 1U);
  EXPECT_EQ(referential.thresholds[0].sessions, 15U);
  EXPECT_EQ(referential.thresholds[0].scope, ThresholdScope::series);
  const auto& replaced = statement<CotationStatement>(act, 1);
  EXPECT_TRUE(replaced.replaced);
  EXPECT_EQ(replaced.coefficient.text, "7.5");
  EXPECT_EQ(replaced.period.until->day, 31);
  EXPECT_EQ(statement<RemovedStatement>(act, 2).since.month, 7);
}

// `arrondi au jour` belongs to the `+` or `-` just before it, not to the whole sum; a calcul's
// own `arrondi au centime` is left to the calcul.
TEST(SyntaxTree, DayRoundingBelongsToItsAddition) {
  const auto parsed = parse(
      "règle r \"r\" {\n"
      "  si date <= prescription.date_initiale + 12 mois arrondi au jour précédent - 1 jour\n"
      "  si date = d - 1 an ARRONDI AU JOUR SUIVANT\n"
      "}\n"
      "forfait IK \"IK\" {\n"
      "  calcul 2 × trajet.distance + 1 km arrondi au centime demi_loin_de_zero selon s\n"
      "}\n");
  ASSERT_TRUE(parsed.diagnostics.empty()) << render(parsed.diagnostics[0], Language::english);
  const Expression& first = statement<WhenStatement>(parsed.file.declarations.at(0), 0).condition;
  EXPECT_EQ(prefix(first), "(<= date (- (+ prescription.date_initiale 12) 1))");
  const Expression& minus = first.operands.at(1);
  EXPECT_FALSE(minus.day_rounding.has_value());
  ASSERT_TRUE(minus.operands.at(0).day_rounding.has_value());
  EXPECT_EQ(minus.operands.at(0).day_rounding->text, "précédent");
  const Expression& second = statement<WhenStatement>(parsed.file.declarations.at(0), 1).condition;
  ASSERT_TRUE(second.operands.at(1).day_rounding.has_value());
  EXPECT_EQ(second.operands.at(1).day_rounding->text, "SUIVANT");
  const auto& computation = statement<ComputationStatement>(parsed.file.declarations.at(1), 0);
  EXPECT_FALSE(computation.expression.day_rounding.has_value());
  ASSERT_TRUE(computation.rounding.has_value());
  EXPECT_EQ(computation.rounding->unit.text, "centime");
}

TEST(SyntaxTree, ExpressionPrecedenceAndAssociativity) {
  const auto parsed = parse(
      "règle r \"r\" {\n"
      "  si a ou b et non c = 1 + 2 × 3 - 4\n"
      "  si patient.âge >= 70 et lieu dans {cabinet, domicile}\n"
      "  si min(trajet.distance, 2 km) * -1 < 12 mois\n"
      "}\n");
  ASSERT_TRUE(parsed.diagnostics.empty()) << render(parsed.diagnostics[0], Language::english);
  const Declaration& rule = parsed.file.declarations.at(0);
  EXPECT_EQ(prefix(statement<WhenStatement>(rule, 0).condition), "(ou a (et b (non (= c (- (+ 1 (× 2 3)) 4)))))");
  EXPECT_EQ(prefix(statement<WhenStatement>(rule, 1).condition),
            "(et (>= patient.âge 70) (dans lieu ({} cabinet domicile)))");
  EXPECT_EQ(prefix(statement<WhenStatement>(rule, 2).condition), "(< (* (min trajet.distance 2) (- 1)) 12)");
  const Expression& months = statement<WhenStatement>(rule, 2).condition.operands.at(1);
  EXPECT_EQ(months.literal.kind, LiteralKind::duration);
  EXPECT_EQ(months.literal.unit, "mois");
}

TEST(SyntaxTree, RuleStatementsAndException) {
  const auto parsed = parse(
      "règle second_acte \"Deux actes\" exception de un_acte {\n"
      "  pour acte a, b, forfait IFD, tout acte\n"
      "  alors taux 50 %\n"
      "  au plus 2 séances par an par patient\n"
      "  non cumulable avec forfait IFO, IFR\n"
      "  selon ngap \"art. 11 B\"\n"
      "  seulement avec tout acte, groupe g\n"
      "}\n");
  ASSERT_TRUE(parsed.diagnostics.empty()) << render(parsed.diagnostics[0], Language::english);
  const Declaration& rule = parsed.file.declarations.at(0);
  EXPECT_EQ(rule.exception_of->text, "un_acte");
  const auto& scope = statement<SelectorStatement>(rule, 0);
  ASSERT_EQ(scope.selectors.size(), 4U);
  EXPECT_EQ(scope.selectors[1].kind, SelectorKind::act);  // `b` keeps the kind before it
  EXPECT_EQ(scope.selectors[1].name.text, "b");
  EXPECT_EQ(scope.selectors[2].kind, SelectorKind::item);
  EXPECT_EQ(scope.selectors[3].kind, SelectorKind::every_act);
  const auto& outcome = statement<OutcomeStatement>(rule, 1);
  EXPECT_EQ(outcome.kind, OutcomeKind::rate);
  EXPECT_EQ(outcome.rate->text, "50");
  const auto& limit = statement<LimitStatement>(rule, 2);
  EXPECT_EQ(limit.count, 2U);
  EXPECT_EQ(limit.counted_unit->text, "séances");
  ASSERT_EQ(limit.scopes.size(), 2U);
  EXPECT_EQ(limit.scopes[1].text, "patient");
  EXPECT_EQ(statement<CumulationStatement>(rule, 3).excluded.size(), 2U);
  EXPECT_EQ(statement<CitationStatement>(rule, 4).citation.detail, "art. 11 B");
  const auto& required = statement<RequirementStatement>(rule, 5).required;
  ASSERT_EQ(required.size(), 2U);
  EXPECT_EQ(required[0].kind, SelectorKind::every_act);
  EXPECT_EQ(required[1].kind, SelectorKind::group);
  EXPECT_EQ(required[1].name.text, "g");
}

TEST(SyntaxTree, AmendmentStatements) {
  const auto parsed = parse(
      "amendement report \"Report\" selon comite {\n"
      "  reporte revalorisation r du 2025-07-01 au 2026-01-01\n"
      "  abroge règle x depuis 2026-05-28\n"
      "  ajoute acte a {\n"
      "    cotation TER 9.79 depuis 2026-05-28 selon av8\n"
      "  }\n"
      "}\n");
  ASSERT_TRUE(parsed.diagnostics.empty()) << render(parsed.diagnostics[0], Language::english);
  const Declaration& amendment = parsed.file.declarations.at(0);
  EXPECT_EQ(amendment.citation->source.text, "comite");
  const auto& postponement = statement<Postponement>(amendment, 0);
  EXPECT_EQ(postponement.target.kind, DeclarationKind::revaluation);
  EXPECT_EQ(postponement.from.year, 2025);
  EXPECT_EQ(postponement.to.year, 2026);
  const auto& repeal = statement<Repeal>(amendment, 1);
  EXPECT_EQ(repeal.target.kind, DeclarationKind::rule);
  EXPECT_EQ(repeal.since->day, 28);
  const auto& addition = statement<Addition>(amendment, 2);
  ASSERT_EQ(addition.statements.size(), 1U);
  EXPECT_EQ(std::get<CotationStatement>(addition.statements[0].node).coefficient.text, "9.79");
}

TEST(SyntaxTree, ReservedWordsAreFieldNamesAfterADot) {
  const auto parsed = parse("règle r \"r\" {\n  si ligne.montant > 0 €\n}\n");
  EXPECT_TRUE(parsed.diagnostics.empty());
  const auto bad = parse("acte depuis \"x\" {\n}\n");
  ASSERT_EQ(bad.diagnostics.size(), 1U);
  EXPECT_EQ(bad.diagnostics[0].message_id, "syntax.expected_declaration_name");
}

TEST(SyntaxTree, ExampleFieldsAndExpectedLines) {
  const auto parsed = parse(
      "exemple seance \"Séance à domicile\" {\n"
      "  date 2024-03-04\n"
      "  lieu domicile\n"
      "  trajet.distance 7,5 km\n"
      "  horaire.nuit faux\n"
      "  ligne \"RAM 7.49\" : acceptée 16,55 €\n"
      "  ligne \"IFO\":refusée\"non cumulable\"\n"
      "  ligne \"IFD\" : Refusée\n"
      "  ligne \"RAM 8.09\" : accord prealable 17.88 EUR\n"
      "}\n");
  ASSERT_TRUE(parsed.diagnostics.empty());
  const Declaration& example = parsed.file.declarations.at(0);
  EXPECT_EQ(example.kind, DeclarationKind::example);
  EXPECT_EQ(example.name.text, "seance");
  ASSERT_EQ(example.statements.size(), 8U);

  const auto& date = statement<ExampleField>(example, 0);
  ASSERT_EQ(date.path.size(), 1U);
  EXPECT_EQ(std::get<Literal>(date.value).kind, LiteralKind::date);
  EXPECT_EQ(std::get<Name>(statement<ExampleField>(example, 1).value).text, "domicile");
  const auto& distance = statement<ExampleField>(example, 2);
  EXPECT_EQ(distance.path.at(1).text, "distance");
  EXPECT_EQ(std::get<Literal>(distance.value).kind, LiteralKind::distance);
  EXPECT_EQ(std::get<Literal>(distance.value).text, "7.5");
  EXPECT_EQ(std::get<Literal>(statement<ExampleField>(example, 3).value).text, "faux");

  const auto& accepted = statement<ExampleLine>(example, 4);
  EXPECT_EQ(accepted.code, "RAM 7.49");
  EXPECT_EQ(accepted.decision, ExpectedDecision::accepted);
  EXPECT_EQ(accepted.amount->text, "16.55");
  EXPECT_EQ(accepted.amount->kind, LiteralKind::money);
  const auto& refused = statement<ExampleLine>(example, 5);
  EXPECT_EQ(refused.decision, ExpectedDecision::refused);
  EXPECT_EQ(refused.reason, "non cumulable");
  EXPECT_EQ(statement<ExampleLine>(example, 6).decision, ExpectedDecision::refused);
  EXPECT_FALSE(statement<ExampleLine>(example, 6).reason);
  const auto& approval = statement<ExampleLine>(example, 7);
  EXPECT_EQ(approval.decision, ExpectedDecision::prior_approval);
  EXPECT_EQ(approval.amount->text, "17.88");
}

TEST(SyntaxTree, ExampleIsAReservedWord) {
  const auto bad = parse("acte exemple \"x\" {\n}\n");
  ASSERT_EQ(bad.diagnostics.size(), 1U);
  EXPECT_EQ(bad.diagnostics[0].message_id, "syntax.expected_declaration_name");
}

}  // namespace
}  // namespace cotation::syntax
