// Compiled expressions written back as rule text (src/compile/expression_text.hpp): each
// condition below is compiled inside a rule, printed, and the printed text is compared with
// the canonical spelling written by hand; the printed text compiles back to the same text.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "compile/expression_text.hpp"
#include "cotation/engine.hpp"
#include "support/golden.hpp"

namespace cotation {
namespace {

namespace fs = std::filesystem;

// The text of the rule `r`'s condition once `condition` is compiled and printed.
std::string printed(const std::string& condition) {
  const fs::path directory = fs::temp_directory_path() / ("cotation-expression-" + std::to_string(::getpid()));
  fs::create_directories(directory);
  std::ofstream(directory / "r.cot", std::ios::binary | std::ios::trunc)
      << "source s \"S\" rang texte\n"
         "lettre RAM \"R\" {\n  arrondi au centime demi_loin_de_zero selon s \"a\"\n"
         "  valeur 2.21 € en metropole selon s \"v\"\n}\n"
         "paramètre seuil \"Seuil\" {\n  valeur 2 km selon s \"p\"\n}\n"
         "acte a \"A\" {\n  cotation RAM 7.49 selon s \"c\"\n}\n"
         "règle r \"R\" {\n  pour tout acte\n  si "
      << condition << "\n  alors refus\n  selon s \"r\"\n}\n";
  const CompileResult compiled = compile_rule_set(directory);
  fs::remove_all(directory);
  if (!compiled.ok()) return "does not compile: " + testing::rendered(compiled.diagnostics, Language::english);
  const auto& model = compiled.rule_set->model();
  return model::expression_text(model, *model.rules.at(0).when);
}

struct Case {
  const char* written;
  const char* canonical;
};

TEST(ExpressionText, PrintsTheCanonicalRuleText) {
  const Case cases[] = {
      {"patient.âge >= 18", "patient.âge >= 18"},
      {"patient.age ≥ 18", "patient.âge >= 18"},
      {"non patient.âge < 18", "non patient.âge < 18"},
      {"télésoin ou horaire.nuit et horaire.urgence", "télésoin ou horaire.nuit et horaire.urgence"},
      {"(télésoin ou horaire.nuit) et horaire.urgence", "(télésoin ou horaire.nuit) et horaire.urgence"},
      {"non (télésoin ou horaire.nuit)", "non (télésoin ou horaire.nuit)"},
      {"2 × trajet.distance - 4 km > 10 km", "2 × trajet.distance - 4 km > 10 km"},
      {"2 * (trajet.distance - 2 km) > seuil", "2 × (trajet.distance - 2 km) > seuil"},
      {"trajet.distance - (1 km - 2 km) > 0 km", "trajet.distance - (1 km - 2 km) > 0 km"},
      {"lieu dans {domicile, établissement}", "lieu dans {domicile, etablissement}"},
      {"date >= 2024-02-22 et région = drom", "date >= 2024-02-22 et région = drom"},
      {"région = outre_mer", "région = drom"},  // the old name, read with a warning, printed as `drom`
      {"ligne.coefficient = 7,50", "ligne.coefficient = 7.5"},
      {"min(trajet.distance, 5 km) ≥ 2,0 km", "min(trajet.distance, 5 km) >= 2 km"},
      {"choix(programme_retour_a_domicile, trajet.distance, min(trajet.distance, "
       "trajet.distance_du_praticien_le_plus_proche)) > 2 km",
       "choix(programme_retour_à_domicile, trajet.distance, min(trajet.distance, "
       "trajet.distance_du_praticien_le_plus_proche)) > 2 km"},
      {"date > date_sortie_orthopedique + 35 jours", "date > date_sortie_orthopédique + 35 jours"},
      {"patient.âge > -1", "patient.âge > -1"},
      {"RAM.valeur × 7,49 > 16 €", "RAM.valeur × 7.49 > 16.00 €"},
      {"serie.accord_prealable = faux", "série.accord_préalable = faux"},
      {"prescription.nature != acces_direct", "prescription.nature != acces_direct"},
      {"prescription.date_renouvellement > prescription.date_initiale + 1 an arrondi au jour precedent",
       "prescription.date_renouvellement > prescription.date_initiale + 12 mois arrondi au jour précédent"},
      {"date < prescription.date_initiale - 1 mois ARRONDI AU JOUR SUIVANT - 2 semaines",
       "date < prescription.date_initiale - 1 mois arrondi au jour suivant - 14 jours"},
      {"date <= prescription.date_initiale + 12 mois", "date <= prescription.date_initiale + 12 mois"},
      {"praticien.structure dans {maison_de_santé, aucune_structure}",
       "praticien.structure dans {maison_de_sante, aucune_structure}"},
      {"série.rang = 1 ou série.rang >= 30 et (série.rang - 30) MODULO 20 = 0",
       "série.rang = 1 ou série.rang >= 30 et (série.rang - 30) modulo 20 = 0"},
      {"série.rang - 30 modulo 20 = 10", "série.rang - 30 modulo 20 = 10"},
      {"(série.rang + 1) MODULO 20 modulo 3 = 1", "(série.rang + 1) modulo 20 modulo 3 = 1"},
      {"prescription.numero_prescripteur != 291991123 et non prescription.diagnostic_prealable",
       "prescription.numéro_prescripteur != 291991123 et non prescription.diagnostic_préalable"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(printed(c.written), c.canonical) << c.written;
    EXPECT_EQ(printed(c.canonical), c.canonical) << "printed text compiled again: " << c.canonical;
  }
}

TEST(ExpressionText, WritesValuesAsLiterals) {
  EXPECT_EQ(model::number_text(Decimal::parse("7.50")), "7.5");
  EXPECT_EQ(model::number_text(Decimal::parse("8.00")), "8");
  EXPECT_EQ(model::number_text(Decimal::parse("-0.60")), "-0.6");
  EXPECT_EQ(model::money_text(Decimal::parse("2.5")), "2.50 €");
  EXPECT_EQ(model::money_text(Decimal::parse("0.385")), "0.385 €");
  model::Value months;
  months.type = model::Type::duration;
  months.months = true;
  months.integer = 12;
  EXPECT_EQ(model::value_text(months), "12 mois");
}

}  // namespace
}  // namespace cotation
