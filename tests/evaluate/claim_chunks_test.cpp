// How the batch commands cut their input into lines and hand each claim to its patient's worker
// (src/evaluate/claim_chunks.cpp): every line once, in order, whatever the chunk size, the
// number of workers or where the input's blocks end.
#include "evaluate/claim_chunks.hpp"

#include <gtest/gtest.h>

#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace cotation {
namespace {

std::string claim_line(int number, const std::string& patient) {
  return R"({"id":"c)" + std::to_string(number) + R"(","patient":{"id":")" + patient +
         R"("},"lines":[{"code":"RAM 8.09"}]})";
}

// The lines of `text` as the chunks give them, chunk after chunk.
std::vector<std::string> lines_of(const std::string& text, std::size_t jobs, std::size_t chunk_lines) {
  std::istringstream input(text);
  ClaimChunks chunks(input, jobs, chunk_lines);
  std::vector<std::string> lines;
  while (chunks.next()) {
    for (const ChunkRecord& record : chunks.records()) lines.emplace_back(record.line);
  }
  return lines;
}

TEST(ClaimChunks, EveryLineOnceInOrderWhateverTheChunkSize) {
  std::string text;
  std::vector<std::string> expected;
  for (int i = 0; i < 10; ++i) {
    expected.push_back(claim_line(i, "p" + std::to_string(i % 3)));
    text += expected.back() + "\n";
  }
  for (const std::size_t chunk : {1U, 3U, 10U, 64U}) {
    EXPECT_EQ(lines_of(text, 1, chunk), expected) << "chunk of " << chunk;
    EXPECT_EQ(lines_of(text, 2, chunk), expected) << "chunk of " << chunk << ", 2 workers";
  }
}

TEST(ClaimChunks, ByDefaultAThousandLinesPerWorker) {
  std::istringstream input;
  EXPECT_EQ(ClaimChunks(input, 1, 0).capacity(), 1024U);
  EXPECT_EQ(ClaimChunks(input, 3, 0).capacity(), 3072U);
  EXPECT_EQ(ClaimChunks(input, 2, 10).capacity(), 10U);
}

TEST(ClaimChunks, LinesAsGetlineCutsThem) {
  // An empty line is a line (its record says it is empty); "\r" stays for the reader, which
  // accepts it; the last line needs no '\n'; a final '\n' opens no line.
  EXPECT_EQ(lines_of("a\n\nb\r\nc", 1, 2), (std::vector<std::string>{"a", "", "b\r", "c"}));
  EXPECT_EQ(lines_of("a\n", 1, 2), (std::vector<std::string>{"a"}));
  EXPECT_EQ(lines_of("\n", 1, 2), (std::vector<std::string>{""}));
  EXPECT_TRUE(lines_of("", 1, 2).empty());
}

TEST(ClaimChunks, ALineOverSeveralBlocksOfInput) {
  // The input is read a mebibyte at a time: a 2.5 MiB line spans three blocks, and the lines
  // after it start inside the last one. Over the reader's 1 MiB limit, only its head is kept.
  const std::string long_line(5U << 19U, 'x');
  const std::string text =
      claim_line(1, "p") + "\n" + long_line + "\n" + claim_line(2, "p") + "\n" + claim_line(3, "q");
  const auto lines = lines_of(text, 1, 2);
  ASSERT_EQ(lines.size(), 4U);
  EXPECT_EQ(lines[1], long_line.substr(0, (1U << 20U) + 1));
  EXPECT_EQ(lines[2], claim_line(2, "p"));
  EXPECT_EQ(lines[3], claim_line(3, "q"));
}

// A line over the limit is skipped to its newline, holding no more than its head (issue 21,
// R10: a 1 GiB line took 2.1 GB); its problem gives its whole length (docs/claim-format.md, 5).
TEST(ClaimChunks, ALineOverTheLimitIsCutToItsHeadAndNamedByItsLength) {
  for (const bool with_newline : {true, false}) {
    std::string text = R"({"id":"long","x":")" + std::string(3U << 20U, 'x');
    const std::size_t length = text.size();  // 3,145,745 bytes
    if (with_newline) text += "\n" + claim_line(2, "p");
    std::istringstream input(text);
    ClaimChunks chunks(input, 1, 4);
    ASSERT_TRUE(chunks.next());
    const auto records = chunks.records();
    ASSERT_EQ(records.size(), with_newline ? 2U : 1U);
    EXPECT_EQ(records[0].line.size(), (1U << 20U) + 1);
    EXPECT_EQ(records[0].read.id, "long");
    ASSERT_EQ(records[0].read.problems.size(), 1U);
    EXPECT_EQ(render_message(records[0].read.problems[0]),
              "enregistrement trop long : " + std::to_string(length) + " octets, au plus 1048576 acceptés");
    if (with_newline) {
      EXPECT_EQ(records[1].line, claim_line(2, "p"));
    }
  }
  // Blank in its first mebibyte, not after: too long, not empty.
  std::istringstream input(std::string(2U << 20U, ' ') + "x\n");
  ClaimChunks chunks(input, 1, 4);
  ASSERT_TRUE(chunks.next());
  ASSERT_EQ(chunks.records()[0].read.problems.size(), 1U);
  EXPECT_EQ(render_message(chunks.records()[0].read.problems[0]),
            "enregistrement trop long : 2097153 octets, au plus 1048576 acceptés");
}

TEST(ClaimChunks, ClaimsReadAndEachPatientDecidedByOneWorkerInOrder) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += claim_line(i, "p" + std::to_string(i % 7)) + "\n";
  text += "not json\n";
  std::istringstream input(text);
  ClaimChunks chunks(input, 2, 16);
  std::mutex guard;
  std::vector<std::pair<std::string, std::string>> decided;  // patient, claim id, as decided
  std::size_t invalid = 0;
  while (chunks.next()) {
    const auto records = chunks.records();
    chunks.decide([&](std::size_t i, std::size_t /*worker*/) {
      const std::lock_guard lock(guard);
      if (!records[i].read.claim) {
        ++invalid;
        return;
      }
      decided.emplace_back(records[i].read.claim->patient.id, records[i].read.claim->id);
    });
  }
  EXPECT_EQ(invalid, 1U);
  ASSERT_EQ(decided.size(), 40U);
  // Whatever the interleaving of the two workers, each patient's claims come in input order.
  for (int patient = 0; patient < 7; ++patient) {
    std::vector<std::string> ids;
    for (const auto& [who, id] : decided) {
      if (who == "p" + std::to_string(patient)) ids.push_back(id);
    }
    std::vector<std::string> expected;
    for (int i = patient; i < 40; i += 7) expected.push_back("c" + std::to_string(i));
    EXPECT_EQ(ids, expected) << "patient p" << patient;
  }
}

// The workers are started once and given every chunk in turn; a failure on the caller's own
// worker reaches the caller once the others are done, and the next chunk is decided as usual.
TEST(ClaimChunks, WorkersServeEveryChunkAndAFailureReachesTheCaller) {
  std::string text;
  for (int i = 0; i < 90; ++i) text += claim_line(i, "p" + std::to_string(i)) + "\n";
  std::istringstream input(text);
  ClaimChunks chunks(input, 3, 30);
  std::mutex guard;
  std::vector<std::size_t> per_worker(3);
  ASSERT_TRUE(chunks.next());
  EXPECT_THROW(chunks.decide([](std::size_t /*i*/, std::size_t worker) {
    if (worker == 0) throw std::runtime_error("a failure on worker 0");
  }),
               std::runtime_error);
  std::size_t decided = 0;
  while (chunks.next()) {
    chunks.decide([&](std::size_t /*i*/, std::size_t worker) {
      const std::lock_guard lock(guard);
      ++decided;
      ++per_worker.at(worker);
    });
  }
  EXPECT_EQ(decided, 60U);  // the two chunks after the first
  // 60 patients spread over three workers: each has some.
  for (std::size_t worker = 0; worker < 3; ++worker) EXPECT_GT(per_worker[worker], 0U) << worker;
}

}  // namespace
}  // namespace cotation
