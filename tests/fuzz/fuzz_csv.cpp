// Fuzzes the CSV reader with encoding detection (lib/io/csv_reader, encoding) and the sheet layer
// on top of it (header search, aliases, units, 合计 rows). The reader takes a path, so the input
// is written to a memory file (memfd) and read back through /proc/self/fd. The first byte picks
// the encoding (auto, utf-8, gb18030) and whether the input is placed across the reader's 1 MiB
// block boundary (0xF0-0xFF: padded with plain rows in front). Never crashes; failures are ankang::Error;
// every field handed out is valid UTF-8, line numbers never go backwards, and a record has the
// expected number of fields.
#include "error.hpp"
#include "fuzz_check.hpp"
#include "io/csv_reader.hpp"
#include "io/encoding.hpp"
#include "io/sheet.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

using ankang::fuzz::require;
namespace io = ankang::io;

namespace {

constexpr size_t k_block = 1u << 20;  // CsvReader's block size

class MemFile {
public:
  explicit MemFile(const std::string& bytes) : m_fd(memfd_create("fuzz_csv", 0))
  {
    if (m_fd < 0) std::abort();
    size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::write(m_fd, bytes.data() + done, bytes.size() - done);
      if (n <= 0) std::abort();
      done += static_cast<size_t>(n);
    }
  }
  ~MemFile() { ::close(m_fd); }
  std::string path() const { return "/proc/self/fd/" + std::to_string(m_fd); }

private:
  int m_fd;
};

bool valid_utf8(std::string_view s) { return io::valid_utf8_prefix(s) == s.size(); }

constexpr std::array<io::FieldSpec, 6> k_fields = {{
    {"uscc", "统一社会信用代码|信用代码", true},
    {"found_on", "检查日期|发现日期", false},
    {"description", "隐患描述|隐患内容", false},
    {"level", "隐患等级", false},
    {"funds", "整改资金", false},
    {"no", "隐患编号", false},
}};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  if (size < 1) return 0;
  const uint8_t mode = data[0];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const io::Encoding encoding = mode % 3 == 0 ? io::Encoding::auto_detect
                                : mode % 3 == 1 ? io::Encoding::utf8
                                                : io::Encoding::gb18030;
  std::string bytes;
  if ((mode & 0xF0) == 0xF0) {  // rarely: each such run reads over a MiB
    // Plain three-field rows up to a little before the block boundary, so that the fuzzed bytes
    // straddle it: the carry of incomplete sequences and records between blocks.
    const size_t target = k_block - (static_cast<size_t>(mode & 0x0C) >> 2) * 5;
    while (bytes.size() + 6 <= target) bytes += "a,b,c\n";
    while (bytes.size() < target) bytes += bytes.size() + 1 == target ? "\n" : "a";
  }
  bytes.append(text);
  const MemFile file(bytes);

  // The raw reader: every record, no sheet.
  try {
    io::CsvReader reader(file.path(), encoding);
    io::Record record;
    uint64_t last_line = 0;
    size_t width = 0;
    while (reader.next(record)) {
      require(record.line >= 1 && record.line >= last_line, "line numbers never go backwards", text);
      last_line = record.line;
      for (const auto field : record.fields) require(valid_utf8(field), "every field is valid UTF-8", text);
      if (!record.blank()) {
        if (width == 0) width = record.fields.size();
        require(record.fields.size() == width, "records have the width of the first", text);
      }
    }
    require(reader.sha256().size() == 64, "sha256 is 64 hex digits", text);
  } catch (const ankang::Error& e) {
    require(e.kind() == ankang::ErrorKind::invalid_input, "the reader fails with invalid_input", text);
  }

  // Recovering from malformed records (as hazard import reads): only bytes in no encoding (or a
  // runaway record) throw; every record, malformed or not, is valid UTF-8 with its line; a proper
  // record has the width of the first, a malformed one says why and keeps its raw text.
  try {
    io::CsvReader reader(file.path(), encoding);
    reader.recover_malformed(true);
    io::Record record;
    uint64_t last_line = 0;
    size_t width = 0;
    while (reader.next(record)) {
      require(record.line >= 1 && record.line >= last_line, "recovering: line numbers never go backwards", text);
      last_line = record.line;
      for (const auto field : record.fields) require(valid_utf8(field), "recovering: every field is valid UTF-8", text);
      require(valid_utf8(record.raw), "recovering: the raw text is valid UTF-8", text);
      require(!record.malformed.empty() || record.raw.empty(),
              "recovering: raw text only for a malformed record", text);
      if (record.malformed.empty() && !record.blank()) {
        if (width == 0) width = record.fields.size();
        require(record.fields.size() == width, "recovering: proper records have the width of the first", text);
      }
    }
  } catch (const ankang::Error& e) {
    require(e.kind() == ankang::ErrorKind::invalid_input, "recovering: the reader fails with invalid_input", text);
  }

  // The sheet layer on top.
  try {
    io::CsvReader reader(file.path(), encoding);
    io::Sheet sheet(reader, k_fields);
    io::SheetRow row;
    while (sheet.next(row)) {
      for (size_t f = 0; f < k_fields.size(); ++f) {
        require(valid_utf8(row.get(f)), "every sheet value is valid UTF-8", text);
        if (sheet.has(f)) (void)sheet.describe(row, f, "fuzz");
      }
      (void)sheet.unit(sheet.field("funds"));
    }
  } catch (const ankang::Error& e) {
    require(e.kind() == ankang::ErrorKind::invalid_input, "the sheet fails with invalid_input", text);
  }
  return 0;
}
