// The problems of a claim line (docs/claim-format.md section 4): the French message catalogue,
// and why the JSON scanner stopped. In: nothing; out: message patterns and fault reasons, for
// the readers, which give every problem its code, the JSON path it is about and the format
// document as source.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "cotation/decision.hpp"

namespace cotation::claim_read {

inline constexpr std::string_view format_source = "docs/claim-format.md";

// The message catalogue of the readers, in French: every problem text is one of these patterns.
// The first argument is always the JSON path of the value the problem is about.
namespace msg {
inline constexpr auto line_too_long = "enregistrement trop long : {} octets, au plus {} acceptés";
inline constexpr auto empty_line = "ligne vide : un objet JSON est attendu";
inline constexpr auto not_json = "JSON invalide à l'octet {} : {}";
inline constexpr auto not_json_near = "JSON invalide à l'octet {} : {}, près de « {} »";
inline constexpr auto not_object = "l'enregistrement doit être un objet JSON, pas {}";
inline constexpr auto too_deep = "{} : imbrication trop profonde (plus de {} niveaux)";
inline constexpr auto too_many_lines = "{} : plus de {} lignes pour une même séance";
inline constexpr auto too_many_sessions = "{} : plus de {} séances dans l'historique";
inline constexpr auto too_many_problems = "plus de {} problèmes : lecture de l'enregistrement arrêtée";
inline constexpr auto unknown_field = "{} : champ inconnu du format v1";
inline constexpr auto duplicate_field = "{} : champ en double (seule la première valeur est lue)";
inline constexpr auto missing_field = "{} : champ obligatoire absent";
inline constexpr auto wrong_type = "{} : on attend {}, pas {}";
inline constexpr auto empty_id = "{} : l'identifiant est vide";
inline constexpr auto empty_code = "{} : le code de la ligne est vide";
inline constexpr auto no_lines = "{} : le tableau est vide, au moins une ligne est attendue";
inline constexpr auto bad_date = "{} : date attendue au format AAAA-MM-JJ, pas « {} »";
inline constexpr auto no_such_date = "{} : la date « {} » n'existe pas";
inline constexpr auto unknown_value = "{} : valeur inconnue « {} » ; valeurs admises : {}";
inline constexpr auto not_integer = "{} : on attend un nombre entier, pas {}";
inline constexpr auto integer_out_of_range = "{} : entier hors limites ({})";
inline constexpr auto negative_distance = "{} : une distance ne peut pas être négative ({})";
inline constexpr auto negative_age = "{} : un âge ne peut pas être négatif ({})";
inline constexpr auto negative_count = "{} : un nombre de séances ne peut pas être négatif ({})";
inline constexpr auto session_below_one = "{} : le rang de la séance commence à 1 ({})";
constexpr auto bad_decimal =
    "{} : nombre décimal illisible « {} » (chiffres, avec un point ou une virgule décimale, sans exposant)";
inline constexpr auto bad_prescriber_number = "{} : un numéro de prescripteur a 9 chiffres, pas « {} »";
inline constexpr auto decimal_too_large = "{} : nombre trop grand ou trop précis « {} » (au plus 6 décimales)";
}  // namespace msg

// Why the JSON scanner stopped.
enum class JsonFault : std::uint8_t {
  syntax,        // a well-formed token where it does not belong, or a broken byte order mark
  end_of_input,  // the line ends inside the record
  trailing,      // something after the record's closing brace
  control,       // an unescaped control character inside a string
  utf8,          // a byte that is not valid UTF-8 inside a string
  bad_string,    // a bad escape sequence, a lone surrogate
  bad_number,
  bad_literal,          // a word that is not true, false or null, or a byte that starts no token
  overflow,             // a number beyond what JSON readers hold (section 6 of RFC 8259)
  unterminated_string,  // the line ends inside a string (an escape included)
};

// The reason of each fault, in the order of JsonFault.
inline constexpr std::array<std::string_view, 10> fault_reasons = {
    "syntaxe incorrecte",
    "fin de ligne inattendue, l'objet JSON est incomplet",
    "contenu en trop après l'objet JSON",
    "caractère de contrôle non échappé dans une chaîne",
    "octet UTF-8 invalide",
    "chaîne mal formée (séquence d'échappement invalide)",
    "nombre mal écrit",
    "valeur inattendue (ni chaîne, ni nombre, ni true, false, null)",
    "nombre hors limites",
    "chaîne non terminée : la ligne finit avant son guillemet fermant",
};

inline std::string_view reason_of(JsonFault fault) noexcept {
  return fault_reasons.at(static_cast<std::size_t>(fault));
}

inline Reason format_problem(ReasonCode code, std::string field, std::string message) {
  return {code, {}, std::move(field), std::move(message), std::string(format_source)};
}

}  // namespace cotation::claim_read
