#pragma once
// Rows of one sheet that name the same record (DESIGN §6, issue 13 point 2). A first pass over
// the sheet gives each row its identity keys (a hazard's number, its duplicate key; an
// enterprise's credit code) and a hash of its cells; resolve() then finds the rows that share a
// key. Rows that agree in every cell collapse into the first; rows that disagree are all errors,
// each naming the others, so that neither a stale copy nor file order decides what is stored.
// Memory: 24 bytes per key and row while resolving, then only the rows concerned.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace ankang::ops {

class SheetDuplicates {
public:
  struct Verdict {
    bool conflict = false;             // false: an exact copy of the row at first_line
    uint64_t key_kind = 0;             // which key they share (the caller's numbering)
    std::vector<uint64_t> lines;       // the other rows' record numbers (at most k_max_named)
    uint64_t first_line = 0;           // the group's first row
    bool is_first = false;
  };
  static constexpr size_t k_max_named = 5;

  // Row `ordinal` (0, 1, 2 … in sheet order) at sheet record number `line`, with its cells'
  // hash and one key (hash) of kind `key_kind`; call once per key of the row.
  void add_key(uint32_t ordinal, uint64_t line, uint32_t key_kind, uint64_t key, uint64_t content);
  void resolve();
  // nullptr: the row shares no key with another (or only exact copies of rows before it when
  // it is the first of them).
  const Verdict* verdict(uint32_t ordinal) const;
  size_t collapsed() const { return m_collapsed; }

private:
  struct Entry {
    uint64_t key;
    uint64_t content;
    uint32_t ordinal;
    uint32_t kind;
  };
  std::vector<Entry> m_entries;
  std::vector<uint64_t> m_lines;  // by ordinal
  std::unordered_map<uint32_t, Verdict> m_verdicts;
  size_t m_collapsed = 0;
};

// 64-bit FNV-1a, for keys and cell hashes (stable within a run; never stored).
uint64_t fnv1a(std::string_view text, uint64_t seed = 14695981039346656037ull);

}  // namespace ankang::ops
