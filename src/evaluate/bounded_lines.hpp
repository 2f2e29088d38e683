// The lines of a text stream, each kept to a head of at most a given number of bytes: a line
// longer than that (a JSON Lines record over the reader's limit) is skipped to its newline
// without being held, whatever its length, and its length in the input is still told. In:
// an istream read in large blocks (or, line_at_a_time, what it holds without waiting for a
// block). Out: the bounds of each line in a text the reader owns. Used by the batch
// (ClaimChunks, many lines held at once) and by `explain` and `scheme` (one line at a time).
#pragma once

#include <cstddef>
#include <istream>
#include <memory>
#include <string_view>

namespace cotation {

class BoundedLines {
 public:
  struct Bounds {
    std::size_t begin = 0;   // in the text
    std::size_t end = 0;     // in the text, without the '\n'
    std::size_t length = 0;  // of the line in the input: more than end - begin for a line cut
  };

  // head_bytes: what is kept of a line; a line longer is cut to its first head_bytes bytes,
  // the last of them standing for the bytes dropped (blank only if they all are).
  BoundedLines(std::istream& input, std::size_t head_bytes, bool line_at_a_time = false);
  ~BoundedLines();
  BoundedLines(const BoundedLines&) = delete;
  BoundedLines& operator=(const BoundedLines&) = delete;

  // The next line's bounds, reading blocks as needed; false at the end. The bounds of earlier
  // lines stay valid until release(); their text may move (read it with text() after).
  bool next(Bounds& line);
  [[nodiscard]] std::string_view text(const Bounds& line) const noexcept {
    return {text_.get() + line.begin, line.end - line.begin};
  }
  // The lines read so far are done with: their bytes may be reused.
  void release();
  // line_at_a_time: no byte read and not cut into lines, and none waiting in the input.
  [[nodiscard]] bool nothing_waiting() const;

  // The next line as a view valid until the next call, and its length in the input: for a
  // reader that takes one line at a time. False at the end.
  bool next_line(std::string_view& line, std::size_t& length);

 private:
  // Drops the bytes [head end, to) of the line at scan_, longer than the head kept, and moves
  // what follows them down: a line over the limit, however long, holds no memory.
  void cut_line(std::size_t to);
  // Reads into text_ at size_, at most `most` bytes: a whole block, or (line_at_a_time) at least
  // one byte and what the input holds already.
  void read_more(std::size_t most);

  std::istream& input_;
  std::size_t head_bytes_;
  bool line_at_a_time_;
  // The bytes read: the lines not released, then the start of the next one. Not a std::string,
  // whose resize() would zero every block before it is read into.
  std::unique_ptr<char[]> text_;
  std::size_t size_ = 0;      // bytes of text_ read and not yet moved out
  std::size_t capacity_ = 0;  // of text_
  std::size_t scan_ = 0;      // where the next line starts in text_
  bool input_ended_ = false;
};

}  // namespace cotation
