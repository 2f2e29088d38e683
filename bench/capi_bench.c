/* Times the C ABI, JSON in and out: each claim of a JSON Lines file decided alone through
 * cotation_evaluate (µs per call, the corpus mix), one claim repeated, and the whole file through
 * cotation_evaluate_jsonl (the batch), in CPU time. Built and run by tools/embed-bench.sh.
 * Usage: capi_bench RULES_DIR CLAIMS.jsonl [SINGLE_CALLS] */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cotation/cotation.h>

/* CPU seconds of this process: on a machine shared with other builds, wall time says little. */
static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char** argv) {
  cotation_rules* rules = NULL;
  cotation_evaluator* evaluator = NULL;
  FILE* file;
  char* input;
  long size;
  size_t calls, i, length, lines = 0, done = 0;
  char decision[65536];
  char *line, *end, *output = NULL;
  double start;
  if (argc < 3) return 2;
  calls = argc > 3 ? (size_t)atol(argv[3]) : 1000000;
  if (cotation_compile_directory(argv[1], 0, &rules, NULL) != COTATION_OK) return 3;
  file = fopen(argv[2], "rb");
  if (file == NULL) return 2;
  fseek(file, 0, SEEK_END);
  size = ftell(file);
  fseek(file, 0, SEEK_SET);
  input = malloc((size_t)size + 1);
  if (fread(input, 1, (size_t)size, file) != (size_t)size) return 2;
  fclose(file);
  input[size] = '\0';
  cotation_evaluator_new(rules, &evaluator);

  /* The corpus mix: the file's claims, each decided alone, up to `calls` of them. */
  start = now();
  for (line = input; done < calls && *line != '\0'; line = end + 1, ++done) {
    end = strchr(line, '\n');
    if (end == NULL) end = line + strlen(line);
    if (cotation_evaluate(evaluator, line, (size_t)(end - line), decision, sizeof decision, &length) != COTATION_OK)
      return 1;
    if (*end == '\0') break;
  }
  printf("capi.mix_us_per_call %.3f (%zu claims)\n", (now() - start) * 1e6 / (double)done, done);

  /* One claim, the file's first, repeated. */
  end = strchr(input, '\n');
  start = now();
  for (i = 0; i < calls; ++i) {
    cotation_evaluate(evaluator, input, (size_t)(end - input), decision, sizeof decision, &length);
  }
  printf("capi.one_claim_us_per_call %.3f (%zu calls)\n", (now() - start) * 1e6 / (double)calls, calls);

  start = now();
  if (cotation_evaluate_jsonl(rules, input, (size_t)size, 1, 0, &output, &length) != COTATION_OK) return 1;
  for (i = 0; i < length; ++i) lines += output[i] == '\n';
  printf("capi.batch_cpu_seconds %.3f (%zu decisions)\n", now() - start, lines);
  fwrite(output, 1, length, stderr); /* for cmp with `cotation eval` */
  cotation_free_string(output);
  cotation_evaluator_free(evaluator);
  cotation_rules_free(rules);
  free(input);
  return 0;
}
