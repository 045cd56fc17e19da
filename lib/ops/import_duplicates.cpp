#include "ops/import_duplicates.hpp"

#include <algorithm>

namespace ankang::ops {

uint64_t fnv1a(std::string_view text, uint64_t seed)
{
  uint64_t h = seed;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

void SheetDuplicates::add_key(uint32_t ordinal, uint64_t line, uint32_t key_kind, uint64_t key, uint64_t content)
{
  if (m_lines.size() <= ordinal) m_lines.resize(ordinal + 1, 0);
  m_lines[ordinal] = line;
  m_entries.push_back(Entry{key, content, ordinal, key_kind});
}

void SheetDuplicates::resolve()
{
  std::sort(m_entries.begin(), m_entries.end(), [](const Entry& a, const Entry& b) {
    if (a.kind != b.kind) return a.kind < b.kind;
    if (a.key != b.key) return a.key < b.key;
    return a.ordinal < b.ordinal;
  });
  for (size_t i = 0; i < m_entries.size();) {
    size_t j = i + 1;
    while (j < m_entries.size() && m_entries[j].kind == m_entries[i].kind && m_entries[j].key == m_entries[i].key) ++j;
    if (j - i > 1) {
      bool agree = true;
      for (size_t k = i + 1; k < j; ++k) agree = agree && m_entries[k].content == m_entries[i].content;
      const uint64_t first_line = m_lines[m_entries[i].ordinal];
      for (size_t k = i; k < j; ++k) {
        const uint32_t ordinal = m_entries[k].ordinal;
        auto [it, fresh] = m_verdicts.try_emplace(ordinal);
        Verdict& v = it->second;
        if (!fresh && (v.conflict || !agree)) {
          // Already a conflict by another key, or a copy by another key: a conflict wins.
          if (!agree && !v.conflict) v = Verdict{};
          else continue;
        }
        v.conflict = !agree;
        v.key_kind = m_entries[k].kind;
        v.first_line = first_line;
        v.is_first = k == i;
        v.lines.clear();
        for (size_t o = i; o < j && v.lines.size() < k_max_named; ++o)
          if (o != k) v.lines.push_back(m_lines[m_entries[o].ordinal]);
      }
    }
    i = j;
  }
  // The first of a group of exact copies is imported as usual.
  for (auto it = m_verdicts.begin(); it != m_verdicts.end();) {
    if (!it->second.conflict && it->second.is_first) {
      it = m_verdicts.erase(it);
    } else {
      if (!it->second.conflict) ++m_collapsed;
      ++it;
    }
  }
  m_entries.clear();
  m_entries.shrink_to_fit();
}

const SheetDuplicates::Verdict* SheetDuplicates::verdict(uint32_t ordinal) const
{
  const auto it = m_verdicts.find(ordinal);
  return it == m_verdicts.end() ? nullptr : &it->second;
}

}  // namespace ankang::ops
