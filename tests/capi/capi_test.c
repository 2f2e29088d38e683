/* The C ABI from a C99 program: compile the shipped rules from their directory and from texts in
 * memory, decide a claim whose amount is worked out by hand, a batch and an explanation, and
 * every error path (missing directory, rules that do not compile, a claim that is not JSON, null
 * pointers, a buffer too small). Also the C consumer of tests/find-package-test/.
 * Usage: cotation_capi_test SOURCE_DIR (the rules, fixtures and expected outputs of this repository) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cotation/cotation.h>

static int failures = 0;

#define CHECK(condition)                                                      \
  do {                                                                        \
    if (!(condition)) {                                                       \
      fprintf(stderr, "%s:%d: FAILED: %s\n", __FILE__, __LINE__, #condition); \
      ++failures;                                                             \
    }                                                                         \
  } while (0)

static int contains(const char* text, const char* part) {
  return text != NULL && strstr(text, part) != NULL;
}

/* A session at the practice on 2024-03-04 in metropolitan France: RAM 7.49, whose key letter is
 * worth 2.21 EUR that day (avenant 7): 7.49 x 2.21 = 16.5529, rounded to the cent 16.55. */
static const char claim[] =
    "{\"id\":\"c1\",\"date\":\"2024-03-04\",\"region\":\"metropole\",\"place\":\"cabinet\","
    "\"patient\":{\"id\":\"p1\",\"age\":45},\"lines\":[{\"code\":\"RAM 7.49\"}],"
    "\"prescription\":{\"kind\":\"medical\"},"
    "\"series\":{\"session_number\":3,\"sessions_12_months_before\":2,\"prior_approval\":false},"
    "\"time\":{\"night\":false,\"sunday_or_holiday\":false,\"urgent\":false},\"telehealth\":false}";

static char* read_file(const char* path, size_t* length) {
  FILE* file = fopen(path, "rb");
  char* text = NULL;
  long size;
  if (file == NULL) return NULL;
  if (fseek(file, 0, SEEK_END) == 0 && (size = ftell(file)) >= 0 && fseek(file, 0, SEEK_SET) == 0) {
    text = malloc((size_t)size + 1);
    if (text != NULL && fread(text, 1, (size_t)size, file) == (size_t)size) {
      *length = (size_t)size;
    } else {
      free(text);
      text = NULL;
    }
  }
  fclose(file);
  return text;
}

/* `text` with each `hash` replaced by HASH, as tests/cli/eval/expected.jsonl is written; to free. */
static char* without_hash(const char* text, const char* hash) {
  char* out = malloc(strlen(text) + 1);
  char* end = out;
  const char* found;
  if (out == NULL) return NULL;
  while ((found = strstr(text, hash)) != NULL) {
    memcpy(end, text, (size_t)(found - text));
    end += found - text;
    memcpy(end, "HASH", 4);
    end += 4;
    text = found + strlen(hash);
  }
  strcpy(end, text);
  return out;
}

static void test_versions(void) {
  CHECK(strcmp(cotation_version(), COTATION_VERSION_STRING) == 0);
  CHECK(cotation_abi_version() == COTATION_ABI_VERSION);
  CHECK(cotation_format_version() == 2);
  CHECK(strcmp(cotation_last_error(), "") == 0);
}

static void test_one_claim(const cotation_rules* rules) {
  cotation_evaluator* evaluator = NULL;
  char decision[4096];
  char tiny[8];
  size_t length = 0;
  CHECK(cotation_evaluator_new(rules, &evaluator) == COTATION_OK);
  CHECK(cotation_evaluate(evaluator, claim, strlen(claim), decision, sizeof decision, &length) == COTATION_OK);
  CHECK(length == strlen(decision));
  CHECK(contains(decision, "\"id\":\"c1\",\"decision\":\"accepted\",\"total\":\"16.55\""));
  CHECK(contains(decision, cotation_rules_hash(rules)));

  /* Too small a buffer: the length needed, nothing written, and the same decision with room. */
  strcpy(tiny, "unset");
  CHECK(cotation_evaluate(evaluator, claim, strlen(claim), tiny, sizeof tiny, &length) == COTATION_BUFFER_TOO_SMALL);
  CHECK(length == strlen(decision));
  CHECK(strcmp(tiny, "unset") == 0);
  CHECK(contains(cotation_last_error(), "bytes"));

  /* A claim that is not JSON is decided `invalid`, with the reader's reason: not an error. */
  CHECK(cotation_evaluate(evaluator, "{\"id\":\"x\",", 10, decision, sizeof decision, &length) == COTATION_OK);
  CHECK(contains(decision, "\"decision\":\"invalid\""));
  CHECK(contains(decision, "{\"format\":\"cotation.decision/2\","));
  CHECK(contains(decision, "\"code\":\"not_json\",\"rule\":null,\"field\":null"));

  {
    char* explained = NULL;
    CHECK(cotation_explain(evaluator, claim, strlen(claim), &explained, &length) == COTATION_OK);
    CHECK(contains(explained, "\"total\":\"16.55\""));
    CHECK(contains(explained, "\"explanation\":[{\"what\":"));
    CHECK(contains(explained, "2.21"));
    CHECK(length == strlen(explained));
    cotation_free_string(explained);
  }

  /* Null pointers: a status and a message, never a crash. */
  CHECK(cotation_evaluate(NULL, claim, strlen(claim), decision, sizeof decision, &length) == COTATION_INVALID_ARGUMENT);
  CHECK(contains(cotation_last_error(), "evaluator is null"));
  CHECK(cotation_evaluate(evaluator, NULL, 0, decision, sizeof decision, &length) == COTATION_INVALID_ARGUMENT);
  CHECK(cotation_evaluate(evaluator, claim, strlen(claim), decision, sizeof decision, NULL) ==
        COTATION_INVALID_ARGUMENT);
  CHECK(cotation_evaluate(evaluator, claim, strlen(claim), NULL, 10, &length) == COTATION_INVALID_ARGUMENT);
  CHECK(cotation_explain(evaluator, claim, strlen(claim), NULL, &length) == COTATION_INVALID_ARGUMENT);
  cotation_evaluator_free(evaluator);
  evaluator = (cotation_evaluator*)&evaluator; /* not NULL: set to NULL by the failing call */
  CHECK(cotation_evaluator_new(NULL, &evaluator) == COTATION_INVALID_ARGUMENT);
  CHECK(evaluator == NULL);
  cotation_evaluator_free(evaluator);
}

/* The claims of tests/cli/eval, decided with its rules (tests/evaluate/rules): the decisions of
 * `cotation eval` written out by hand in tests/cli/eval/expected.jsonl. */
static void test_batch(const char* source_dir) {
  char claims_path[4096];
  char expected_path[4096];
  cotation_rules* rules = NULL;
  size_t input_length = 0;
  size_t expected_length = 0;
  char* input = NULL;
  char* expected = NULL;
  char* output = NULL;
  size_t output_length = 0;
  unsigned jobs;
  snprintf(claims_path, sizeof claims_path, "%s/tests/evaluate/rules", source_dir);
  CHECK(cotation_compile_directory(claims_path, 0, &rules, NULL) == COTATION_OK);
  snprintf(claims_path, sizeof claims_path, "%s/tests/cli/eval/claims.jsonl", source_dir);
  snprintf(expected_path, sizeof expected_path, "%s/tests/cli/eval/expected.jsonl", source_dir);
  input = read_file(claims_path, &input_length);
  expected = read_file(expected_path, &expected_length);
  CHECK(rules != NULL && input != NULL && expected != NULL);
  if (rules == NULL || input == NULL || expected == NULL) return;
  /* The decisions of `cotation eval` (tests/cli/eval/expected.jsonl), on one thread and on two. */
  for (jobs = 1; jobs <= 2; ++jobs) {
    char* normalized = NULL;
    CHECK(cotation_evaluate_jsonl(rules, input, input_length, jobs, 0, &output, &output_length) == COTATION_OK);
    CHECK(output != NULL && output_length == strlen(output));
    normalized = without_hash(output, cotation_rules_hash(rules));
    CHECK(normalized != NULL && strlen(normalized) == expected_length &&
          memcmp(normalized, expected, expected_length) == 0);
    free(normalized);
    cotation_free_string(output);
  }
  /* COTATION_ENGLISH: the engine's messages in English, the rest of the records the same. */
  CHECK(cotation_evaluate_jsonl(rules, input, input_length, 1, COTATION_ENGLISH, &output, &output_length) ==
        COTATION_OK);
  CHECK(output != NULL && contains(output,
                                   "\"code\":\"unknown_code\",\"rule\":null,\"field\":null,"
                                   "\"message\":\"unknown code: “XYZ 3”\""));
  CHECK(output != NULL && !contains(output, "code inconnu"));
  cotation_free_string(output);
  CHECK(cotation_evaluate_jsonl(rules, input, input_length, 1, 99, &output, &output_length) ==
        COTATION_INVALID_ARGUMENT);
  CHECK(output == NULL);
  CHECK(cotation_evaluate_jsonl(NULL, input, input_length, 1, 0, &output, &output_length) == COTATION_INVALID_ARGUMENT);
  CHECK(cotation_evaluate_jsonl(rules, input, input_length, 1, 0, NULL, &output_length) == COTATION_INVALID_ARGUMENT);
  free(input);
  free(expected);
  cotation_rules_free(rules);
}

static void test_compile_errors(void) {
  cotation_rules* rules = (cotation_rules*)&rules; /* not NULL: set to NULL by the failing call */
  char* diagnostics = NULL;
  static const char bad_text[] = "ceci n'est pas une règle\n";
  cotation_rule_text bad = {"mauvais.cot", bad_text, sizeof bad_text - 1};

  CHECK(cotation_compile_directory("/nonexistent/rules", 0, &rules, &diagnostics) == COTATION_RULES_INVALID);
  CHECK(rules == NULL);
  CHECK(contains(diagnostics, "\"id\":\"io.not_found\""));
  CHECK(contains(diagnostics, "/nonexistent/rules n'existe pas"));
  CHECK(contains(cotation_last_error(), "/nonexistent/rules does not exist"));
  cotation_free_string(diagnostics);

  CHECK(cotation_compile_texts(&bad, 1, COTATION_ENGLISH, &rules, &diagnostics) == COTATION_RULES_INVALID);
  CHECK(rules == NULL);
  CHECK(contains(diagnostics, "\"file\":\"mauvais.cot\""));
  CHECK(contains(diagnostics, "\"line\":1,"));
  CHECK(contains(diagnostics, "\"severity\":\"error\""));
  cotation_free_string(diagnostics);

  CHECK(cotation_compile_texts(NULL, 0, 0, &rules, NULL) == COTATION_RULES_INVALID); /* no file at all */
  CHECK(cotation_compile_directory(NULL, 0, &rules, &diagnostics) == COTATION_INVALID_ARGUMENT);
  CHECK(diagnostics == NULL);
  CHECK(cotation_compile_directory("rules", 0, NULL, NULL) == COTATION_INVALID_ARGUMENT);
  CHECK(cotation_compile_directory("rules", 1u << 7, &rules, NULL) == COTATION_INVALID_ARGUMENT);
  bad.name = NULL;
  CHECK(cotation_compile_texts(&bad, 1, 0, &rules, NULL) == COTATION_INVALID_ARGUMENT);
  CHECK(contains(cotation_last_error(), "name"));
  cotation_rules_free(NULL);
  cotation_free_string(NULL);
}

/* Rules handed over in memory: the fixture tests/tools/table_rules, whose amendment report_2025
 * moves the +0.6 step of RAM 7.49 from 2025-07-01 to 2026-01-01 (tests/cli/as_signed_test.sh).
 * RAM 8.09 on 2025-07-01: refused as consolidated (not yet in force); accepted as signed at
 * 8.09 x 2.21 = 17.8789 -> 17.88. The same files from their directory hash the same. */
static void test_texts(const char* source_dir) {
  static const char* names[] = {"actes.cot", "forfaits.cot", "lettres.cot", "sources.cot"};
  static const char ram_809[] =
      "{\"id\":\"c\",\"date\":\"2025-07-01\",\"region\":\"metropole\",\"place\":\"cabinet\","
      "\"patient\":{\"id\":\"p\"},\"lines\":[{\"code\":\"RAM 8.09\"}]}";
  cotation_rule_text files[4];
  char* texts[4] = {NULL, NULL, NULL, NULL};
  char path[4096];
  cotation_rules* consolidated = NULL;
  cotation_rules* as_signed = NULL;
  cotation_rules* from_directory = NULL;
  cotation_evaluator* evaluator = NULL;
  char decision[4096];
  size_t length = 0;
  size_t i;
  for (i = 0; i < 4; ++i) {
    snprintf(path, sizeof path, "%s/tests/tools/table_rules/%s", source_dir, names[i]);
    texts[i] = read_file(path, &files[i].text_length);
    CHECK(texts[i] != NULL);
    if (texts[i] == NULL) return;
    files[i].name = names[i];
    files[i].text = texts[i];
  }
  CHECK(cotation_compile_texts(files, 4, 0, &consolidated, NULL) == COTATION_OK);
  CHECK(cotation_compile_texts(files, 4, COTATION_AS_SIGNED, &as_signed, NULL) == COTATION_OK);
  for (i = 0; i < 4; ++i) free(texts[i]); /* the rule sets keep their own copies */
  snprintf(path, sizeof path, "%s/tests/tools/table_rules", source_dir);
  CHECK(cotation_compile_directory(path, 0, &from_directory, NULL) == COTATION_OK);
  if (consolidated == NULL || as_signed == NULL || from_directory == NULL) return;
  CHECK(strcmp(cotation_rules_hash(consolidated), cotation_rules_hash(from_directory)) == 0);

  CHECK(cotation_evaluator_new(consolidated, &evaluator) == COTATION_OK);
  cotation_rules_free(consolidated); /* the evaluator keeps the rule set alive */
  CHECK(cotation_evaluate(evaluator, ram_809, strlen(ram_809), decision, sizeof decision, &length) == COTATION_OK);
  CHECK(contains(decision, "\"decision\":\"refused\""));
  cotation_evaluator_free(evaluator);
  CHECK(cotation_evaluator_new(as_signed, &evaluator) == COTATION_OK);
  CHECK(cotation_evaluate(evaluator, ram_809, strlen(ram_809), decision, sizeof decision, &length) == COTATION_OK);
  CHECK(contains(decision, "\"code\":\"RAM 8.09\",\"decision\":\"accepted\",\"amount\":\"17.88\""));
  cotation_evaluator_free(evaluator);
  cotation_rules_free(as_signed);
  cotation_rules_free(from_directory);
}

/* A rule set compiled with COTATION_ENGLISH: its evaluators write the engine's messages in
 * English; the rules' own texts stay French. */
static void test_english(const char* source_dir) {
  cotation_rules* rules = NULL;
  cotation_evaluator* evaluator = NULL;
  char path[4096];
  char decision[4096];
  size_t length = 0;
  const char* unknown =
      "{\"id\":\"u\",\"date\":\"2025-03-01\",\"region\":\"metropole\",\"lines\":[{\"code\":\"XYZ 3\"}]}";
  snprintf(path, sizeof path, "%s/tests/evaluate/rules", source_dir);
  CHECK(cotation_compile_directory(path, COTATION_ENGLISH, &rules, NULL) == COTATION_OK);
  CHECK(rules != NULL && cotation_evaluator_new(rules, &evaluator) == COTATION_OK);
  CHECK(cotation_evaluate(evaluator, unknown, strlen(unknown), decision, sizeof decision, &length) == COTATION_OK);
  CHECK(contains(decision, "\"message\":\"unknown code: “XYZ 3”\""));
  CHECK(cotation_evaluate(evaluator, "{\"id\":\"x\",", 10, decision, sizeof decision, &length) == COTATION_OK);
  CHECK(contains(decision, "\"message\":\"invalid JSON at byte "));
  cotation_evaluator_free(evaluator);
  cotation_rules_free(rules);
}

int main(int argc, char** argv) {
  cotation_rules* rules = NULL;
  char* diagnostics = NULL;
  char path[4096];
  if (argc != 2) {
    fprintf(stderr, "usage: cotation_capi_test SOURCE_DIR\n");
    return 2;
  }
  test_versions();
  snprintf(path, sizeof path, "%s/rules", argv[1]);
  CHECK(cotation_compile_directory(path, 0, &rules, &diagnostics) == COTATION_OK);
  CHECK(rules != NULL);
  CHECK(diagnostics != NULL && diagnostics[0] == '[');
  cotation_free_string(diagnostics);
  if (rules != NULL) {
    test_one_claim(rules);
  }
  test_batch(argv[1]);
  test_english(argv[1]);
  test_texts(argv[1]);
  test_compile_errors();
  cotation_rules_free(rules);
  if (failures == 0) printf("capi: all checks passed\n");
  return failures == 0 ? 0 : 1;
}
