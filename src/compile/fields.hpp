// The claim fields the rules and the examples may read, with their types, and the words of
// the enumerations (regions, places, prescriptions, practice structures), folded as
// utf8::fold spells them. Read by the types stage (a path in an expression) and the examples.
#pragma once

#include <cstdint>
#include <string_view>

#include "compile/model.hpp"

namespace cotation::compiler {

using model::Field;
using model::Type;

struct FieldInfo {
  std::string_view path;  // folded
  Field field;
  Type type;
};

// The claim fields the rules may read (docs/claim-format.md gives their JSON names).
inline constexpr FieldInfo claim_fields[] = {
    {"date", Field::date, Type::date},
    {"region", Field::region, Type::region},
    {"lieu", Field::place, Type::place},
    {"patient.age", Field::patient_age, Type::number},
    {"prescription.nature", Field::prescription_kind, Type::prescription},
    {"serie.rang", Field::session_number, Type::number},
    {"serie.seances_12_mois", Field::sessions_12_months_before, Type::number},
    {"serie.accord_prealable", Field::prior_approval, Type::boolean},
    {"trajet.distance", Field::travel_distance, Type::distance},
    {"trajet.meme_agglomeration", Field::same_agglomeration, Type::boolean},
    {"horaire.nuit", Field::night, Type::boolean},
    {"horaire.dimanche_ou_ferie", Field::sunday_or_holiday, Type::boolean},
    {"horaire.urgence", Field::urgent, Type::boolean},
    {"telesoin", Field::telehealth, Type::boolean},
    {"ligne.rang", Field::line_rank, Type::number},
    {"ligne.coefficient", Field::line_coefficient, Type::number},
    {"ligne.rang_coefficient", Field::line_coefficient_rank, Type::number},
    {"prescription.date_initiale", Field::initial_date, Type::date},
    {"prescription.date_renouvellement", Field::renewal_date, Type::date},
    {"prescription.numero_prescripteur", Field::prescriber_number, Type::number},
    {"prescription.diagnostic_prealable", Field::prior_diagnosis, Type::boolean},
    {"praticien.structure", Field::practice_structure, Type::structure},
    {"meme_jour.seances_avant", Field::earlier_sessions_same_day, Type::number},
    {"meme_jour.meme_prescription", Field::same_prescription, Type::boolean},
    {"meme_jour.meme_article", Field::same_article, Type::boolean},
    {"meme_jour.meme_region_anatomique", Field::same_body_region, Type::boolean},
    {"trajet.etablissement_casf", Field::casf_establishment, Type::boolean},
    {"trajet.deja_facture_pour_un_autre_patient", Field::charged_for_another_patient, Type::boolean},
    {"trajet.distance_du_praticien_le_plus_proche", Field::nearest_practitioner_distance, Type::distance},
    {"date_sortie_orthopedique", Field::orthopaedic_discharge_date, Type::date},
    {"programme_retour_a_domicile", Field::return_home_programme, Type::boolean},
};

struct EnumerationValue {
  std::string_view word;  // folded
  Type type;
  std::int32_t value;
};

inline constexpr EnumerationValue enumeration_values[] = {
    {"metropole", Type::region, 0},
    {"drom", Type::region, 1},
    {"outre_mer", Type::region, 1},  // the old name, read with a warning (warn_old_region_name)
    {"cabinet", Type::place, 0},
    {"domicile", Type::place, 1},
    {"etablissement", Type::place, 2},
    {"medicale", Type::prescription, 0},
    {"renouvellement", Type::prescription, 1},
    {"acces_direct", Type::prescription, 2},
    // praticien.structure, in the order of PracticeStructure
    {"etablissement_de_sante", Type::structure, 0},
    {"etablissement_medico_social", Type::structure, 1},
    {"equipe_de_soins_primaires", Type::structure, 2},
    {"equipe_de_soins_specialises", Type::structure, 3},
    {"centre_de_sante", Type::structure, 4},
    {"maison_de_sante", Type::structure, 5},
    {"aucune_structure", Type::structure, 6},
};

}  // namespace cotation::compiler
