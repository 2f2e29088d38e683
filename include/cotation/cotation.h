/* cotation's C ABI (C99): compile a rule set once, then decide claims with it, from any language
 * that can call C (Python's ctypes, Java's FFM, .NET's P/Invoke, Go's cgo, Rust...).
 *
 *   cotation_rules *rules; char *diagnostics;
 *   if (cotation_compile_directory("rules", 0, &rules, &diagnostics) != COTATION_OK) { ...diagnostics... }
 *   cotation_free_string(diagnostics);
 *   cotation_evaluator *evaluator;                      one per thread, reused claim after claim
 *   cotation_evaluator_new(rules, &evaluator);
 *   char decision[4096]; size_t length;
 *   cotation_evaluate(evaluator, claim, strlen(claim), decision, sizeof decision, &length);
 *
 * Claims and decisions are the JSON of docs/claim-format.md (format version
 * COTATION_FORMAT_VERSION): one claim is one JSON object on one line; a decision is one line.
 *
 * Errors: every function returning cotation_status returns COTATION_OK or an error status, and
 * then cotation_last_error() says what went wrong. No C++ exception ever leaves a function of
 * this header. A claim that cannot be read is not an error: its decision is "invalid" and its
 * reasons say why, as with `cotation eval`.
 *
 * Memory: a char* returned through an output parameter belongs to the caller, who frees it with
 * cotation_free_string (never with free()). cotation_evaluate writes into the caller's buffer.
 * A handle is freed with its own _free function; freeing NULL does nothing.
 *
 * Threads: each function says what may run at once. In short: a cotation_rules is immutable and
 * shared by any number of threads; a cotation_evaluator belongs to one thread at a time. */
#ifndef COTATION_H
#define COTATION_H

#include <stddef.h>

#include "cotation/export.h"
#include "cotation/version.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The version of this ABI: raised when a function of this header changes its signature or its
 * meaning (it is the shared library's SONAME version). */
#define COTATION_ABI_VERSION 1
/* The version of the decision format (docs/claim-format.md, section 6), which every decision
 * names in its "format" member: "cotation.decision/2". Claims are read as since version 1
 * (`meta` added). */
#define COTATION_FORMAT_VERSION 2

typedef enum cotation_status {
  COTATION_OK = 0,
  COTATION_INVALID_ARGUMENT = 1, /* a null pointer where one is needed, an unknown flag */
  COTATION_RULES_INVALID = 2,    /* the rule set does not compile: see its diagnostics */
  COTATION_BUFFER_TOO_SMALL = 3, /* the caller's buffer: *length says how many bytes are needed */
  COTATION_OUT_OF_MEMORY = 4,
  COTATION_INTERNAL_ERROR = 5 /* a bug: cotation_last_error() says what */
} cotation_status;

/* Flags of the compile functions. */
#define COTATION_AS_SIGNED 1u /* read the texts as signed, without their amendments (`--as-signed`) */
#define COTATION_ENGLISH                                                  \
  2u /* diagnostics, and the messages of the decisions made with the rule \
        set, in English rather than French (the rules' own texts stay French) */
/* Flags of cotation_evaluate_jsonl: COTATION_EXPLAIN, and COTATION_ENGLISH for English messages. */
#define COTATION_EXPLAIN 1u /* each decision gets its "explanation", as `cotation eval --explain` */

/* A compiled rule set. Immutable: any number of threads may evaluate with one at once. */
typedef struct cotation_rules cotation_rules;
/* What deciding one claim after another needs (scratch memory, the last decision): one per
 * thread, or used by one thread at a time. */
typedef struct cotation_evaluator cotation_evaluator;

/* One rule file given in memory: its name, a path inside the rule set ("actes/ram.cot", used in
 * diagnostics and in the rule set's hash), and its UTF-8 text of `text_length` bytes. */
typedef struct cotation_rule_text {
  const char* name;
  const char* text;
  size_t text_length;
} cotation_rule_text;

/* Versions of the library actually loaded ("0.1.0", COTATION_ABI_VERSION, COTATION_FORMAT_VERSION
 * as it was built). Any thread; the string is static. */
COTATION_API const char* cotation_version(void);
COTATION_API int cotation_abi_version(void);
COTATION_API int cotation_format_version(void);

/* What the last failed call of this thread went wrong with, in English; "" when none has.
 * Thread-local: valid until this thread's next call of a function of this header. */
COTATION_API const char* cotation_last_error(void);

/* Compiles the .cot files under `path` (a directory, searched recursively, or one file) into
 * *rules, or sets *rules to NULL when the rule set does not compile (COTATION_RULES_INVALID).
 * When `diagnostics` is not NULL, *diagnostics receives the errors and warnings as a JSON array
 * (objects with severity, id, file, line, column, message, hint; "[]" when none), to free with
 * cotation_free_string, whatever the status. Any thread, concurrently. */
COTATION_API cotation_status cotation_compile_directory(const char* path, unsigned flags, cotation_rules** rules,
                                                        char** diagnostics);

/* The same from `count` files in memory. The texts are copied: the caller may free them on return. */
COTATION_API cotation_status cotation_compile_texts(const cotation_rule_text* files, size_t count, unsigned flags,
                                                    cotation_rules** rules, char** diagnostics);

/* Frees a rule set. Evaluators made from it keep what they need: it may be freed before them.
 * Not while another thread is in cotation_evaluate_jsonl or cotation_rules_hash with it. */
COTATION_API void cotation_rules_free(cotation_rules* rules);

/* The rule set's content hash ("fnv1a64:..."), written in every decision. Owned by the rule set.
 * Any thread. */
COTATION_API const char* cotation_rules_hash(const cotation_rules* rules);

/* A new evaluator deciding with `rules`. Any thread, concurrently. */
COTATION_API cotation_status cotation_evaluator_new(const cotation_rules* rules, cotation_evaluator** evaluator);
/* Frees an evaluator. Not while it is in use. */
COTATION_API void cotation_evaluator_free(cotation_evaluator* evaluator);

/* Decides one claim (`claim_length` bytes of JSON, one line), alone: no earlier claim of the
 * patient is known, counts of earlier sessions come from the claim's own fields. The decision,
 * one line of JSON without line break, is written into `out` followed by a '\0' when
 * `capacity` > its length; *length receives its length in every case, and when the buffer is too
 * small the status is COTATION_BUFFER_TOO_SMALL and nothing is written (call again with a buffer
 * of *length + 1 bytes). One thread at a time per evaluator; evaluators in different threads
 * run at once. */
COTATION_API cotation_status cotation_evaluate(cotation_evaluator* evaluator, const char* claim, size_t claim_length,
                                               char* out, size_t capacity, size_t* length);

/* The same decision, with its "explanation": the steps that led to it ([{"what","value","source"}],
 * as `cotation eval --explain`). *decision is the caller's, to free with cotation_free_string.
 * One thread at a time per evaluator. */
COTATION_API cotation_status cotation_explain(cotation_evaluator* evaluator, const char* claim, size_t claim_length,
                                              char** decision, size_t* length);

/* Decides a batch: `input` holds claims as JSON Lines, *output receives one decision line per
 * input line, in input order, as `cotation eval` writes them (a patient's earlier claims in the
 * batch count for its later ones). `jobs` threads decide (0 or 1: the calling thread only);
 * flags: COTATION_EXPLAIN, COTATION_ENGLISH. *output (its length in *output_length) is the caller's, to free with
 * cotation_free_string. Any thread, concurrently, with the same rules. */
COTATION_API cotation_status cotation_evaluate_jsonl(const cotation_rules* rules, const char* input,
                                                     size_t input_length, unsigned jobs, unsigned flags, char** output,
                                                     size_t* output_length);

/* Frees a string this library returned. NULL does nothing. Any thread. */
COTATION_API void cotation_free_string(char* text);

#ifdef __cplusplus
}
#endif

#endif
