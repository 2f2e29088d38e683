#!/usr/bin/env bash
# libcotation.so exports only the public API: the C functions of cotation.h and the C++
# declarations of include/cotation/ (namespace cotation, and the std:: and Boost templates they
# instantiate); none of the internal code (the parser, the compiler, fmt, PEGTL).
# Usage: exported_symbols_test.sh LIBCOTATION_SO
set -euo pipefail
library="$1"
symbols=$(nm -D --defined-only --demangle "$library" | awk '{ $1 = ""; $2 = ""; print substr($0, 3) }')
status=0
for function in cotation_version cotation_abi_version cotation_format_version cotation_last_error \
  cotation_compile_directory cotation_compile_texts cotation_rules_free cotation_rules_hash cotation_evaluator_new \
  cotation_evaluator_free cotation_evaluate cotation_explain cotation_evaluate_jsonl cotation_free_string; do
  grep -qx "$function" <<<"$symbols" || { echo "FAIL: $function is not exported"; status=1; }
done
grep -q '^cotation::compile_rule_set(std::filesystem' <<<"$symbols" || { echo "FAIL: compile_rule_set"; status=1; }
# What must stay inside: the parser, the compiler's internals, fmt, PEGTL.
leaked=$(grep -E 'parse_source|parse_rule_texts|content_hash|cotation::capi::|^fmt::|tao::pegtl|nlohmann' <<<"$symbols" || true)
if [ -n "$leaked" ]; then
  echo "FAIL: internal symbols exported:"
  echo "$leaked" | head -20
  status=1
fi
soname=$(objdump -p "$library" | awk '/SONAME/ { print $2 }')
[[ "$soname" =~ ^libcotation\.so\.[0-9]+\.[0-9]+$ ]] || { echo "FAIL: SONAME $soname"; status=1; }
[ $status -eq 0 ] && echo "exported symbols: $(wc -l <<<"$symbols"), SONAME $soname"
exit $status
