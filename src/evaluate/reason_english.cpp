// The English of the messages composed in French while deciding or reading (reason_text.hpp):
// the claim reader's problems (docs/claim-format.md §4) and the engine's rarer reasons. In: the
// French text; out: its English, pattern by pattern, the quoted words kept.
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "evaluate/reason_text.hpp"

namespace cotation::evaluation {

namespace {

struct Pattern {
  std::string_view french;  // "{}" where a word is quoted
  std::string_view english;
};

// The more specific pattern first: a text takes the first that matches it whole.
constexpr std::array<Pattern, 50> patterns = {{
    // The claim reader (src/evaluate/claim_read/problems.hpp).
    {"enregistrement trop long : {} octets, au plus {} acceptés", "record too long: {} bytes, at most {} accepted"},
    {"ligne vide : un objet JSON est attendu", "empty line: a JSON object is expected"},
    {"JSON invalide à l'octet {} : {}, près de « {} »", "invalid JSON at byte {}: {}, near “{}”"},
    {"JSON invalide à l'octet {} : {}", "invalid JSON at byte {}: {}"},
    {"l'enregistrement doit être un objet JSON, pas {}", "the record must be a JSON object, not {}"},
    {"{} : imbrication trop profonde (plus de {} niveaux)", "{}: nested too deep (more than {} levels)"},
    {"{} : plus de {} lignes pour une même séance", "{}: more than {} lines for one session"},
    {"{} : plus de {} séances dans l'historique", "{}: more than {} sessions in the history"},
    {"plus de {} problèmes : lecture de l'enregistrement arrêtée", "more than {} problems: reading the record stopped"},
    {"{} : champ inconnu du format v1", "{}: field unknown to format v1"},
    {"{} : champ en double (seule la première valeur est lue)", "{}: field repeated (only the first value is read)"},
    {"{} : champ obligatoire absent", "{}: required field missing"},
    {"{} : on attend un nombre entier, pas {}", "{}: an integer is expected, not {}"},
    {"{} : on attend {}, pas {}", "{}: {} is expected, not {}"},
    {"{} : l'identifiant est vide", "{}: the identifier is empty"},
    {"{} : le code de la ligne est vide", "{}: the line's code is empty"},
    {"{} : le tableau est vide, au moins une ligne est attendue",
     "{}: the array is empty, at least one line is expected"},
    {"{} : date attendue au format AAAA-MM-JJ, pas « {} »", "{}: a date is expected as YYYY-MM-DD, not “{}”"},
    {"{} : la date « {} » n'existe pas", "{}: the date “{}” does not exist"},
    {"{} : valeur inconnue « {} » ; valeurs admises : {}", "{}: unknown value “{}”; values admitted: {}"},
    {"{} : entier hors limites ({})", "{}: integer out of range ({})"},
    {"{} : une distance ne peut pas être négative ({})", "{}: a distance cannot be negative ({})"},
    {"{} : un âge ne peut pas être négatif ({})", "{}: an age cannot be negative ({})"},
    {"{} : un nombre de séances ne peut pas être négatif ({})", "{}: a number of sessions cannot be negative ({})"},
    {"{} : le rang de la séance commence à 1 ({})", "{}: the session's rank starts at 1 ({})"},
    {"{} : nombre décimal illisible « {} » (chiffres, avec un point ou une virgule décimale, sans exposant)",
     "{}: unreadable decimal number “{}” (digits, with a decimal point or comma, no exponent)"},
    {"{} : un numéro de prescripteur a 9 chiffres, pas « {} »", "{}: a prescriber number has 9 digits, not “{}”"},
    {"{} : nombre trop grand ou trop précis « {} » (au plus 6 décimales)",
     "{}: number too large or too precise “{}” (at most 6 decimals)"},
    // The engine.
    {"la date de la séance manque (champ date)", "the session's date is missing (field date)"},
    {"erreur interne du moteur : {}", "internal engine error: {}"},
    {"{} n'est plus admise le {}", "{} is no longer admitted on {}"},
    {"selon l'acte, la cotation en vigueur est {}", "depending on the act, the cotation in force is {}"},
    {"{} désigne en télésoin le {} : {}", "{} designates in telehealth on {}: {}"},
    {"{} désigne le {} : {}", "{} designates on {}: {}"},
    {"{} désigne le {}", "{} designates on {}"},
    {"{} : aucun acte n'a le coefficient {} le {}", "{}: no act has the coefficient {} on {}"},
    {"la ligne de télésoin porte le coefficient de l'acte réalisé à distance",
     "a telehealth line carries the coefficient of the act done at a distance"},
    {"la ligne nomme « {} », qui n'en est pas", "the line names “{}”, which is not one of them"},
    {"chacun de ces actes l'admet", "each of these acts admits it"},
    {"chacun de ces actes en décide de même", "each of these acts decides alike"},
    {"ces actes n'en décident pas de même ({}) : la ligne doit nommer l'acte (champ act)",
     "these acts do not decide alike ({}): the line must name the act (field act)"},
    {"aucune cotation de {} ne correspond le {}", "no cotation of {} matches on {}"},
    {"la lettre {} ne déclare pas son arrondi", "the letter {} declares no rounding"},
    {"la règle {} applique un taux, mais aucun arrondi n'est déclaré pour ce montant",
     "the rule {} applies a rate, but no rounding is declared for this amount"},
    {"aucune valeur du paramètre {} n'est en vigueur le {}", "no value of the parameter {} is in force on {}"},
    {"aucune valeur de {} n'est en vigueur le {} en {}", "no value of {} is in force on {} in {}"},
    {"calcul impossible : {}", "calculation impossible: {}"},
    // An in-person letter on a telehealth session (line_decision.cpp).
    {"aucune lettre de télésoin n'est en vigueur le {} : l'acte ne se facture pas à distance",
     "no telecare letter is in force on {}: the act cannot be billed at a distance"},
    {"en télésoin, facturer {} suivi du coefficient de l'acte réalisé : {} est la cotation d'une séance en "
     "présence du patient",
     "in telehealth, bill {} followed by the coefficient of the act done: {} is the cotation of a session with "
     "the patient present"},
    {"en télésoin, facturer {} {} : {} est la cotation d'une séance en présence du patient",
     "in telehealth, bill {} {}: {} is the cotation of a session with the patient present"},
}};

// The engine's and the reader's own words inside a quoted place: JSON types, the scanner's
// faults, the decisions of ambiguous acts.
constexpr std::array<Pattern, 29> words = {{
    {"un objet (une séance)", "an object (a session)"},
    {"un objet (une ligne)", "an object (a line)"},
    {"un booléen", "a boolean"},
    {"un nombre entier", "an integer"},
    {"un nombre décimal (nombre ou chaîne)", "a decimal number (number or string)"},
    {"un nombre", "a number"},
    {"une chaîne de 9 chiffres", "a string of 9 digits"},
    {"une date (chaîne AAAA-MM-JJ)", "a date (string YYYY-MM-DD)"},
    {"une chaîne (valeur énumérée)", "a string (enumerated value)"},
    {"une chaîne", "a string"},
    {"un objet", "an object"},
    {"un tableau de lignes", "an array of lines"},
    {"un tableau de séances", "an array of sessions"},
    {"un tableau", "an array"},
    {"une valeur", "a value"},
    {"un autre texte JSON", "another JSON text"},
    {"syntaxe incorrecte", "incorrect syntax"},
    {"fin de ligne inattendue, l'objet JSON est incomplet", "unexpected end of line, the JSON object is incomplete"},
    {"contenu en trop après l'objet JSON", "extra content after the JSON object"},
    {"caractère de contrôle non échappé dans une chaîne", "unescaped control character in a string"},
    {"octet UTF-8 invalide", "invalid UTF-8 byte"},
    {"chaîne mal formée (séquence d'échappement invalide)", "malformed string (invalid escape sequence)"},
    {"nombre mal écrit", "badly written number"},
    {"valeur inattendue (ni chaîne, ni nombre, ni true, false, null)",
     "unexpected value (neither string, number, true, false nor null)"},
    {"nombre hors limites", "number out of range"},
    {"chaîne non terminée : la ligne finit avant son guillemet fermant",
     "unterminated string: the line ends before its closing quote"},
    {"le montant exact dépasse 19 chiffres", "the exact amount exceeds 19 digits"},
    {"le montant exact aurait plus de 18 décimales", "the exact amount would have more than 18 decimals"},
    {"division par zéro", "division by zero"},
}};

// The words `text` fills the pattern's places with, if it matches the pattern whole.
bool match(std::string_view pattern, std::string_view text, std::vector<std::string_view>& places) {
  places.clear();
  const std::size_t first = pattern.find("{}");
  if (!text.starts_with(pattern.substr(0, first))) return false;
  if (first == std::string_view::npos) return text.size() == pattern.size();
  text.remove_prefix(first);
  pattern.remove_prefix(first + 2);
  while (true) {
    const std::size_t next = pattern.find("{}");
    const std::string_view literal = pattern.substr(0, next);
    if (next == std::string_view::npos) {  // the last place runs to the literal ending the text
      if (!text.ends_with(literal)) return false;
      places.push_back(text.substr(0, text.size() - literal.size()));
      return true;
    }
    const std::size_t at = literal.empty() ? std::string_view::npos : text.find(literal);
    if (at == std::string_view::npos) return false;
    places.push_back(text.substr(0, at));
    text.remove_prefix(at + literal.size());
    pattern.remove_prefix(next + 2);
  }
}

// The decisions of the candidate acts a line names ("bilan : acceptée, reperage : refusée").
constexpr std::array<Pattern, 3> decisions = {{
    {" : acceptée", ": accepted"},
    {" : refusée", ": refused"},
    {" : accord préalable", ": prior approval"},
}};

void append_place(std::string& out, std::string_view french) {
  for (const auto& [from, to] : words) {
    if (from == french) {
      out += to;
      return;
    }
  }
  while (!french.empty()) {
    std::size_t at = std::string_view::npos;
    const Pattern* first = nullptr;
    for (const auto& decision : decisions) {
      const std::size_t found = french.find(decision.french);
      if (found < at) {
        at = found;
        first = &decision;
      }
    }
    out += french.substr(0, at);
    if (first == nullptr) return;
    out += first->english;
    french.remove_prefix(at + first->french.size());
  }
}

// With `whole`, only the patterns of several clauses are tried.
bool append_pattern(std::string& out, std::string_view clause, bool whole) {
  std::vector<std::string_view> places;
  for (const auto& [french, english] : patterns) {
    if (whole != (french.find(" ; ") != std::string_view::npos) || !match(french, clause, places)) continue;
    std::size_t place = 0;
    for (std::string_view rest = english;;) {
      const std::size_t at = rest.find("{}");
      out += rest.substr(0, at);
      if (at == std::string_view::npos) break;
      append_place(out, places[place++]);
      rest.remove_prefix(at + 2);
    }
    return true;
  }
  return false;
}

// The clauses of a message, " ; " apart outside parentheses.
std::vector<std::string_view> clauses(std::string_view text) {
  std::vector<std::string_view> found;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '(') ++depth;
    if (text[i] == ')') --depth;
    if (depth == 0 && text.substr(i).starts_with(" ; ")) {
      found.push_back(text.substr(start, i - start));
      start = i + 3;
    }
  }
  found.push_back(text.substr(start));
  return found;
}

}  // namespace

void append_english(std::string& out, std::string_view french) {
  if (append_pattern(out, french, true)) return;
  bool first = true;
  for (const std::string_view clause : clauses(french)) {
    if (!first) out += "; ";
    first = false;
    if (!append_pattern(out, clause, false)) out += clause;
  }
}

}  // namespace cotation::evaluation
