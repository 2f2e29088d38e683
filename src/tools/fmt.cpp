#include "tools/fmt.hpp"

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/parse_tree.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "parse/grammar.hpp"
#include "parse/parser.hpp"
#include "parse/syntax_errors.hpp"

// How it works. The text is cut into tokens with the grammar's own lexical rules (comments
// are tokens too), and parsed once more into a small tree that keeps only what decides the
// layout: declarations, blocks, the statements of each block (grammar::block_statement),
// binary operators, unary minus, calls and value sets, the trailing clauses (`message`, `selon`)
// and the items of comma-separated lists. The printer then writes the tokens in order: one
// declaration or statement per line, blocks indented, comments where they were; a statement
// wider than `max_width` is broken before its trailing clauses, then its lists are filled.
// A new construct of the language needs nothing here when its statements sit in a
// grammar::block; a new kind of nesting, clause or list would add its rule to `kind_of` below.

namespace cotation::tools {
namespace {

namespace g = grammar;
namespace pegtl = tao::pegtl;

constexpr std::string_view indent_unit = "  ";
constexpr std::size_t max_width = 100;  // in characters; comments at the end of a line are not counted

std::size_t indentation(std::size_t depth) {
  return depth * indent_unit.size();
}

// Characters, not bytes: `é`, `€` and `×` take one column.
std::size_t width_of(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

// ---------------------------------------------------------------- tokens

enum class TokenKind { comment, string, number, word, punctuation };

struct Token {
  TokenKind kind = TokenKind::word;
  std::string_view text;
  std::size_t offset = 0;
  std::size_t newlines_before = 0;  // line breaks between the previous token and this one
  bool spaced_before = false;       // blanks or line breaks between them
};

struct Lexer {
  const char* base = nullptr;
  std::vector<Token> tokens;
  std::size_t newlines = 0;
  bool spaced = false;
};

struct punctuation
    : pegtl::sor<pegtl::string<'<', '='>, pegtl::string<'>', '='>, pegtl::string<'!', '='>, pegtl::utf8::any> {};
struct token : pegtl::sor<g::comment, g::string, g::date, g::decimal, g::word, punctuation> {};
struct token_stream : pegtl::seq<pegtl::star<pegtl::sor<g::blank, g::newline, token>>, pegtl::eof> {};

template <TokenKind Kind>
struct push_token {
  template <typename ActionInput>
  static void apply(const ActionInput& in, Lexer& lexer) {
    lexer.tokens.push_back(
        {Kind, in.string_view(), static_cast<std::size_t>(in.begin() - lexer.base), lexer.newlines, lexer.spaced});
    lexer.newlines = 0;
    lexer.spaced = false;
  }
};

template <typename Rule>
struct lex_action : pegtl::nothing<Rule> {};
template <>
struct lex_action<g::blank> {
  static void apply0(Lexer& lexer) { lexer.spaced = true; }
};
template <>
struct lex_action<g::newline> {
  static void apply0(Lexer& lexer) {
    lexer.spaced = true;
    ++lexer.newlines;
  }
};
template <>
struct lex_action<g::comment> : push_token<TokenKind::comment> {};
template <>
struct lex_action<g::string> : push_token<TokenKind::string> {};
template <>
struct lex_action<g::date> : push_token<TokenKind::number> {};
template <>
struct lex_action<g::decimal> : push_token<TokenKind::number> {};
template <>
struct lex_action<g::word> : push_token<TokenKind::word> {};
template <>
struct lex_action<punctuation> : push_token<TokenKind::punctuation> {};

std::vector<Token> tokens_of(std::string_view text, std::size_t start) {
  Lexer lexer{text.data(), {}, 0, false};
  pegtl::memory_input<pegtl::tracking_mode::lazy> in(text.data() + start, text.data() + text.size(), "");
  (void)pegtl::parse<token_stream, lex_action>(in, lexer);
  return std::move(lexer.tokens);
}

// ---------------------------------------------------------------- layout tree

enum class NodeKind {
  other,
  declaration,
  block,
  statement,
  binary_operator,
  unary,
  call,
  value_set,
  message_clause,
  citation_clause,
  rounding_clause,
  list,
  list_item
};

template <typename Rule>
inline constexpr bool is_block = false;
template <typename Statement, typename End>
inline constexpr bool is_block<g::block<Statement, End>> = true;
template <typename Rule>
inline constexpr bool is_block_statement = false;
template <typename Statement>
inline constexpr bool is_block_statement<g::block_statement<Statement>> = true;

template <typename Rule>
constexpr NodeKind kind_of() {
  if constexpr (std::is_same_v<Rule, g::declaration>) return NodeKind::declaration;
  if constexpr (is_block<Rule>) return NodeKind::block;
  if constexpr (is_block_statement<Rule>) return NodeKind::statement;
  if constexpr (std::is_same_v<Rule, g::sum_operator> || std::is_same_v<Rule, g::product_operator> ||
                std::is_same_v<Rule, g::comparison_operator>) {
    return NodeKind::binary_operator;
  }
  if constexpr (std::is_same_v<Rule, g::unary>) return NodeKind::unary;
  if constexpr (std::is_same_v<Rule, g::call>) return NodeKind::call;
  if constexpr (std::is_same_v<Rule, g::value_set>) return NodeKind::value_set;
  if constexpr (std::is_same_v<Rule, g::message_statement>) return NodeKind::message_clause;
  if constexpr (std::is_same_v<Rule, g::citation> || std::is_same_v<Rule, g::mandatory_citation>) {
    return NodeKind::citation_clause;
  }
  if constexpr (std::is_same_v<Rule, g::rounding>) return NodeKind::rounding_clause;
  if constexpr (std::is_same_v<Rule, g::selector_list> || std::is_same_v<Rule, g::value_statement> ||
                std::is_same_v<Rule, g::referential_statement> || std::is_same_v<Rule, g::classification_statement>) {
    return NodeKind::list;
  }
  // A bare name after a comma is a selector too (`acte a, b`); the name inside a selector is
  // not a new item.
  if constexpr (std::is_same_v<Rule, g::selector> || std::is_same_v<Rule, g::selector_name> ||
                std::is_same_v<Rule, g::priced_value> || std::is_same_v<Rule, g::threshold> ||
                std::is_same_v<Rule, g::classification_pair>) {
    return NodeKind::list_item;
  }
  return NodeKind::other;
}

template <typename Rule>
struct kept_for_layout : std::bool_constant<kind_of<Rule>() != NodeKind::other> {};

struct LayoutNode : pegtl::parse_tree::basic_node<LayoutNode> {
  NodeKind kind = NodeKind::other;

  template <typename Rule, typename ParseInput, typename... States>
  void start(const ParseInput& in, States&&... states) {
    basic_node::template start<Rule>(in, states...);
    kind = kind_of<Rule>();
  }
};

struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;  // one past the last byte
};

struct Block {
  std::size_t close = 0;  // offset of its `}`
  std::vector<Span> statements;
};

// Where a line may be broken, in order of preference: before `message`, then before `selon`,
// then before the `arrondi` of a `calcul`.
enum class Clause { message, citation, rounding };

struct List {
  std::vector<Span> items;
  std::optional<std::size_t> anchor;  // the name of a first selector (`acte a, b`): the items align under `a`
};

struct Layout {
  std::vector<Span> declarations;
  std::map<std::size_t, Clause> clauses;  // by the offset of their keyword
  std::vector<Span> lists;  // from the anchor of a list (where its items align) to the end of its last item
  std::map<std::size_t, std::size_t> next_items;  // offset of each item but the first -> offset of the anchor
  std::set<std::size_t> anchors;
  std::map<std::size_t, Block> blocks;  // by the offset of their `{`
  std::set<std::size_t> spaced;         // binary operators
  std::set<std::size_t> glued_to_next;  // a unary minus, the name of a call
  std::set<std::size_t> set_braces;     // `{` and `}` of value sets
};

void collect(const LayoutNode& node, const char* base, Layout& layout, std::vector<Span>* statements, List* list) {
  Span span;
  if (node.has_content()) {
    const std::string_view text = node.string_view();
    span = {static_cast<std::size_t>(text.data() - base), static_cast<std::size_t>(text.data() - base) + text.size()};
  }
  Block block;
  List items;
  switch (node.kind) {
    case NodeKind::declaration:
      layout.declarations.push_back(span);
      break;
    case NodeKind::block:
      block.close = span.end - 1;
      statements = &block.statements;
      break;
    case NodeKind::statement:
      if (statements != nullptr) statements->push_back(span);
      break;
    case NodeKind::binary_operator:
      layout.spaced.insert(span.begin);
      break;
    case NodeKind::unary:
      if (node.string_view().starts_with('-')) layout.glued_to_next.insert(span.begin);
      break;
    case NodeKind::call:
      layout.glued_to_next.insert(span.begin);
      break;
    case NodeKind::value_set:
      layout.set_braces.insert(span.begin);
      layout.set_braces.insert(span.end - 1);
      break;
    case NodeKind::message_clause:
      layout.clauses.emplace(span.begin, Clause::message);
      break;
    case NodeKind::citation_clause:
      layout.clauses.emplace(span.begin, Clause::citation);
      break;
    case NodeKind::rounding_clause:
      layout.clauses.emplace(span.begin, Clause::rounding);
      break;
    case NodeKind::list:
      list = &items;
      break;
    case NodeKind::list_item:
      if (list == nullptr) break;
      if (list->items.empty() || span.begin >= list->items.back().end) {
        list->items.push_back(span);
      } else if (list->items.size() == 1 && !list->anchor) {
        list->anchor = span.begin;
      }
      break;
    case NodeKind::other:
      break;
  }
  for (const auto& child : node.children) collect(*child, base, layout, statements, list);
  if (node.kind == NodeKind::block) layout.blocks.emplace(span.begin, std::move(block));
  if (node.kind == NodeKind::list && !items.items.empty()) {
    const std::size_t anchor = items.anchor.value_or(items.items.front().begin);
    layout.lists.push_back({anchor, items.items.back().end});
    layout.anchors.insert(anchor);
    for (auto item = items.items.begin() + 1; item != items.items.end(); ++item) {
      layout.next_items.emplace(item->begin, anchor);
    }
  }
}

// ---------------------------------------------------------------- printing

bool is_punctuation(const Token& token, std::string_view text) {
  return token.kind == TokenKind::punctuation && token.text == text;
}

std::string_view trimmed_comment(std::string_view comment) {
  while (!comment.empty() && (comment.back() == ' ' || comment.back() == '\t' || comment.back() == '\r')) {
    comment.remove_suffix(1);
  }
  return comment;
}

class Printer {
 public:
  Printer(const std::vector<Token>& tokens, const Layout& layout) : tokens_(tokens), layout_(layout) {}

  std::string print() {
    print_items(0, tokens_.size(), layout_.declarations, 0, true);
    if (line_open_) out_ += '\n';
    return std::move(out_);
  }

 private:
  // Declarations at the top level, or the statements of a block, with the comments around them.
  void print_items(std::size_t from, std::size_t to, const std::vector<Span>& items, std::size_t depth,
                   bool top_level) {
    auto item = items.begin();
    bool first = true;
    bool after_block = false;
    std::size_t k = from;
    while (k < to) {
      const Token& token = tokens_[k];
      const bool starts_item = item != items.end() && token.offset == item->begin;
      if (!starts_item && token.kind == TokenKind::comment && token.newlines_before == 0 && line_open_) {
        append_trailing_comment(token);
        ++k;
        continue;
      }
      new_line(indentation(depth), !first && (token.newlines_before > 1 || after_block));
      first = false;
      if (starts_item) {
        k = print_item(k, item->end, depth, !top_level);
        after_block = top_level && is_punctuation(tokens_[k - 1], "}");
        ++item;
      } else {
        out_ += trimmed_comment(token.text);
        after_block = false;
        ++k;
      }
    }
  }

  // One declaration or statement. A comment inside it ends a line; each stretch between
  // comments of a statement is laid out by `plan_lines`. A declaration's line is not broken by
  // width: its block's statements stay the only lines indented under it.
  std::size_t print_item(std::size_t k, std::size_t end, std::size_t depth, bool wrapped) {
    const auto plan = [&](std::size_t from) {
      return wrapped ? plan_lines(from, end, current_column(), depth) : std::map<std::size_t, std::size_t>{};
    };
    auto breaks = plan(k);
    std::size_t previous = k;
    bool broken = false;
    while (k < tokens_.size() && tokens_[k].offset < end) {
      const Token& token = tokens_[k];
      if (token.kind == TokenKind::comment) {
        if (token.newlines_before == 0) {
          append_trailing_comment(token);
        } else {
          new_line(continuation_column(k, depth), false);
          out_ += trimmed_comment(token.text);
        }
        broken = true;
        ++k;
        continue;
      }
      if (const auto block = layout_.blocks.find(token.offset);
          block != layout_.blocks.end() && is_punctuation(token, "{")) {
        k = print_block(k, block->second, depth, broken);
        previous = k - 1;
        broken = false;
        continue;
      }
      if (broken) {
        new_line(continuation_column(k, depth), false);
        breaks = plan(k);
        broken = false;
      } else if (const auto at = breaks.find(k); at != breaks.end()) {
        new_line(at->second, false);
      } else if (k != previous && !glued(tokens_[previous], token)) {
        out_ += ' ';
      }
      if (layout_.anchors.contains(token.offset)) item_columns_[token.offset] = current_column();
      out_ += token.text;
      previous = k++;
    }
    return k;
  }

  // Where the tokens from `from` up to a comment, the `{` of a block or the end of the item
  // go to a new line, and on which column. Nothing moves when they fit in `max_width`;
  // otherwise a line still too wide is broken before `message`, then before `selon`, then
  // before `arrondi` (two columns further than the statement), and a list still too wide is
  // filled: as many items per line as fit, the next ones aligned under its first item (under
  // the name of its first selector: `acte a, b`).
  [[nodiscard]] std::map<std::size_t, std::size_t> plan_lines(std::size_t from, std::size_t end,
                                                              std::size_t start_column, std::size_t depth) const {
    std::size_t to = from;
    while (to < tokens_.size() && tokens_[to].offset < end && tokens_[to].kind != TokenKind::comment) {
      if (is_punctuation(tokens_[to++], "{") && layout_.blocks.contains(tokens_[to - 1].offset)) break;
    }
    std::map<std::size_t, std::size_t> lines{{from, start_column}};  // first token -> column
    const auto line_of = [&](std::size_t k) { return std::prev(lines.upper_bound(k)); };
    const auto stop_of = [&](auto line) {
      const auto next = std::next(line);
      return next == lines.end() ? to : next->first;
    };
    const auto too_wide = [&](auto line) { return column_after(line->first, line->second, stop_of(line)) > max_width; };

    for (const Clause clause : {Clause::message, Clause::citation, Clause::rounding}) {
      for (std::size_t k = from + 1; k < to; ++k) {
        const auto found = layout_.clauses.find(tokens_[k].offset);
        if (found == layout_.clauses.end() || found->second != clause) continue;
        const auto line = line_of(k);
        if (line->first != k && too_wide(line)) lines.emplace(k, indentation(depth + 1));
      }
    }
    for (auto line = lines.begin(); line != lines.end(); ++line) {
      if (!too_wide(line)) continue;
      const std::size_t stop = stop_of(line);
      for (std::size_t k = line->first + 1; k < stop; ++k) {
        const auto item = layout_.next_items.find(tokens_[k].offset);
        if (item == layout_.next_items.end()) continue;
        std::size_t next = k + 1;
        while (next < stop && !layout_.next_items.contains(tokens_[next].offset)) ++next;
        if (column_after(line->first, line->second, next) <= max_width) continue;
        const std::size_t first = index_at(item->second);
        std::size_t column = indentation(depth + 1);
        if (first >= from && first < to) {
          const auto first_line = line_of(first);
          column = column_after(first_line->first, first_line->second, first + 1) - width_of(tokens_[first].text);
        } else if (const auto written = item_columns_.find(item->second); written != item_columns_.end()) {
          column = written->second;
        }
        lines.emplace(k, column);
        break;  // the new line is the next one of the loop
      }
    }
    lines.erase(from);
    return lines;
  }

  // The column after the tokens [first, stop) written on one line from `column`.
  [[nodiscard]] std::size_t column_after(std::size_t first, std::size_t column, std::size_t stop) const {
    for (std::size_t k = first; k < stop; ++k) {
      if (k != first && !glued(tokens_[k - 1], tokens_[k])) ++column;
      column += width_of(tokens_[k].text);
    }
    return column;
  }

  // The column of a line that a comment breaks: under the first item inside a list, two
  // columns further than the statement elsewhere.
  [[nodiscard]] std::size_t continuation_column(std::size_t k, std::size_t depth) const {
    while (k < tokens_.size() && tokens_[k].kind == TokenKind::comment) ++k;
    if (k < tokens_.size()) {
      const std::size_t offset = tokens_[k].offset;
      for (const Span& list : layout_.lists) {
        const auto written = item_columns_.find(list.begin);
        if (offset > list.begin && offset < list.end && written != item_columns_.end()) return written->second;
      }
    }
    return indentation(depth + 1);
  }

  [[nodiscard]] std::size_t current_column() const {
    const std::size_t line_start = out_.rfind('\n');
    return width_of(std::string_view(out_).substr(line_start == std::string::npos ? 0 : line_start + 1));
  }

  std::size_t print_block(std::size_t open, const Block& block, std::size_t depth, bool after_comment) {
    if (after_comment) {
      new_line(indentation(depth), false);
    } else {
      out_ += ' ';
    }
    out_ += '{';
    const std::size_t close = index_at(block.close);
    if (close == open + 1) {
      out_ += '}';
      return close + 1;
    }
    print_items(open + 1, close, block.statements, depth + 1, false);
    new_line(indentation(depth), false);
    out_ += '}';
    return close + 1;
  }

  // Whether two tokens of one line are written without a blank between them.
  [[nodiscard]] bool glued(const Token& left, const Token& right) const {
    if (is_punctuation(right, ",") || is_punctuation(right, ")") || is_punctuation(left, "(")) return true;
    // A path (patient.âge) and `jusqu'au` are single words of the grammar.
    for (const std::string_view joiner : {".", "'", "’"}) {
      if (is_punctuation(left, joiner) || is_punctuation(right, joiner)) return true;
    }
    if (layout_.spaced.contains(left.offset) || layout_.spaced.contains(right.offset)) return false;
    if (layout_.glued_to_next.contains(left.offset)) return !is_punctuation(right, "-");  // `- -a`, not `--a`
    if (layout_.glued_to_next.contains(right.offset)) return false;
    if (is_punctuation(left, "{") && layout_.set_braces.contains(left.offset)) return true;
    if (is_punctuation(right, "}") && layout_.set_braces.contains(right.offset)) return true;
    for (const std::string_view spaced : {",", "(", ")", "{", "}", ":", "€", "%"}) {
      if (is_punctuation(left, spaced) || is_punctuation(right, spaced)) return false;
    }
    // What remains is the sign of a coefficient step (+0.6) and the dash of `au-delà`:
    // written glued, they must stay so.
    if (left.kind == TokenKind::punctuation || right.kind == TokenKind::punctuation) return !right.spaced_before;
    return false;
  }

  void append_trailing_comment(const Token& comment) {
    out_ += indent_unit;
    out_ += trimmed_comment(comment.text);
  }

  void new_line(std::size_t column, bool blank_before) {
    if (line_open_) out_ += '\n';
    if (blank_before && !out_.empty()) out_ += '\n';
    out_.append(column, ' ');
    line_open_ = true;
  }

  [[nodiscard]] std::size_t index_at(std::size_t offset) const {
    const auto found = std::lower_bound(tokens_.begin(), tokens_.end(), offset,
                                        [](const Token& token, std::size_t at) { return token.offset < at; });
    return static_cast<std::size_t>(found - tokens_.begin());
  }

  const std::vector<Token>& tokens_;
  const Layout& layout_;
  std::map<std::size_t, std::size_t> item_columns_;  // by the offset of the anchor of a list, as written
  std::string out_;
  bool line_open_ = false;
};

}  // namespace

std::optional<std::string> format_rule_file(const SourceFile& source, std::vector<Diagnostic>& diagnostics) {
  std::vector<Diagnostic> found;
  (void)parse_source(source, 0, ParseOptions{}, found);
  const bool has_error =
      std::any_of(found.begin(), found.end(), [](const Diagnostic& d) { return d.severity == Severity::error; });
  diagnostics.insert(diagnostics.end(), found.begin(), found.end());
  if (has_error) return std::nullopt;

  const std::string_view text = source.text();
  // A byte order mark is not part of the text; the canonical file has none.
  const std::size_t start = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  pegtl::memory_input<pegtl::tracking_mode::lazy> in(text.data() + start, text.data() + text.size(), source.path());
  g::ParseState state{0, ParseOptions{}.max_expression_depth, {}, nullptr, {}, nullptr, {}};
  const auto root =
      pegtl::parse_tree::parse<g::rule_file, LayoutNode, kept_for_layout, pegtl::nothing, g::control>(in, state);
  Layout layout;
  collect(*root, text.data(), layout, nullptr, nullptr);
  return Printer(tokens_of(text, start), layout).print();
}

}  // namespace cotation::tools
