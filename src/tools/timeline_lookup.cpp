// `cotation timeline CODE`: what CODE names (timeline.hpp). In: the compiled model and the text
// typed; out: the act, key letter or item, or the acts that all answer, or the closest names.
// Tried in order: the exact name or code, the same in any case, a billed code "LETTER
// COEFFICIENT", then words of an act's name or label; nothing found, names within a few typos.
#include <algorithm>
#include <cctype>
#include <string>

#include "tools/timeline.hpp"

namespace cotation::tools {
namespace {

// Lower case, accents of Latin-1 letters written in UTF-8 dropped ("Déviation" -> "deviation"),
// underscores as spaces: how names and labels are compared with what was typed.
std::string folded(std::string_view text) {
  // The second byte of "à".."ü" (0xC3 0xA0..0xBC); upper case is 0x20 lower.
  const auto plain = [](unsigned char second) -> char {
    switch (second | 0x20) {
      case 0xA0:
      case 0xA2:
      case 0xA4:
        return 'a';
      case 0xA7:
        return 'c';
      case 0xA8:
      case 0xA9:
      case 0xAA:
      case 0xAB:
        return 'e';
      case 0xAE:
      case 0xAF:
        return 'i';
      case 0xB4:
      case 0xB6:
        return 'o';
      case 0xB9:
      case 0xBB:
      case 0xBC:
        return 'u';
      default:
        return 0;
    }
  };
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0xC3 && i + 1 < text.size()) {
      if (const char letter = plain(static_cast<unsigned char>(text[i + 1])); letter != 0) {
        out += letter;
        ++i;
        continue;
      }
    }
    out += c == '_' ? ' ' : static_cast<char>(std::tolower(c));
  }
  return out;
}

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : text + ' ') {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.') {
      word += c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  return words;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The exact name or code: an act, a key letter, an item.
std::optional<Subject> exact(const RuleSet::Model& model, std::string_view code) {
  for (std::uint32_t a = 0; a < model.acts.size(); ++a) {
    if (model.acts[a].name == code) return Subject{Subject::Kind::act, a};
  }
  if (const auto it = model.letter_index.find(std::string(code)); it != model.letter_index.end()) {
    return Subject{Subject::Kind::letter, it->second};
  }
  if (const auto it = model.item_index.find(std::string(code)); it != model.item_index.end()) {
    return Subject{Subject::Kind::item, it->second};
  }
  return std::nullopt;
}

// A billed code, "RAM 7.49": the acts it bills (none when it is no billed code).
std::vector<std::uint32_t> billed(const RuleSet::Model& model, std::string_view code) {
  std::vector<std::uint32_t> acts;
  const std::size_t space = code.find(' ');
  if (space == std::string_view::npos) return acts;
  const auto entries = model.codes_by_letter.find(std::string(code.substr(0, space)));
  if (entries == model.codes_by_letter.end()) return acts;
  Decimal coefficient;
  try {
    coefficient = Decimal::parse(code.substr(space + 1));
  } catch (const DecimalError&) {
    return acts;
  }
  for (const auto& entry : model::entries_with(entries->second, coefficient)) {
    if (std::find(acts.begin(), acts.end(), entry.act) == acts.end()) acts.push_back(entry.act);
  }
  return acts;
}

// Acts whose name or label holds every word typed.
std::vector<std::uint32_t> by_words(const RuleSet::Model& model, std::string_view code) {
  const auto wanted = words_of(folded(code));
  std::vector<std::uint32_t> acts;
  if (wanted.empty()) return acts;
  for (std::uint32_t a = 0; a < model.acts.size(); ++a) {
    const auto words = words_of(folded(model.acts[a].name + " " + model.acts[a].label));
    const bool all = std::all_of(wanted.begin(), wanted.end(), [&](const std::string& w) {
      return std::any_of(words.begin(), words.end(), [&](const std::string& word) { return word.starts_with(w); });
    });
    if (all) acts.push_back(a);
  }
  return acts;
}

// Names of acts, key letters and items within a third of the length of what was typed (at most
// 3 edits), the closest first, five at most.
std::vector<std::string> closest_names(const RuleSet::Model& model, std::string_view code) {
  const std::string typed = folded(code);
  std::vector<std::pair<std::size_t, std::string>> near;
  const auto consider = [&](const std::string& name) {
    const std::size_t distance = edit_distance(typed, folded(name));
    if (distance <= std::min<std::size_t>(3, std::max<std::size_t>(1, typed.size() / 3)))
      near.emplace_back(distance, name);
  };
  for (const auto& act : model.acts) consider(act.name);
  for (const auto& letter : model.letters) consider(letter.code);
  for (const auto& item : model.items) consider(item.code);
  std::sort(near.begin(), near.end());
  std::vector<std::string> names;
  for (const auto& [distance, name] : near) {
    if (names.size() == 5) break;
    names.push_back(name);
  }
  return names;
}

SubjectLookup acts_found(const RuleSet::Model& model, const std::vector<std::uint32_t>& acts) {
  SubjectLookup lookup;
  if (acts.size() == 1) {
    lookup.subject = Subject{Subject::Kind::act, acts.front()};
  } else {
    for (const std::uint32_t a : acts) lookup.candidates.push_back(model.acts[a].name);
  }
  return lookup;
}

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

SubjectLookup find_subject(const RuleSet::Model& model, std::string_view code) {
  for (const std::string& spelling : {std::string(code), lower(code), upper(code)}) {
    if (const auto subject = exact(model, spelling)) return {subject, {}, {}};
  }
  if (auto acts = billed(model, upper(code)); !acts.empty()) return acts_found(model, acts);
  if (auto acts = by_words(model, code); !acts.empty()) return acts_found(model, acts);
  return {std::nullopt, {}, closest_names(model, code)};
}

}  // namespace cotation::tools
