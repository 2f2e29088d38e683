#include "evaluate/bounded_lines.hpp"

#include <algorithm>
#include <cstring>
#include <istream>
#include <string>
#include <utility>

namespace cotation {
namespace {

// Large enough that the input costs one read per thousands of lines; a line longer than this
// is cut to its head anyway.
constexpr std::size_t block_bytes = std::size_t{1} << 20U;

bool is_blank(char byte) {
  return byte == ' ' || byte == '\t' || byte == '\r';
}

}  // namespace

BoundedLines::BoundedLines(std::istream& input, std::size_t head_bytes, bool line_at_a_time)
    : input_(input), head_bytes_(head_bytes), line_at_a_time_(line_at_a_time) {}

BoundedLines::~BoundedLines() = default;

void BoundedLines::cut_line(std::size_t to) {
  const std::size_t head_end = scan_ + head_bytes_;
  // The head's last byte stands for the bytes dropped: blank only if they all are.
  if (is_blank(text_[head_end - 1])) {
    const char* dropped = std::find_if_not(text_.get() + head_end, text_.get() + to, is_blank);
    if (dropped != text_.get() + to) text_[head_end - 1] = *dropped;
  }
  std::memmove(text_.get() + head_end, text_.get() + to, size_ - to);
  size_ -= to - head_end;
}

bool BoundedLines::next(Bounds& line) {
  std::size_t searched = scan_;  // a line spread over several blocks is searched once
  std::size_t dropped = 0;       // bytes of the line cut out of it
  const auto line_ends_at = [&](std::size_t end) {
    if (end - scan_ > head_bytes_) {
      dropped += end - scan_ - head_bytes_;
      cut_line(end);
      end = scan_ + head_bytes_;
    }
    line = {scan_, end, end - scan_ + dropped};
  };
  for (;;) {
    const void* newline = searched < size_ ? std::memchr(text_.get() + searched, '\n', size_ - searched) : nullptr;
    if (newline != nullptr) {
      line_ends_at(static_cast<std::size_t>(static_cast<const char*>(newline) - text_.get()));
      scan_ = line.end + 1;
      return true;
    }
    if (input_ended_) {
      // The last line may lack its '\n', as std::getline allows.
      if (scan_ == size_) return false;
      line_ends_at(size_);
      scan_ = line.end;
      return true;
    }
    if (size_ - scan_ > head_bytes_) {
      dropped += size_ - scan_ - head_bytes_;
      cut_line(size_);
    }
    searched = size_;
    if (capacity_ - size_ < block_bytes) {
      // Rarely: release() frees the front of the text as its lines are done with.
      capacity_ = std::max(2 * capacity_, size_ + block_bytes);
      auto larger = std::make_unique_for_overwrite<char[]>(capacity_);
      if (size_ > 0) std::memcpy(larger.get(), text_.get(), size_);
      text_ = std::move(larger);
    }
    read_more(block_bytes);
  }
}

void BoundedLines::release() {
  // What follows the lines done with moves to the front only once they are the larger part:
  // moving the rest of the block after every chunk (or line) would copy the input several
  // times over.
  if (scan_ >= size_ - scan_) {
    if (size_ > scan_) std::memmove(text_.get(), text_.get() + scan_, size_ - scan_);
    size_ -= scan_;
    scan_ = 0;
  }
}

bool BoundedLines::next_line(std::string_view& line, std::size_t& length) {
  release();
  Bounds bounds;
  if (!next(bounds)) return false;
  line = text(bounds);
  length = bounds.length;
  return true;
}

void BoundedLines::read_more(std::size_t most) {
  if (!line_at_a_time_) {
    input_.read(text_.get() + size_, static_cast<std::streamsize>(most));
    const auto got = static_cast<std::size_t>(input_.gcount());
    size_ += got;
    // istream::read waits for the whole block unless the input ends (or fails).
    if (got < most) input_ended_ = true;
    return;
  }
  // One byte, waiting for it if need be, then what the stream's buffer holds besides.
  std::streambuf& buffer = *input_.rdbuf();
  try {
    const int byte = buffer.sbumpc();
    if (byte == std::char_traits<char>::eof()) {
      input_.setstate(std::ios::eofbit);
      input_ended_ = true;
      return;
    }
    text_[size_++] = static_cast<char>(byte);
    const std::streamsize held = buffer.in_avail();
    if (held > 0)
      size_ += static_cast<std::size_t>(
          buffer.sgetn(text_.get() + size_, std::min<std::streamsize>(held, static_cast<std::streamsize>(most - 1))));
  } catch (...) {
    input_.setstate(std::ios::badbit);  // a read error: the caller reports it (check_read_to_the_end)
    input_ended_ = true;
  }
}

bool BoundedLines::nothing_waiting() const {
  return scan_ == size_ && input_.rdbuf()->in_avail() <= 0;
}

}  // namespace cotation
