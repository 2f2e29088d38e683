// The catalogue of the engine's wordings (wordings.hpp), French and English side by side, and
// how one is written with its arguments. In: a wording, its arguments, a language; out: text.
// The French texts are those the engine always wrote.
#include "evaluate/wordings.hpp"

namespace cotation::evaluation {

const std::array<WordingText, static_cast<std::size_t>(Wording::count)> wordings = {{
    {"", ""},
    {"{}", "{}"},
    // The claim reader.
    {"enregistrement trop long : {} octets, au plus {} acceptés", "record too long: {} bytes, at most {} accepted"},
    {"ligne vide : un objet JSON est attendu", "empty line: a JSON object is expected"},
    {"JSON invalide à l'octet {} : {}", "invalid JSON at byte {}: {}"},
    {"JSON invalide à l'octet {} : {}, près de « {} »", "invalid JSON at byte {}: {}, near “{}”"},
    {"l'enregistrement doit être un objet JSON, pas {}", "the record must be a JSON object, not {}"},
    {"{} : imbrication trop profonde (plus de {} niveaux)", "{}: nested too deep (more than {} levels)"},
    {"{} : plus de {} lignes pour une même séance", "{}: more than {} lines for one session"},
    {"{} : plus de {} séances dans l'historique", "{}: more than {} sessions in the history"},
    {"plus de {} problèmes : lecture de l'enregistrement arrêtée", "more than {} problems: reading the record stopped"},
    {"{} : champ inconnu du format v1", "{}: field unknown to format v1"},
    {"{} : champ en double (seule la première valeur est lue)", "{}: field repeated (only the first value is read)"},
    {"{} : champ obligatoire absent", "{}: required field missing"},
    {"{} : on attend {}, pas {}", "{}: {} is expected, not {}"},
    {"{} : l'identifiant est vide", "{}: the identifier is empty"},
    {"{} : le code de la ligne est vide", "{}: the line's code is empty"},
    {"{} : le tableau est vide, au moins une ligne est attendue",
     "{}: the array is empty, at least one line is expected"},
    {"{} : date attendue au format AAAA-MM-JJ, pas « {} »", "{}: a date is expected as YYYY-MM-DD, not “{}”"},
    {"{} : la date « {} » n'existe pas", "{}: the date “{}” does not exist"},
    {"{} : valeur inconnue « {} » ; valeurs admises : {}", "{}: unknown value “{}”; values admitted: {}"},
    {"{} : on attend un nombre entier, pas {}", "{}: an integer is expected, not {}"},
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
    {"la date de la séance manque (champ date)", "the session's date is missing (field date)"},
    {"erreur interne du moteur : {}", "internal engine error: {}"},
    // The engine's rarer reasons.
    {"{} n'est plus admise le {}", "{} is no longer admitted on {}"},
    {"{} n'est plus admise le {} ; selon l'acte, la cotation en vigueur est {}",
     "{} is no longer admitted on {}; depending on the act, the cotation in force is {}"},
    {"{} désigne le {}", "{} designates on {}"},
    {"{} désigne le {} : {}", "{} designates on {}: {}"},
    {"{} désigne en télésoin le {}", "{} designates in telehealth on {}"},
    {"{} désigne en télésoin le {} : {}", "{} designates in telehealth on {}: {}"},
    {"{} : aucun acte n'a le coefficient {} le {} ; la ligne de télésoin porte le coefficient de l'acte réalisé à "
     "distance",
     "{}: no act has the coefficient {} on {}; a telehealth line carries the coefficient of the act done at a "
     "distance"},
    {"{} ; la ligne nomme « {} », qui n'en est pas", "{}; the line names “{}”, which is not one of them"},
    {"{} ; ces actes n'en décident pas de même ({}) : la ligne doit nommer l'acte (champ act)",
     "{}; these acts do not decide alike ({}): the line must name the act (field act)"},
    {"{} : {}", "{}: {}"},
    {"{} : {} ({})", "{}: {} ({})"},
    {"{} ; chacun de ces actes l'admet", "{}; each of these acts admits it"},
    {"{} ; chacun de ces actes en décide de même", "{}; each of these acts decides alike"},
    {"aucune lettre de télésoin n'est en vigueur le {} : l'acte ne se facture pas à distance",
     "no telecare letter is in force on {}: the act cannot be billed at a distance"},
    {"en télésoin, facturer {} suivi du coefficient de l'acte réalisé : {} est la cotation d'une séance en "
     "présence du patient",
     "in telehealth, bill {} followed by the coefficient of the act done: {} is the cotation of a session with the "
     "patient present"},
    {"en télésoin, facturer {} {} : {} est la cotation d'une séance en présence du patient",
     "in telehealth, bill {} {}: {} is the cotation of a session with the patient present"},
    {"aucune valeur de {} n'est en vigueur le {} en {}", "no value of {} is in force on {} in {}"},
    {"aucune valeur du paramètre {} n'est en vigueur le {}", "no value of the parameter {} is in force on {}"},
    {"aucune cotation de {} ne correspond le {}", "no cotation of {} matches on {}"},
    {"la lettre {} ne déclare pas son arrondi", "the letter {} declares no rounding"},
    {"la règle {} applique un taux, mais aucun arrondi n'est déclaré pour ce montant",
     "the rule {} applies a rate, but no rounding is declared for this amount"},
    {"{} : {}", "{}: {}"},
    {"la règle {} : {}", "the rule {}: {}"},
    {"{} {} {} mois tombe le {}, qui n'existe pas, et aucun arrondi n'est déclaré (`arrondi au jour précédent` ou "
     "`arrondi au jour suivant`)",
     "{} {} {} months falls on {}, which does not exist, and no rounding is declared (`arrondi au jour précédent` "
     "or `arrondi au jour suivant`)"},
    {"{} plus {} mois sort du calendrier (an 1 à 9999)", "{} plus {} months leaves the calendar (years 1 to 9999)"},
    // The engine's words.
    {"(enregistrement)", "(record)"},
    {"null", "null"},
    {"un booléen", "a boolean"},
    {"un nombre", "a number"},
    {"une chaîne", "a string"},
    {"un objet", "an object"},
    {"un tableau", "an array"},
    {"une valeur", "a value"},
    {"une chaîne de 9 chiffres", "a string of 9 digits"},
    {"une date (chaîne AAAA-MM-JJ)", "a date (string YYYY-MM-DD)"},
    {"une chaîne (valeur énumérée)", "a string (enumerated value)"},
    {"un tableau de lignes", "an array of lines"},
    {"un tableau de séances", "an array of sessions"},
    {"un nombre entier", "an integer"},
    {"un nombre décimal (nombre ou chaîne)", "a decimal number (number or string)"},
    {"un objet (une séance)", "an object (a session)"},
    {"un objet (une ligne)", "an object (a line)"},
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
    {"acceptée", "accepted"},
    {"refusée", "refused"},
    {"accord préalable", "prior approval"},
    {"métropole", "metropolitan France"},
    {"outre-mer (drom)", "overseas (drom)"},
}};

void append_wording(std::string& out, Wording wording, const std::vector<MessageArgument>& arguments,
                    Language language) {
  std::string_view text = wording_text(wording, language);
  for (const MessageArgument& next : arguments) {
    const std::size_t at = text.find("{}");
    out += text.substr(0, at);
    if (at == std::string_view::npos) return;
    text.remove_prefix(at + 2);
    if (next.wording != 0) {
      append_wording(out, static_cast<Wording>(next.wording), {}, language);
    } else if (!next.reasons.empty()) {
      bool first = true;
      for (const Reason& reason : next.reasons) {
        if (!first) out += ", ";
        first = false;
        append_message(out, reason, language);
      }
    } else {
      out += next.text;
    }
  }
  out += text;
}

}  // namespace cotation::evaluation
