// Turns the PEGTL parse tree of one declaration into its typed syntax tree.
#pragma once

#include <tao/pegtl/contrib/parse_tree.hpp>

#include <vector>

#include "diagnostics/source_file.hpp"
#include "parse/syntax_tree.hpp"

namespace cotation {

using ParseNode = tao::pegtl::parse_tree::node;

// `node` is the root of a successful parse of one `declaration` of `source`, whose
// text the parse tree points into. Problems found here (a date that does not exist, a
// number too large) are appended to `diagnostics`.
[[nodiscard]] syntax::Declaration build_declaration(const ParseNode& node, const SourceFile& source,
                                                    std::uint32_t file_index,
                                                    std::vector<Diagnostic>& diagnostics);

}  // namespace cotation
