#include "cli/i18n.hpp"

#include <algorithm>
#include <exception>
#include <string>
#include <unordered_map>
#include <vector>

namespace ankang::cli {

namespace {

// A msgid with holes, split at them: "hazard {} does not exist" → {"hazard ", " does not exist"}.
struct Pattern {
  std::vector<std::string> literals;
  std::string msgstr;
  size_t fixed = 0;  // characters outside the holes: the more, the more specific
};

struct Catalogue {
  std::unordered_map<std::string, std::string> exact;
  std::vector<Pattern> patterns;  // most specific first
};

// The text of a quoted .po string: "a \"b\"\n" → a "b" + newline.
std::string unquote(std::string_view line)
{
  std::string out;
  const auto open = line.find('"');
  const auto close = line.rfind('"');
  if (open == std::string_view::npos || close <= open) return out;
  for (size_t i = open + 1; i < close; ++i) {
    char c = line[i];
    if (c == '\\' && i + 1 < close) {
      c = line[++i];
      switch (c) {
      case 'n': c = '\n'; break;
      case 't': c = '\t'; break;
      default: break;  // \" and \\ stand for themselves
      }
    }
    out += c;
  }
  return out;
}

void add_entry(Catalogue& cat, std::string msgid, std::string msgstr)
{
  if (msgid.empty() || msgstr.empty()) return;  // the header, or not translated yet
  if (msgid.find("{}") == std::string::npos) {
    cat.exact.emplace(std::move(msgid), std::move(msgstr));
    return;
  }
  Pattern p;
  size_t start = 0;
  for (;;) {
    const size_t hole = msgid.find("{}", start);
    p.literals.push_back(msgid.substr(start, hole == std::string::npos ? std::string::npos : hole - start));
    p.fixed += p.literals.back().size();
    if (hole == std::string::npos) break;
    start = hole + 2;
  }
  p.msgstr = std::move(msgstr);
  cat.patterns.push_back(std::move(p));
}

// Reads the msgid/msgstr pairs of a .po file; entries marked fuzzy are skipped, as gettext does.
Catalogue parse_po(std::string_view po)
{
  Catalogue cat;
  std::string msgid, msgstr, *current = nullptr;
  bool fuzzy = false, next_fuzzy = false, in_entry = false;
  const auto finish = [&] {
    if (in_entry && !fuzzy) add_entry(cat, std::move(msgid), std::move(msgstr));
    msgid.clear();
    msgstr.clear();
    current = nullptr;
    in_entry = false;
    fuzzy = false;
  };
  size_t pos = 0;
  while (pos <= po.size()) {
    const size_t eol = std::min(po.find('\n', pos), po.size());
    std::string_view line = po.substr(pos, eol - pos);
    pos = eol + 1;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (line.starts_with("#,")) {
      if (line.find("fuzzy") != std::string_view::npos) next_fuzzy = true;
    } else if (line.starts_with("msgid ")) {
      finish();
      in_entry = true;
      fuzzy = next_fuzzy;
      next_fuzzy = false;
      msgid = unquote(line);
      current = &msgid;
    } else if (line.starts_with("msgstr ")) {
      msgstr = unquote(line);
      current = &msgstr;
    } else if (line.starts_with("\"") && current) {
      *current += unquote(line);
    } else if (line.starts_with("msgctxt ") || line.starts_with("msgid_plural")) {
      current = nullptr;  // not used by ankang
    }
    if (eol == po.size()) break;
  }
  finish();
  std::stable_sort(cat.patterns.begin(), cat.patterns.end(),
                   [](const Pattern& a, const Pattern& b) { return a.fixed > b.fixed; });
  return cat;
}

const Catalogue* catalogue_for(domain::Lang lang)
{
  if (lang != domain::Lang::zh) return nullptr;  // English is the language of the msgids
  static const Catalogue zh = [] {
    for (const auto& c : embedded_catalogues())
      if (c.lang == "zh_CN") return parse_po(c.po);
    return Catalogue{};
  }();
  return &zh;
}

// Matches text[from..] against literals[index..], each hole at least one character; fills holes.
bool match_from(const Pattern& p, std::string_view text, size_t from, size_t index, std::vector<std::string_view>& holes)
{
  const std::string& lit = p.literals[index];
  // Messages are joined with ": " (what: why: hint). Only a hole that ends the msgid after ": "
  // takes a message of its own with such joins; others hold one value ("{} is required" must not read
  // "name: a name is required" as one).
  const auto one_value = [](std::string_view hole) { return hole.find(": ") == std::string_view::npos; };
  if (index + 1 == p.literals.size()) {
    // The last literal closes the text; the hole before it takes what is left.
    if (text.size() < from + 1 + lit.size() || !text.ends_with(lit)) return false;
    const auto hole = text.substr(from, text.size() - lit.size() - from);
    const bool takes_message = lit.empty() && p.literals[index - 1].ends_with(": ");
    if (!takes_message && !one_value(hole)) return false;
    holes.push_back(hole);
    return true;
  }
  // A hole, then this literal: try each place it occurs, leftmost first.
  for (size_t at = text.find(lit, from + 1); at != std::string_view::npos; at = text.find(lit, at + 1)) {
    if (!one_value(text.substr(from, at - from))) break;
    holes.push_back(text.substr(from, at - from));
    if (match_from(p, text, at + lit.size(), index + 1, holes)) return true;
    holes.pop_back();
    if (lit.empty()) break;
  }
  return false;
}

bool match(const Pattern& p, std::string_view text, std::vector<std::string_view>& holes)
{
  holes.clear();
  if (!text.starts_with(p.literals.front())) return false;
  return match_from(p, text, p.literals.front().size(), 1, holes);
}

// msgstr with its holes filled: `{}` in order, `{N}` by position.
std::string fill(std::string_view msgstr, const std::vector<std::string>& values)
{
  std::string out;
  size_t next = 0;
  for (size_t i = 0; i < msgstr.size(); ++i) {
    if (msgstr[i] == '{') {
      const size_t close = msgstr.find('}', i);
      if (close != std::string_view::npos) {
        const auto inside = msgstr.substr(i + 1, close - i - 1);
        size_t index = next;
        bool ok = inside.empty();
        if (!ok && inside.size() <= 2 && std::all_of(inside.begin(), inside.end(), [](char c) { return c >= '0' && c <= '9'; })) {
          index = std::stoul(std::string(inside));
          ok = true;
        }
        if (ok) {
          if (inside.empty()) ++next;
          if (index < values.size()) out += values[index];
          i = close;
          continue;
        }
      }
    }
    out += msgstr[i];
  }
  return out;
}

std::string translate_with(const Catalogue& cat, std::string_view english, int depth, bool& found)
{
  found = false;
  if (english.empty()) return {};
  if (const auto it = cat.exact.find(std::string(english)); it != cat.exact.end()) {
    found = true;
    return it->second;
  }
  if (depth > 3) return std::string(english);
  std::vector<std::string_view> holes;
  for (const auto& p : cat.patterns) {
    if (p.fixed == 0 || !match(p, english, holes)) continue;
    std::vector<std::string> values;
    values.reserve(holes.size());
    for (const auto hole : holes) {
      bool inner = false;
      values.push_back(translate_with(cat, hole, depth + 1, inner));
    }
    found = true;
    return fill(p.msgstr, values);
  }
  // "what: why": the longest tail that has an entry, and the head before it on its own
  // ("--sort: size not in {…}" → "--sort" and "size not in {…}").
  for (size_t at = english.find(": "); at != std::string_view::npos; at = english.find(": ", at + 2)) {
    bool tail_found = false;
    std::string tail = translate_with(cat, english.substr(at + 2), depth + 1, tail_found);
    if (!tail_found) continue;
    bool head_found = false;
    found = true;
    return translate_with(cat, english.substr(0, at), depth + 1, head_found) + "：" + tail;
  }
  return std::string(english);
}

}  // namespace

std::string translate(std::string_view english, domain::Lang lang)
{
  const Catalogue* cat = catalogue_for(lang);
  if (!cat) return std::string(english);
  bool found = false;
  return translate_with(*cat, english, 0, found);
}

bool has_translation(std::string_view english, domain::Lang lang)
{
  const Catalogue* cat = catalogue_for(lang);
  if (!cat) return true;
  bool found = false;
  translate_with(*cat, english, 0, found);
  return found;
}

std::string translate_lines(std::string_view text, domain::Lang lang)
{
  if (!catalogue_for(lang)) return std::string(text);
  std::string out;
  size_t pos = 0;
  for (;;) {
    const size_t eol = text.find('\n', pos);
    out += translate(text.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos), lang);
    if (eol == std::string_view::npos) break;
    out += '\n';
    pos = eol + 1;
  }
  return out;
}

domain::Lang requested_lang(int argc, char** argv, const char* env_lang)
{
  std::string_view name = env_lang ? env_lang : "";
  for (int i = 1; i < argc; ++i) {
    const std::string_view word = argv[i];
    if (word == "--") break;
    if (word == "--lang" && i + 1 < argc) name = argv[++i];
    else if (word.starts_with("--lang=")) name = word.substr(7);
  }
  try {
    return name.empty() ? domain::Lang::zh : domain::parse_lang(name);
  } catch (const std::exception&) {
    return domain::Lang::zh;
  }
}

}  // namespace ankang::cli
