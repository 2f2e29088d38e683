// The one catalogue of message texts, French and English. Every diagnostic goes through
// message_text() / hint_text(); arguments are placed with {0}, {1}...
#include <fmt/args.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "cotation/diagnostic.hpp"

namespace cotation {
namespace {

struct Message {
  std::string_view id;
  std::string_view french;
  std::string_view english;
  std::string_view french_hint;
  std::string_view english_hint;
};

constexpr std::string_view date_hint_fr = "une date s'écrit AAAA-MM-JJ, par exemple 2024-02-22";
constexpr std::string_view date_hint_en = "a date is written YYYY-MM-DD, for example 2024-02-22";
constexpr std::string_view citation_hint_fr =
    "chaque valeur et chaque règle citent leur source : selon av7 \"art. 2.1\"";
constexpr std::string_view citation_hint_en =
    "every value and rule cites its source: selon av7 \"art. 2.1\"";
constexpr std::string_view name_hint_fr =
    "un nom commence par une lettre ou _ et ne contient que lettres, chiffres et _ ; les mots "
    "réservés (source, acte, règle, depuis, selon...) ne peuvent pas servir de nom";
constexpr std::string_view name_hint_en =
    "a name starts with a letter or _ and holds only letters, digits and _; reserved words "
    "(source, acte, règle, depuis, selon...) cannot be names";
constexpr std::string_view expression_hint_fr =
    "une expression est une valeur (18, 2.21 €, 2024-02-22, \"texte\"), un champ de la "
    "facture (patient.âge), un appel f(x) ou une expression entre parenthèses";
constexpr std::string_view expression_hint_en =
    "an expression is a value (18, 2.21 €, 2024-02-22, \"text\"), a claim field "
    "(patient.âge), a call f(x) or an expression in parentheses";
constexpr std::string_view money_hint_fr = "un montant s'écrit avec son unité : 2.21 € ou 2,21 EUR";
constexpr std::string_view money_hint_en = "an amount is written with its unit: 2.21 € or 2,21 EUR";

// Sorted by id (checked by a test), looked up by binary search.
constexpr std::array messages = {
    Message{"compile.act_without_cotation", "l'acte {0} n'a aucune cotation", "the act {0} has no cotation", "ajoutez `cotation LETTRE COEFFICIENT depuis DATE selon SOURCE`, ou `en attente` pour un acte pas encore facturable", "add `cotation LETTER COEFFICIENT depuis DATE selon SOURCE`, or `en attente` for an act not billable yet"},
    Message{"compile.amount_below_the_cent", "le montant {0} € a des fractions de centime",
            "the amount {0} € has fractions of a cent", "un forfait se paie tel quel : au centime près",
            "a flat-rate item is paid as it is: to the cent"},
    Message{"compile.amount_overflow", "le montant de {0} ({1} {2} × {3} € en {4} au {5}) est trop grand pour être calculé",
            "the amount of {0} ({1} {2} × {3} € in {4} on {5}) is too large to be computed",
            "un montant a au plus 19 chiffres : le coefficient ou la valeur de la lettre est sans doute mal écrit",
            "an amount has at most 19 digits: the coefficient or the letter's value is probably mistyped"},
    Message{"compile.amount_too_precise", "le montant de {0} ({1} {2} × {3} € en {4} au {5}) aurait plus de 18 décimales",
            "the amount of {0} ({1} {2} × {3} € in {4} on {5}) would have more than 18 decimals",
            "un montant a au plus 18 décimales : le coefficient ou la valeur de la lettre est sans doute mal écrit",
            "an amount has at most 18 decimals: the coefficient or the letter's value is probably mistyped"},
    Message{"compile.claim_function_in_scheme", "contient({0}) lit les lignes d'une facture, qu'un dispositif n'a pas",
            "contient({0}) reads the lines of a claim, which a scheme does not have",
            "un dispositif ne lit que ses faits : déclarez-en un, par exemple fait {0}_facture \"libellé\" : booléen",
            "a scheme reads its facts only: declare one, for example fait {0}_facture \"label\" : booléen"},
    Message{"compile.coefficient_not_positive", "le coefficient de {0} serait {1} à partir du {2} : il doit être positif",
            "the coefficient of {0} would be {1} from {2}: it must be positive",
            "une cotation, revalorisations comprises, a un coefficient plus grand que zéro",
            "a cotation, revaluations included, has a coefficient greater than zero"},
    Message{"compile.computation_without_rounding", "le calcul de {0} ne dit pas comment arrondir", "the computation of {0} does not say how to round", "ajoutez par exemple `arrondi au centime demi_loin_de_zero`", "add for example `arrondi au centime demi_loin_de_zero`"},
    Message{"compile.conflicting_rules", "les règles {0} et {1} peuvent décider autrement la même ligne", "the rules {0} and {1} can decide the same line differently", "déclarez l'une exception de l'autre (`exception de`), ou distinguez leurs conditions", "declare one an exception of the other (`exception de`), or tell their conditions apart"},
    Message{"compile.date_arithmetic", "`{0}` sur une date s'écrit date {0} durée, pas {1} {0} {2}",
            "`{0}` on a date is written date {0} duration, not {1} {0} {2}",
            "par exemple : prescription.date_initiale + 12 mois arrondi au jour précédent",
            "for example: prescription.date_initiale + 12 mois arrondi au jour précédent"},
    Message{"compile.day_rounding_without_months",
            "`arrondi au jour` ne s'emploie qu'en ajoutant ou retirant des mois ou des années à une date",
            "`arrondi au jour` is only used when adding or removing months or years to a date",
            "des jours ou des semaines tombent toujours sur un jour qui existe : retirez l'arrondi",
            "days or weeks always land on a day that exists: remove the rounding"},
    Message{"compile.division_by_zero", "division par zéro : le diviseur de `modulo` est 0", "division by zero: the divisor of `modulo` is 0", "le diviseur est l'intervalle, au moins 1 : `(série.rang - 30) modulo 20`", "the divisor is the interval, at least 1: `(série.rang - 30) modulo 20`"},
    Message{"compile.division_not_supported", "la division n'est pas permise : elle demanderait un arrondi que la règle ne nomme pas", "division is not allowed: it would need a rounding the rule does not name", "multipliez par un pourcentage ou un coefficient", "multiply by a percentage or a coefficient"},
    Message{"compile.duplicate_amount", "le montant {0} est écrit deux fois dans le dispositif {1}",
            "amount {0} is written twice in scheme {1}", "chaque montant d'un dispositif a son propre nom",
            "each amount of a scheme has its own name"},
    Message{"compile.duplicate_declaration", "le nom {1} est déjà déclaré : {0} {1} ({2})", "the name {1} is already declared: {0} {1} ({2})", "", ""},
    Message{"compile.duplicate_example_field", "le champ {0} est donné deux fois dans cet exemple",
            "the field {0} is given twice in this example", "", ""},
    Message{"compile.duplicate_fact", "le fait {0} est déclaré deux fois dans le dispositif {1}",
            "fact {0} is declared twice in scheme {1}", "gardez une seule déclaration `fait`",
            "keep a single `fait` declaration"},
    Message{"compile.duplicate_outcome", "la règle {0} a deux décisions `alors`", "the rule {0} has two `alors` outcomes", "", ""},
    Message{"compile.duplicate_rounding", "la lettre {0} déclare deux arrondis", "the letter {0} declares two roundings", "", ""},
    Message{"compile.duplicate_telecare", "la lettre {0} déclare deux fois `télésoin des actes`",
            "the letter {0} declares `télésoin des actes` twice", "gardez une seule déclaration", "keep a single one"},
    Message{"compile.effect_before_signature", "ceci prend effet le {0}, avant la signature de {1} le {2}", "this takes effect on {0}, before {1} was signed on {2}", "vérifiez la date, ou citez le texte qui fixe cette valeur", "check the date, or cite the text that sets this value"},
    Message{"compile.empty_period", "la période commence le {0} après sa fin le {1}", "the period starts on {0}, after its end on {1}", "", ""},
    Message{"compile.example_not_a_count", "le champ {0} attend un nombre entier, pas {1}",
            "the field {0} expects a whole number, not {1}", "", ""},
    Message{"compile.example_not_boolean", "le champ {0} attend vrai ou faux, pas {1}",
            "the field {0} expects vrai or faux, not {1}", "", ""},
    Message{"compile.example_without_date", "l'exemple {0} ne donne pas la date de la séance",
            "the example {0} does not give the date of the session",
            "ajoutez par exemple `date 2024-03-04` : les tarifs dépendent de la date",
            "add for example `date 2024-03-04`: tariffs depend on the date"},
    Message{"compile.example_without_line", "l'exemple {0} ne facture aucune ligne", "the example {0} bills no line",
            "ajoutez par exemple `ligne \"RAM 7.49\" : acceptée 16,55 €`",
            "add for example `ligne \"RAM 7.49\" : acceptée 16,55 €`"},
    Message{"compile.exception_cycle", "la règle {0} est, par ses exceptions, une exception d'elle-même", "the rule {0} is, through its exceptions, an exception of itself", "", ""},
    Message{"compile.exception_does_not_overlap", "l'exception {0} ne vise aucune ligne de la règle générale {1}", "the exception {0} applies to no line of the general rule {1}", "", ""},
    Message{"compile.exception_of_itself", "la règle {0} ne peut pas être une exception d'elle-même", "the rule {0} cannot be an exception of itself", "", ""},
    Message{"compile.exception_without_general_rule", "aucune règle {0} dont ceci serait l'exception", "no rule {0} for this to be an exception of", "", ""},
    Message{"compile.gap_between_cotations", "l'acte {1} n'a aucune cotation du {2} au {3}", "the act {1} has no cotation from {2} to {3}", "les périodes des cotations d'un acte doivent se suivre sans trou", "the periods of an act's cotations must follow each other without a gap"},
    Message{"compile.gap_between_periods", "{0} {1} n'a aucune valeur du {2} au {3}", "{0} {1} has no value from {2} to {3}", "les périodes d'une même déclaration doivent se suivre sans trou", "the periods of one declaration must follow each other without a gap"},
    Message{"compile.group_cycle", "le groupe {0} se contient lui-même", "the group {0} contains itself", "", ""},
    Message{"compile.letter_without_rounding", "la lettre clé {0} ne dit pas comment arrondir le tarif de ses actes", "the key letter {0} does not say how to round the tariff of its acts", "ajoutez dans la lettre : arrondi au centime demi_loin_de_zero selon SOURCE \"...\"", "add to the letter: arrondi au centime demi_loin_de_zero selon SOURCE \"...\""},
    Message{"compile.limit_without_period", "la limite ne dit pas sur quelle période elle compte : par jour, par an, par série ou par épisode", "the limit does not say over which period it counts: par jour, par an, par série or par épisode", "", ""},
    Message{"compile.nothing_to_postpone", "aucune date du {0} à reporter dans {1} {2}", "no date {0} to postpone in {1} {2}", "", ""},
    Message{"compile.number_out_of_range", "le nombre {0} dépasse ce qu'un montant exact peut tenir", "the number {0} exceeds what an exact amount can hold", "", ""},
    Message{"compile.old_region_name", "`{0}` est l'ancien nom de la région : écrivez `drom`", "`{0}` is the region's old name: write `drom`", "", ""},
    Message{"compile.operator_types", "`{0}` ne s'applique pas à {1} et {2}", "`{0}` does not apply to {1} and {2}", "", ""},
    Message{"compile.overlapping_cotations", "l'acte {1} a deux cotations en vigueur le {2}", "the act {1} has two cotations in force on {2}", "les périodes des cotations d'un acte ne doivent pas se chevaucher", "the periods of an act's cotations must not overlap"},
    Message{"compile.overlapping_cotations_undated", "l'acte {1} a deux cotations en vigueur à toute date", "the act {1} has two cotations in force at every date", "donnez-leur des périodes avec depuis et jusqu'au", "give them periods with depuis and jusqu'au"},
    Message{"compile.overlapping_periods", "{0} {1} a deux valeurs en vigueur le {2}", "{0} {1} has two values in force on {2}", "les périodes d'une même déclaration ne doivent pas se chevaucher", "the periods of one declaration must not overlap"},
    Message{"compile.overlapping_periods_undated", "{0} {1} a deux valeurs en vigueur à toute date", "{0} {1} has two values in force at every date", "les périodes d'une même déclaration ne doivent pas se chevaucher", "the periods of one declaration must not overlap"},
    Message{"compile.parameter_type_changes", "le paramètre {0} change de type d'une période à l'autre", "the parameter {0} changes type from one period to another", "", ""},
    Message{"compile.per_kilometre_without_computation",
            "le forfait {0} a une valeur par km mais aucun `calcul` des kilomètres facturés",
            "the item {0} has a value per km but no `calcul` of the kilometres billed",
            "par exemple : calcul (2 × trajet.distance - 4 km) × {0}.valeur arrondi au centime demi_loin_de_zero selon ...",
            "for example: calcul (2 × trajet.distance - 4 km) × {0}.valeur arrondi au centime demi_loin_de_zero selon ..."},
    Message{"compile.remainder_divisor_not_constant", "le diviseur de `modulo` s'écrit comme un nombre entier positif dans la règle", "the divisor of `modulo` is written as a positive whole number in the rule", "`série.rang modulo 20`", "`série.rang modulo 20`"},
    Message{"compile.remainder_not_whole", "`modulo` ne s'applique qu'à des nombres entiers : un rang, un nombre de séances, un âge, un entier écrit", "`modulo` applies to whole numbers only: a rank, a number of sessions, an age, a written integer", "", ""},
    Message{"compile.requirement_cycle", "la règle {0} ne s'applique qu'avec des lignes dont la décision dépend, par `seulement avec`, des lignes qu'elle décide", "the rule {0} applies only beside lines whose decision depends, through `seulement avec`, on the lines it decides", "une ligne `seulement avec` d'autres lignes est décidée après elles : elles ne peuvent pas l'attendre à leur tour", "a line `seulement avec` other lines is decided after them: they cannot wait for it in turn"},
    Message{"compile.revaluation_of_non_act", "la revalorisation {0} ne peut viser que des actes", "the revaluation {0} can only apply to acts", "", ""},
    Message{"compile.revaluation_overflow", "la revalorisation {0} porte le coefficient de {1} au-delà de 19 chiffres",
            "the revaluation {0} takes the coefficient of {1} beyond 19 digits", "", ""},
    Message{"compile.revaluation_without_acts", "la revalorisation {0} ne vise aucun acte", "the revaluation {0} applies to no act", "ajoutez `pour groupe ...` ou `pour acte ...`", "add `pour groupe ...` or `pour acte ...`"},
    Message{"compile.revaluation_without_cotation", "l'acte {0} n'a pas de cotation le {1} à revaloriser", "the act {0} has no cotation on {1} to revalue", "", ""},
    Message{"compile.rule_decides_nothing", "la règle {0} ne décide rien : ni `alors`, ni `au plus`, ni `non cumulable`", "the rule {0} decides nothing: no `alors`, `au plus` or `non cumulable`", "", ""},
    Message{"compile.rule_never_applies",
            "la règle {0} ne peut jamais s'appliquer : aucun des actes qu'elle vise n'est facturable pendant sa période",
            "the rule {0} can never apply: none of the acts it targets can be billed during its period", "", ""},
    Message{"compile.rule_without_citation", "la règle {0} ne cite pas sa source", "the rule {0} does not cite its source", "ajoutez `selon SOURCE \"article\"`", "add `selon SOURCE \"article\"`"},
    Message{"compile.rule_without_scope", "la règle {0} ne dit pas à quoi elle s'applique", "the rule {0} does not say what it applies to", "ajoutez `pour acte ...`, `pour forfait ...` ou `pour tout acte`", "add `pour acte ...`, `pour forfait ...` or `pour tout acte`"},
    Message{"compile.same_code_same_date", "la cotation {0} désigne deux actes le {3} : {1} et {2}", "the cotation {0} designates two acts on {3}: {1} and {2}", "", ""},
    Message{"compile.set_outside_dans", "un ensemble {{...}} ne s'emploie qu'après `dans`", "a set {{...}} is only used after `dans`", "", ""},
    Message{"compile.source_in_force_before_signed", "la source {0} entre en vigueur avant d'être signée", "the source {0} comes into force before it is signed", "", ""},
    Message{"compile.source_published_before_signed", "la source {0} est publiée avant d'être signée", "the source {0} is published before it is signed", "", ""},
    Message{"compile.telecare_letter_in_cotation",
            "la lettre {0} facture le télésoin des actes (`télésoin des actes`) : l'acte {1} ne peut pas être coté avec elle",
            "the letter {0} bills acts in telecare (`télésoin des actes`): the act {1} cannot be quoted with it",
            "cotez l'acte avec sa lettre en présentiel ; une ligne « {0} <coefficient> » le facture en télésoin",
            "quote the act with its letter at the practice; a line \"{0} <coefficient>\" bills it in telecare"},
    Message{"compile.text_in_expression", "un texte entre guillemets n'a pas de sens dans une expression", "a quoted text has no meaning in an expression", "", ""},
    Message{"compile.total_mismatch",
            "le total écrit, {0} €, n'est pas la somme des montants et versements du dispositif {2} : {1} €",
            "the written total, {0} €, is not the sum of the amounts and instalments of scheme {2}: {1} €",
            "le total compte chaque `montant` et chaque `versement` du dispositif",
            "the total counts every `montant` and `versement` of the scheme"},
    Message{"compile.total_of_computed_amount",
            "le total du dispositif {0} ne peut pas être vérifié : un montant, un versement ou le total est calculé",
            "the total of scheme {0} cannot be checked: an amount, an instalment or the total is computed",
            "un `total` ne s'écrit que lorsque tous les montants sont des sommes en euros écrites telles quelles",
            "write a `total` only when every amount is a plain sum in euros"},
    Message{"compile.unknown_declaration", "{0} {1} : ce nom n'est déclaré nulle part", "{0} {1}: this name is declared nowhere", "", ""},
    Message{"compile.unknown_declaration_near", "{0} {1} : ce nom n'est déclaré nulle part ; vouliez-vous dire « {2} » ?",
            "{0} {1}: this name is declared nowhere; did you mean `{2}`?", "", ""},
    Message{"compile.unknown_example_field", "champ de facture inconnu : {0}", "unknown claim field: {0}",
            "un exemple donne date, région, lieu, patient.âge, prescription.nature, série.rang, "
            "série.séances_12_mois, série.accord_préalable, trajet.distance, trajet.même_agglomération, "
            "horaire.nuit, horaire.dimanche_ou_férié, horaire.urgence, télésoin, "
            "prescription.date_initiale, prescription.date_renouvellement, prescription.numéro_prescripteur, "
            "prescription.diagnostic_préalable ou praticien.structure",
            "an example gives date, région, lieu, patient.âge, prescription.nature, série.rang, "
            "série.séances_12_mois, série.accord_préalable, trajet.distance, trajet.même_agglomération, "
            "horaire.nuit, horaire.dimanche_ou_férié, horaire.urgence, télésoin, "
            "prescription.date_initiale, prescription.date_renouvellement, prescription.numéro_prescripteur, "
            "prescription.diagnostic_préalable or praticien.structure"},
    Message{"compile.unknown_example_value", "{0} n'est pas une valeur possible de {1}",
            "{0} is not a possible value of {1}",
            "région : métropole ou drom ; lieu : cabinet, domicile ou établissement ; "
            "prescription.nature : médicale, renouvellement ou accès_direct",
            "région: métropole or drom; lieu: cabinet, domicile or établissement; "
            "prescription.nature: médicale, renouvellement or accès_direct"},
    Message{"compile.unknown_fact", "{0} n'est pas un fait déclaré du dispositif {1}",
            "{0} is not a declared fact of scheme {1}",
            "un dispositif ne lit que ses faits : déclarez-le, par exemple fait {0} \"libellé\" : booléen",
            "a scheme reads its facts only: declare it, for example fait {0} \"label\" : booléen"},
    Message{"compile.unknown_function", "{0} n'est pas une fonction connue : seules min(a, b), max(a, b), choix(condition, a, b) et contient(groupe) existent", "{0} is not a known function: only min(a, b), max(a, b), choix(condition, a, b) and contient(groupe) exist", "", ""},
    Message{"compile.unknown_letter", "aucune lettre clé {0} n'est déclarée", "no key letter {0} is declared", "", ""},
    Message{"compile.unknown_letter_near", "aucune lettre clé {0} n'est déclarée : vouliez-vous dire « {1} » ?",
            "no key letter {0} is declared: did you mean `{1}`?", "", ""},
    Message{"compile.unknown_limit_scope", "`par {0}` : on attend jour, an, série, épisode ou patient", "`par {0}`: expected jour, an, série, épisode or patient", "", ""},
    Message{"compile.unknown_name", "nom inconnu : {0}", "unknown name: {0}", "les champs de la facture sont décrits dans docs/claim-format.md (patient.âge, lieu, trajet.distance...)", "the claim fields are listed in docs/claim-format.md (patient.âge, lieu, trajet.distance...)"},
    Message{"compile.unknown_region", "région inconnue {0} : on attend metropole ou drom", "unknown region {0}: expected metropole or drom", "", ""},
    Message{"compile.unknown_rounding_mode", "mode d'arrondi inconnu {0} : on attend demi_loin_de_zero, demi_pair, vers_zero ou loin_de_zero", "unknown rounding mode {0}: expected demi_loin_de_zero, demi_pair, vers_zero or loin_de_zero", "", ""},
    Message{"compile.unknown_rounding_unit", "unité d'arrondi inconnue {0} : on attend centime ou euro", "unknown rounding unit {0}: expected centime or euro", "", ""},
    Message{"compile.unknown_schedule", "aucun barème {0} n'est déclaré", "no schedule {0} is declared",
            "déclarez-le une fois : barème {0} \"libellé\" {{ valeur ... selon ... }}",
            "declare it once: barème {0} \"label\" {{ valeur ... selon ... }}"},
    Message{"compile.unknown_schedule_near", "aucun barème {0} n'est déclaré : vouliez-vous dire « {1} » ?",
            "no schedule {0} is declared: did you mean `{1}`?", "", ""},
    Message{"compile.unknown_source", "aucune source {0} n'est déclarée", "no source {0} is declared", "déclarez-la : source {0} \"titre\" signé AAAA-MM-JJ", "declare it: source {0} \"title\" signé YYYY-MM-DD"},
    Message{"compile.unknown_source_near", "aucune source {0} n'est déclarée : vouliez-vous dire « {1} » ?",
            "no source {0} is declared: did you mean `{1}`?", "", ""},
    Message{"compile.unreachable_decision",
            "la décision \"{0}\" du dispositif {1} n'est jamais prise : une décision sans `si` la précède",
            "decision \"{0}\" of scheme {1} is never taken: a decision without `si` comes before it",
            "la première décision dont la condition est vraie est prise ; la décision par défaut vient en dernier",
            "the first decision whose condition holds is taken; the default decision comes last"},
    Message{"compile.unsupported_window", "fenêtre {0} non prise en charge : seuls les 12 mois précédents sont comptés", "window {0} not supported: only the 12 months before are counted", "", ""},
    Message{"compile.unused_schedule", "le barème {0} n'est utilisé par aucune lettre ni aucun forfait",
            "the schedule {0} is used by no letter and no item",
            "une lettre le prend par `valeur barème {0}` ; sinon retirez-le",
            "a letter takes it with `valeur barème {0}`; otherwise remove it"},
    Message{"compile.value_not_positive", "la valeur de {0} est {1} € en {2} : elle doit être positive",
            "the value of {0} is {1} € in {2}: it must be positive", "", ""},
    Message{"compile.wrong_type", "on a ici un(e) {0}, il faut un(e) {1}", "this is a {0}, a {1} is needed", "", ""},
    Message{"internal.uncaught", "erreur interne : {0}", "internal error: {0}",
            "signalez-la avec la commande et les fichiers qui l'ont provoquée",
            "report it with the command and the files that caused it"},
    Message{"io.cannot_read", "impossible de lire {0} : {1}", "cannot read {0}: {1}", "", ""},
    Message{"io.cannot_write", "impossible d'écrire {0} : {1}", "cannot write {0}: {1}",
            "le fichier d'origine n'a pas été modifié", "the original file was left unchanged"},
    Message{"io.cannot_write_output", "impossible d'écrire la sortie ({0}) : {1}",
            "cannot write the output ({0}): {1}",
            "la sortie est incomplète ; relancez la commande vers une sortie qui accepte tout",
            "the output is incomplete; run the command again into an output that takes it all"},
    Message{"io.file_too_large", "le fichier fait {0} octets, plus que la limite de {1}",
            "the file is {0} bytes, over the limit of {1}", "", ""},
    Message{"io.input_too_large", "le fichier dépasse la limite de {0} octets",
            "the file is over the limit of {0} bytes", "", ""},
    Message{"io.no_rule_files", "aucun fichier .cot dans {0}", "no .cot file in {0}",
            "un ensemble de règles est un répertoire de fichiers .cot",
            "a rule set is a directory of .cot files"},
    Message{"io.no_rule_texts", "aucun fichier de règles dans la liste donnée", "no rule file in the list given",
            "donnez au moins un fichier : un nom et son texte", "give at least one file: a name and its text"},
    Message{"io.not_found", "{0} n'existe pas", "{0} does not exist", "", ""},
    Message{"io.skipped_link", "{0} est un lien qui ne mène à aucun fichier : il est ignoré",
            "{0} is a link that leads to no file: it is skipped", "", ""},
    Message{"io.too_many_files", "plus de {0} fichiers .cot : les suivants sont ignorés",
            "more than {0} .cot files: the rest are ignored", "", ""},
    Message{"syntax.did_you_mean", "« {0} » n'est pas attendu ici : vouliez-vous dire « {1} » ?",
            "`{0}` is not expected here: did you mean `{1}`?", "", ""},
    Message{"syntax.empty_file", "le fichier ne contient aucune déclaration",
            "the file holds no declaration",
            "un fichier de règles déclare des sources, lettres, forfaits, actes, règles...",
            "a rule file declares sources, letters, items, acts, rules..."},
    Message{"syntax.expected_act_statement_or_end",
            "dans un acte, on attend `article`, `classement`, `cotation`, `remplace`, `référentiel`, "
            "`en attente`, `supprimé`, `condition`, `note` ou `}}`",
            "expected `article`, `classement`, `cotation`, `remplace`, `référentiel`, `en attente`, "
            "`supprimé`, `condition`, `note` or `}}` in an act",
            "", ""},
    Message{"syntax.expected_added_statement_or_end",
            "dans `ajoute`, on attend `valeur`, `cotation`, `condition`, `coefficient`, `au plus`, "
            "`depuis`, `jusqu'au` ou `}}`",
            "expected `valeur`, `cotation`, `condition`, `coefficient`, `au plus`, `depuis`, "
            "`jusqu'au` or `}}` in `ajoute`",
            "", ""},
    Message{"syntax.expected_amended_target",
            "on attend ce que le texte modifie : `acte`, `lettre`, `forfait`, `paramètre`, `groupe`, "
            "`règle`, `revalorisation` ou `dispositif`, puis son nom",
            "expected what the text amends: `acte`, `lettre`, `forfait`, `paramètre`, `groupe`, "
            "`règle`, `revalorisation` or `dispositif`, then its name",
            "par exemple : reporte revalorisation anciens_ams_7_5 du 2025-07-01 au 2026-01-01",
            "for example: reporte revalorisation anciens_ams_7_5 du 2025-07-01 au 2026-01-01"},
    Message{"syntax.expected_amendment_statement_or_end",
            "dans un amendement, on attend `reporte`, `abroge`, `ajoute`, `note` ou `}}`",
            "expected `reporte`, `abroge`, `ajoute`, `note` or `}}` in an amendment", "", ""},
    Message{"syntax.expected_amount", "on attend un montant en euros après le libellé",
            "expected an amount in euros after the label", money_hint_fr, money_hint_en},
    Message{"syntax.expected_amount_name", "on attend le nom du montant après `montant`",
            "expected the name of the amount after `montant`", name_hint_fr, name_hint_en},
    Message{"syntax.expected_article_reference",
            "on attend, entre guillemets, l'article cité : \"titre XIV, chap. II, art. 1er\"",
            "expected the article cited, in quotes: \"titre XIV, chap. II, art. 1er\"", "", ""},
    Message{"syntax.expected_billed_code", "on attend le code facturé entre guillemets après `ligne`",
            "expected the billed code in quotes after `ligne`", "par exemple : ligne \"RAM 7.49\" : acceptée 16,55 €",
            "for example: ligne \"RAM 7.49\" : acceptée 16,55 €"},
    Message{"syntax.expected_citation", "on attend `selon` suivi du nom d'une source",
            "expected `selon` followed by the name of a source", citation_hint_fr, citation_hint_en},
    Message{"syntax.expected_classification",
            "on attend un critère de classement et sa valeur, par exemple `région rachis`",
            "expected a classification criterion and its value, for example `région rachis`", "", ""},
    Message{"syntax.expected_classification_value", "on attend la valeur du critère de classement",
            "expected the value of the classification criterion", "", ""},
    Message{"syntax.expected_closing_parenthesis", "on attend une parenthèse fermante `)`",
            "expected a closing parenthesis `)`", "", ""},
    Message{"syntax.expected_coefficient",
            "on attend le coefficient après la lettre clé, par exemple 7.49",
            "expected the coefficient after the key letter, for example 7.49", "", ""},
    Message{"syntax.expected_counted_scope",
            "on attend ce sur quoi porte la limite après `par` : an, jour, série, patient...",
            "expected what the limit is counted over after `par`: an, jour, série, patient...",
            "", ""},
    Message{"syntax.expected_date", "on attend une date après `{0}`",
            "expected a date after `{0}`", date_hint_fr, date_hint_en},
    Message{"syntax.expected_day_rounding_direction", "on attend `précédent` ou `suivant` après `arrondi au jour`",
            "expected `précédent` or `suivant` after `arrondi au jour`",
            "quand le mois visé n'a pas ce jour : précédent = son dernier jour, suivant = le 1er du mois d'après",
            "when the target month lacks that day: précédent = its last day, suivant = the 1st of the next month"},
    Message{"syntax.expected_decision_label", "on attend, entre guillemets, la décision après `décision`",
            "expected the decision, in quotes, after `décision`",
            "décision \"conventionnement accordé\" si ... selon ...", "décision \"conventionnement accordé\" si ... selon ..."},
    Message{"syntax.expected_declaration",
            "on attend une déclaration : source, barème, lettre, forfait, paramètre, acte, groupe, règle, "
            "revalorisation, amendement ou dispositif",
            "expected a declaration: source, barème, lettre, forfait, paramètre, acte, groupe, règle, "
            "revalorisation, amendement or dispositif",
            "", ""},
    Message{"syntax.expected_declaration_name", "on attend le nom de la déclaration",
            "expected the name of the declaration", name_hint_fr, name_hint_en},
    Message{"syntax.expected_every_kind", "on attend `acte` ou `forfait` après `tout`",
            "expected `acte` or `forfait` after `tout`", "", ""},
    Message{"syntax.expected_example_amount", "on attend le montant de la ligne en euros",
            "expected the line's amount in euros", money_hint_fr, money_hint_en},
    Message{"syntax.expected_example_outcome",
            "on attend la décision attendue : acceptée MONTANT, refusée [\"motif\"] ou accord préalable [MONTANT]",
            "expected the line's expected decision: acceptée AMOUNT, refusée [\"reason\"] or accord préalable [AMOUNT]",
            "", ""},
    Message{"syntax.expected_example_statement_or_end",
            "dans un exemple, on attend un champ de la facture (date, lieu, patient.âge...), `ligne`, `note` ou `}}`",
            "expected a claim field (date, lieu, patient.âge...), `ligne`, `note` or `}}` in an example", "", ""},
    Message{"syntax.expected_expression", "on attend une expression",
            "expected an expression", expression_hint_fr, expression_hint_en},
    Message{"syntax.expected_fact_name", "on attend le nom du fait après `fait`",
            "expected the name of the fact after `fait`", name_hint_fr, name_hint_en},
    Message{"syntax.expected_fact_type",
            "on attend le type du fait : booléen, nombre, pourcentage, montant ou date",
            "expected the type of the fact: booléen, nombre, pourcentage, montant or date", "", ""},
    Message{"syntax.expected_field_value",
            "on attend la valeur du champ : une date, un nombre, 10 km, vrai, cabinet...",
            "expected the value of the field: a date, a number, 10 km, vrai, cabinet...", "", ""},
    Message{"syntax.expected_group_statement_or_end",
            "dans un groupe, on attend des membres (`acte x, y`), `note` ou `}}`",
            "expected members (`acte x, y`), `note` or `}}` in a group", "", ""},
    Message{"syntax.expected_identifier", "on attend un nom", "expected a name", name_hint_fr,
            name_hint_en},
    Message{"syntax.expected_instalment_year", "on attend l'année du versement : N, N+1, N+2...",
            "expected the year of the instalment: N, N+1, N+2...",
            "N est l'année de la date de la situation (la signature du contrat)",
            "N is the year of the situation's date (the signature of the contract)"},
    Message{"syntax.expected_item_statement_or_end",
            "dans un forfait, on attend `valeur`, `condition`, `calcul`, `note` ou `}}`",
            "expected `valeur`, `condition`, `calcul`, `note` or `}}` in an item", "", ""},
    Message{"syntax.expected_key_letter", "on attend une lettre clé, par exemple RAM ou AMK",
            "expected a key letter, for example RAM or AMK", "", ""},
    Message{"syntax.expected_label",
            "on attend le libellé entre guillemets après le nom, par exemple \"Rééducation du rachis\"",
            "expected the label in quotes after the name, for example \"Rééducation du rachis\"", "",
            ""},
    Message{"syntax.expected_letter_statement_or_end",
            "dans une lettre clé, on attend `valeur`, `arrondi`, `note` ou `}}`",
            "expected `valeur`, `arrondi`, `note` or `}}` in a key letter", "", ""},
    Message{"syntax.expected_limit_count", "on attend un nombre entier après `au plus`",
            "expected a whole number after `au plus`", "", ""},
    Message{"syntax.expected_message", "on attend le message entre guillemets",
            "expected the message in quotes", "", ""},
    Message{"syntax.expected_note", "on attend le texte de la note entre guillemets",
            "expected the text of the note in quotes", "", ""},
    Message{"syntax.expected_opening_brace", "on attend une accolade ouvrante `{{`",
            "expected an opening brace `{{`", "", ""},
    Message{"syntax.expected_outcome",
            "on attend la décision après `alors` : refus, acceptation, accord préalable ou taux 50 %",
            "expected the outcome after `alors`: refus, acceptation, accord préalable or taux 50 %",
            "", ""},
    Message{"syntax.expected_parameter_statement_or_end",
            "dans un paramètre, on attend `valeur`, `note` ou `}}`",
            "expected `valeur`, `note` or `}}` in a parameter", "", ""},
    Message{"syntax.expected_parameter_value", "on attend une valeur après `valeur`",
            "expected a value after `valeur`",
            "par exemple 2 km, 12 mois, 50 %, 2.50 € ou 18", "for example 2 km, 12 mois, 50 %, 2.50 € or 18"},
    Message{"syntax.expected_pending_reason",
            "on attend, entre guillemets, ce que l'acte attend : \"avis de la HAS\"",
            "expected, in quotes, what the act is waiting for: \"avis de la HAS\"", "", ""},
    Message{"syntax.expected_percentage", "on attend un pourcentage, par exemple 50 %",
            "expected a percentage, for example 50 %", "", ""},
    Message{"syntax.expected_priced_value", "on attend un montant en euros après `{0}`",
            "expected an amount in euros after `{0}`", money_hint_fr, money_hint_en},
    Message{"syntax.expected_referential_name",
            "on attend le nom du référentiel entre guillemets, par exemple \"lombalgie commune\"",
            "expected the name of the referential in quotes, for example \"lombalgie commune\"", "", ""},
    Message{"syntax.expected_region", "on attend le nom d'une région après `en` : metropole ou drom",
            "expected the name of a region after `en`: metropole or drom", "", ""},
    Message{"syntax.expected_revaluation_statement_or_end",
            "dans une revalorisation, on attend `pour`, `coefficient`, `note` ou `}}`",
            "expected `pour`, `coefficient`, `note` or `}}` in a revaluation", "", ""},
    Message{"syntax.expected_rounding_mode",
            "on attend le mode d'arrondi : demi_loin_de_zero, demi_pair, vers_zero ou loin_de_zero",
            "expected the rounding mode: demi_loin_de_zero, demi_pair, vers_zero or loin_de_zero", "", ""},
    Message{"syntax.expected_rounding_unit", "on attend l'unité de l'arrondi : centime ou euro",
            "expected the unit of the rounding: centime or euro", "", ""},
    Message{"syntax.expected_rule_statement_or_end",
            "dans une règle, on attend `pour`, `depuis`, `jusqu'au`, `si`, `alors`, `au plus`, "
            "`non cumulable`, `seulement avec`, `message`, `selon`, `note` ou `}}`",
            "expected `pour`, `depuis`, `jusqu'au`, `si`, `alors`, `au plus`, `non cumulable`, "
            "`seulement avec`, `message`, `selon`, `note` or `}}` in a rule",
            "", ""},
    Message{"syntax.expected_schedule_name", "on attend le nom d'un barème après `valeur barème`",
            "expected the name of a schedule after `valeur barème`", "", ""},
    Message{"syntax.expected_schedule_statement_or_end", "dans un barème, on attend `valeur`, `note` ou `}}`",
            "expected `valeur`, `note` or `}}` in a schedule", "", ""},
    Message{"syntax.expected_scheme_statement_or_end",
            "dans un dispositif, on attend `fait`, `montant`, `versement`, `décision`, `total`, `condition`, "
            "`note` ou `}}`",
            "expected `fait`, `montant`, `versement`, `décision`, `total`, `condition`, `note` or `}}` in a scheme",
            "", ""},
    Message{"syntax.expected_selector",
            "on attend ce que vise la règle : `acte x`, `lettre RAM`, `forfait IFD`, `groupe g`, "
            "`tout acte` ou `tout forfait`",
            "expected what the rule applies to: `acte x`, `lettre RAM`, `forfait IFD`, `groupe g`, "
            "`tout acte` or `tout forfait`",
            "", ""},
    Message{"syntax.expected_session_count", "on attend un nombre de séances",
            "expected a number of sessions", "", ""},
    Message{"syntax.expected_source_name", "on attend le nom d'une source déclarée après `selon`",
            "expected the name of a declared source after `selon`", citation_hint_fr,
            citation_hint_en},
    Message{"syntax.expected_source_rank",
            "on attend le rang de la source : texte, fonds, editeur ou blog",
            "expected the rank of the source: texte, fonds, editeur or blog", "", ""},
    Message{"syntax.expected_step_amount",
            "on attend la variation du coefficient avec son signe, par exemple +0.6",
            "expected the change of coefficient with its sign, for example +0.6", "", ""},
    Message{"syntax.expected_string_end", "la chaîne n'est pas fermée : on attend `\"` avant la fin de la ligne",
            "the string is not closed: expected `\"` before the end of the line", "", ""},
    Message{"syntax.expected_threshold",
            "on attend un seuil : `au-delà de 15 séances par série`, `au-delà de 30 séances sur 12 mois` "
            "ou `dès la séance 1`",
            "expected a threshold: `au-delà de 15 séances par série`, `au-delà de 30 séances sur 12 "
            "mois` or `dès la séance 1`",
            "", ""},
    Message{"syntax.expected_threshold_scope", "on attend `par série` ou `sur` et une durée",
            "expected `par série` or `sur` and a duration", "", ""},
    Message{"syntax.expected_token", "on attend `{0}`", "expected `{0}`", "", ""},
    Message{"syntax.expected_value_set",
            "on attend un ensemble entre accolades après `dans`, par exemple {{cabinet, domicile}}",
            "expected a set in braces after `dans`, for example {{cabinet, domicile}}", "", ""},
    Message{"syntax.expected_value_set_end", "on attend `,` ou l'accolade fermante `}}` de l'ensemble",
            "expected `,` or the closing brace `}}` of the set", "", ""},
    Message{"syntax.expected_window", "on attend une durée, par exemple 12 mois",
            "expected a duration, for example 12 mois", "", ""},
    Message{"syntax.hyphen_in_name", "« {0} » : un nom s'écrit avec _ et non avec un trait d'union : vouliez-vous dire « {1} » ?",
            "`{0}`: a name is written with _, not with a hyphen: did you mean `{1}`?", "", ""},
    Message{"syntax.invalid_date", "la date {0} n'existe pas", "the date {0} does not exist",
            date_hint_fr, date_hint_en},
    Message{"syntax.invalid_escape",
            "dans une chaîne, la barre oblique inverse ne peut précéder que `\"` ou `\\`",
            "in a string, a backslash can only come before `\"` or `\\`", "", ""},
    Message{"syntax.invalid_utf8", "le fichier n'est pas du texte UTF-8 valide (octet 0x{0})",
            "the file is not valid UTF-8 text (byte 0x{0})",
            "enregistrez le fichier en UTF-8", "save the file as UTF-8"},
    Message{"syntax.nesting_too_deep", "l'expression est imbriquée sur plus de {0} niveaux",
            "the expression is nested more than {0} levels deep",
            "découpez-la en paramètres ou en règles ; chaque parenthèse, `non`, `-` et chaque opérande "
            "d'une suite de `+`, `-`, `*`, `/`, `et`, `ou` compte pour un niveau",
            "split it into parameters or rules; each parenthesis, `non`, `-` and each operand of a "
            "run of `+`, `-`, `*`, `/`, `et`, `ou` counts as one level"},
    Message{"syntax.non_breaking_space", "espace insécable ({0}) : les mots se séparent par des espaces ordinaires",
            "non-breaking space ({0}): words are separated by ordinary spaces",
            "elle vient souvent d'un texte copié d'un PDF : remplacez-la par une espace",
            "it often comes from text copied from a PDF: replace it with a space"},
    Message{"syntax.number_too_large", "le nombre {0} est trop grand", "the number {0} is too large",
            "", ""},
    Message{"syntax.region_with_hyphen", "« {0} » : la région d'outre-mer s'écrit `drom` : vouliez-vous dire « drom » ?",
            "`{0}`: the overseas region is written `drom`: did you mean `drom`?", "", ""},
    Message{"syntax.too_many_errors", "trop d'erreurs dans ce fichier : la suite n'est pas lue",
            "too many errors in this file: the rest is not read", "", ""},
    Message{"syntax.typographic_quote", "guillemet typographique {0} : un texte s'écrit entre guillemets droits \"...\"",
            "typographic quote {0}: a text is written between straight quotes \"...\"",
            "par exemple : selon av7 \"art. 2.1\"", "for example: selon av7 \"art. 2.1\""},
    Message{"tools.at_needs_two_dates", "--at s'écrit deux fois, avec les deux dates à comparer dans un seul ensemble de règles",
            "--at is given twice, with the two dates to compare in one rule set",
            "exemple : cotation diff --at 2025-06-30 --at 2025-07-01 rules", "example: cotation diff --at 2025-06-30 --at 2025-07-01 rules"},
    Message{"tools.bad_date", "{0} n'est pas une date", "{0} is not a date", date_hint_fr, date_hint_en},
    Message{"tools.diff_needs_two_rule_sets", "on attend deux ensembles de règles à comparer : ANCIEN NOUVEAU",
            "expected two rule sets to compare: OLD NEW",
            "un ensemble de règles est un répertoire ou une révision git : cotation diff v1.2:rules rules",
            "a rule set is a directory or a git revision: cotation diff v1.2:rules rules"},
    Message{"tools.git_missing", "git est introuvable : la révision {0} ne peut pas être lue",
            "git is not available: revision {0} cannot be read",
            "installez git, ou extrayez la révision dans un répertoire et donnez ce répertoire",
            "install git, or extract the revision into a directory and give that directory"},
    Message{"tools.git_revision", "git ne peut pas extraire {0} : {1}", "git cannot extract {0}: {1}",
            "une révision s'écrit RÉVISION:CHEMIN, le chemin depuis la racine du dépôt (v1.2:rules, HEAD~3:rules), dans un dépôt git",
            "a revision is written REVISION:PATH, the path from the repository's root (v1.2:rules, HEAD~3:rules), inside a git repository"},
};

constexpr bool catalogue_is_sorted() {
  for (std::size_t i = 1; i < messages.size(); ++i) {
    if (!(messages[i - 1].id < messages[i].id)) return false;
  }
  return true;
}
static_assert(catalogue_is_sorted(), "keep the message catalogue sorted by id");

const Message* find_message(std::string_view id) {
  const auto found = std::lower_bound(messages.begin(), messages.end(), id,
                                      [](const Message& m, std::string_view key) { return m.id < key; });
  return found != messages.end() && found->id == id ? &*found : nullptr;
}

std::string format_with(std::string_view pattern, const std::vector<std::string>& arguments) {
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (const auto& argument : arguments) store.push_back(argument);
  try {
    return fmt::vformat(pattern, store);
  } catch (const fmt::format_error&) {
    return std::string(pattern);  // an argument missing: show the pattern rather than lose it
  }
}

}  // namespace

std::string message_text(const Diagnostic& diagnostic, Language language) {
  const Message* message = find_message(diagnostic.message_id);
  if (message == nullptr) return diagnostic.message_id;
  return format_with(language == Language::french ? message->french : message->english,
                     diagnostic.arguments);
}

std::string hint_text(const Diagnostic& diagnostic, Language language) {
  const Message* message = find_message(diagnostic.message_id);
  if (message == nullptr) return {};
  return format_with(language == Language::french ? message->french_hint : message->english_hint,
                     diagnostic.arguments);
}

bool is_known_message(std::string_view id) { return find_message(id) != nullptr; }

}  // namespace cotation
