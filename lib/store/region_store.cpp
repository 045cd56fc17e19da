#include "store/region_store.hpp"

#include "error.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <vector>

namespace ankang::store {

namespace {

bool is_code(std::string_view s) {
  if (s.size() != 6) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// Trims, turns the full-width slash and blanks around slashes into a plain '/', and drops a
// leading 青海省/ (every built-in name is inside Qinghai).
std::string normalize(std::string_view text) {
  std::string s;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i, 3) == "\xEF\xBC\x8F") {  // ／
      s += '/';
      i += 2;
    } else if (text.substr(i, 3) == "\xE3\x80\x80") {  // full-width space
      s += ' ';
      i += 2;
    } else {
      s += text[i];
    }
  }
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ' || s[i] == '\t') {
      // Keep a blank only between two non-slash characters.
      size_t j = i;
      while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
      const bool keep = !out.empty() && out.back() != '/' && j < s.size() && s[j] != '/';
      if (keep) out += ' ';
      i = j - 1;
      continue;
    }
    out += s[i];
  }
  for (std::string_view prefix : {"青海省/", "青海/"})
    if (out.starts_with(prefix) && out.size() > prefix.size()) out.erase(0, prefix.size());
  return out;
}

Region row_to_region(SQLite::Statement& q) {
  return Region{q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                q.getColumn(3).getInt()};
}

}  // namespace

RegionRange region_subtree(std::string_view code) {
  const std::string c(code);
  if (c.ends_with("0000")) return {c, c.substr(0, 2) + "9999"};
  if (c.ends_with("00")) return {c, c.substr(0, 4) + "99"};
  return {c, c};
}

std::optional<Region> RegionStore::lookup_code(std::string_view code) const {
  auto& q = m_cache.get("SELECT code, name, full_name, level FROM region WHERE code = :code");
  q.bind(":code", std::string(code));
  std::optional<Region> r;
  if (q.executeStep()) r = row_to_region(q);
  q.reset();  // a cached statement left on a row would keep its read transaction open
  return r;
}

Region RegionStore::by_code(std::string_view code) const {
  if (auto r = lookup_code(code)) return *r;
  return Region{std::string(code), "", std::string(code), 0};
}

std::optional<Region> RegionStore::find(std::string_view text) const {
  const std::string t = normalize(text);
  if (t.empty()) return std::nullopt;
  if (is_code(t)) return by_code(t);
  auto& q = m_cache.get(
                      "SELECT code FROM region WHERE name = :t OR full_name = :t "
                      "UNION SELECT code FROM region_alias WHERE alias = :t");
  q.bind(":t", t);
  std::vector<std::string> codes;
  while (q.executeStep()) codes.push_back(q.getColumn(0).getString());
  if (codes.empty() && t.find('/') == std::string::npos) return find_joined(t);
  if (codes.size() != 1) return std::nullopt;
  return lookup_code(codes.front());
}

std::optional<Region> RegionStore::find_joined(std::string_view t) const {
  // A cell that joins the names as sheets do: 海北州刚察县, 西宁市城北区, 青海省海北藏族自治州刚察县.
  for (std::string_view province : {"青海省", "青海"})
    if (t.starts_with(province) && t.size() > province.size()) {
      t.remove_prefix(province.size());
      if (auto r = find(t)) return r;
      break;
    }
  for (size_t i = 1; i < t.size(); ++i) {
    if ((static_cast<unsigned char>(t[i]) & 0xC0) == 0x80) continue;  // inside a character
    const std::string joined = fmt::format("{}/{}", t.substr(0, i), t.substr(i));
    auto parent = find(t.substr(0, i));
    if (!parent || parent->level != 2) continue;
    if (auto r = find(joined)) return r;
  }
  return std::nullopt;
}

Region RegionStore::resolve(std::string_view text) const {
  if (auto r = find(text)) return *r;
  throw Error(ErrorKind::invalid_input, fmt::format("unknown region {}: {}", quote_value(text), valid_hint(text)));
}

std::string RegionStore::valid_hint(std::string_view text) const {
  const std::string t = normalize(text);
  // Say what would be valid: the counties of a known prefecture named before the slash, the
  // regions whose names contain the text, or else the prefectures.
  std::vector<std::string> valid;
  std::string where;
  if (const auto slash = t.find('/'); slash != std::string::npos) {
    if (auto parent = find(t.substr(0, slash)); parent && parent->level == 2) {
      SQLite::Statement q(m_db, "SELECT name FROM region WHERE parent_code = :p ORDER BY code");
      q.bind(":p", parent->code);
      while (q.executeStep()) valid.push_back(parent->name + "/" + q.getColumn(0).getString());
      where = fmt::format("the counties of {}", parent->name);
    }
  }
  if (valid.empty() && !t.empty()) {
    SQLite::Statement q(m_db,
                        "SELECT full_name FROM region WHERE instr(full_name, :t) > 0 "
                        "OR code IN (SELECT code FROM region_alias WHERE instr(alias, :t) > 0) ORDER BY code LIMIT 12");
    q.bind(":t", t);
    while (q.executeStep()) valid.push_back(q.getColumn(0).getString());
    where = "similar names";
  }
  if (valid.empty()) {
    SQLite::Statement q(m_db, "SELECT name FROM region WHERE level = 2 ORDER BY code");
    while (q.executeStep()) valid.push_back(q.getColumn(0).getString());
    where = "the prefectures of Qinghai (or their counties)";
  }
  std::string list;
  for (const auto& v : valid) list += (list.empty() ? "" : ", ") + v;
  return fmt::format("expected a 6-digit code or a Qinghai region; {}: {}", where, list);
}

}  // namespace ankang::store
