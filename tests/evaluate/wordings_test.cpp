// The catalogue of the engine's wordings (src/evaluate/wordings.hpp): every wording written in
// English holds none of the French — no « », no " : " (French spacing), no accented letter
// outside what it quotes (its arguments, the rules language's `keywords`) — and a reason holding
// a wording and engine words as arguments is written wholly in the language asked.
#include "evaluate/wordings.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace cotation::evaluation {
namespace {

// The text without what it quotes between backticks (the rules language's keywords).
std::string outside_backticks(std::string_view text) {
  std::string kept;
  bool quoted = false;
  for (const char c : text) {
    if (c == '`') {
      quoted = !quoted;
    } else if (!quoted) {
      kept += c;
    }
  }
  return kept;
}

// The first French mark of `text`, or "" when it has none: « or », " : ", a byte of a letter
// outside ASCII (the English quotes “ ” allowed).
std::string french_mark(std::string_view text) {
  std::string plain = outside_backticks(text);
  for (const std::string_view quote : {std::string_view("“"), std::string_view("”")}) {
    for (std::size_t at = plain.find(quote); at != std::string::npos; at = plain.find(quote)) {
      plain.replace(at, quote.size(), "\"");
    }
  }
  if (plain.find("«") != std::string::npos || plain.find("»") != std::string::npos) return "«»";
  if (plain.find(" : ") != std::string::npos) return "' : '";
  for (const char c : plain) {
    if (static_cast<unsigned char>(c) >= 0x80) return "a byte outside ASCII";
  }
  return "";
}

// Every wording, its places filled with an ASCII word: in English, no French.
TEST(Wordings, EveryWordingInEnglishHoldsNoFrench) {
  for (std::size_t i = 1; i < static_cast<std::size_t>(Wording::count); ++i) {
    const auto wording = static_cast<Wording>(i);
    Reason reason;
    set_wording(reason, wording, "x", "x", "x", "x", "x");
    const std::string english = render_message(reason, Language::english);
    EXPECT_EQ(french_mark(english), "") << "wording " << i << ": " << english;
    EXPECT_EQ(english.find("{}"), std::string::npos) << english;
    // The French, with the same arguments, is another text (the English is no copy of it), but
    // for the words the two languages share ("null", "{}").
    const std::string french = render_message(reason, Language::french);
    if (wordings[i].french != wordings[i].english) {
      EXPECT_NE(english, french) << french;
    }
  }
}

// The engine's words as arguments, a reason as an argument: written in the language asked.
TEST(Wordings, EngineWordsAndNestedReasonsFollowTheLanguage) {
  Reason nested;
  set_wording(nested, Wording::no_value_in_region, "AMK", "2024-02-30", Wording::overseas);
  Reason candidate;
  set_wording(candidate, Wording::candidate_refused, "bilan", Wording::refused, nested);
  Reason designation;
  set_wording(designation, Wording::designates_among, "AMK 10", "2026-09-01", "bilan, reperage");
  MessageArgument each = argument(std::move(candidate));
  Reason accepted;
  set_wording(accepted, Wording::candidate_decided, "reperage", Wording::accepted);
  each.reasons.push_back(accepted);
  Reason reason = designation;
  wrap_wording(reason, Wording::ambiguous_act, std::move(each));
  EXPECT_EQ(render_message(reason, Language::english),
            "AMK 10 designates on 2026-09-01: bilan, reperage; these acts do not decide alike (bilan: refused (no "
            "value of AMK is in force on 2024-02-30 in overseas (drom)), reperage: accepted): the line must name the "
            "act (field act)");
  EXPECT_EQ(render_message(reason, Language::french),
            "AMK 10 désigne le 2026-09-01 : bilan, reperage ; ces actes n'en décident pas de même (bilan : refusée "
            "(aucune valeur de AMK n'est en vigueur le 2024-02-30 en outre-mer (drom)), reperage : acceptée) : la "
            "ligne doit nommer l'acte (champ act)");
  Reason problem;
  set_wording(problem, Wording::wrong_type, "history[0]", Wording::a_session_object, Wording::an_array);
  EXPECT_EQ(render_message(problem, Language::english), "history[0]: an object (a session) is expected, not an array");
  EXPECT_EQ(render_message(problem, Language::french), "history[0] : on attend un objet (une séance), pas un tableau");
}

}  // namespace
}  // namespace cotation::evaluation
