#include "store/hazard_store.hpp"

#include "domain/text_key.hpp"

#include "store/uuid.hpp"

#include "error.hpp"
#include "text.hpp"

#include <SQLiteCpp/Exception.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <bit>
#include <cctype>
#include <charconv>
#include <iterator>
#include <deque>
#include <cstring>

namespace ankang::store {

namespace {

using domain::Date;

// The columns of `hazard` in the order hazard_from_row reads them.
constexpr std::string_view k_hazard_columns =
    "h.id, h.uuid, h.no, h.enterprise_id, h.sector, h.inspection_id, h.found_on, h.found_by, h.location, "
    "h.description, h.category, h.level, h.basis, h.stop_production, h.status, h.due_on, h.owner, h.owner_dept, "
    "h.measures, h.funds, h.emergency_plan, h.completed_on, h.verified_on, h.verified_by, h.closed_on, h.voided_on, "
    "h.on_spot, h.extensions, h.dedupe_key, h.batch_id, h.created_at, h.updated_at, h.category_text";
constexpr int k_hazard_column_count = 33;

// The parameters shared by INSERT and UPDATE; the order is the order of the SQL below.
constexpr std::string_view k_hazard_params =
    ":no, :enterprise_id, :sector, :inspection_id, :found_on, :found_by, :location, :description, :category, :level, "
    ":basis, :stop_production, :status, :due_on, :owner, :owner_dept, :measures, :funds, :emergency_plan, "
    ":completed_on, :verified_on, :verified_by, :closed_on, :voided_on, :on_spot, :extensions, :dedupe_key, :batch_id, "
    ":updated_at, :category_text";

std::string insert_sql()
{
  std::string columns;
  std::string_view params = k_hazard_params;
  // Column names are the parameter names without their colons.
  for (char c : params)
    if (c != ':') columns += c;
  // The shared parameters come first so that SQLite numbers them in their order (bind_hazard).
  return fmt::format("INSERT INTO hazard ({}, uuid, created_at) VALUES ({}, :uuid, :updated_at)", columns, params);
}

std::string update_sql()
{
  std::string sets;
  std::string_view rest = k_hazard_params;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    std::string_view p = rest.substr(0, comma);
    while (!p.empty() && p.front() == ' ') p.remove_prefix(1);
    if (!sets.empty()) sets += ", ";
    sets += fmt::format("{} = {}", p.substr(1), p);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return fmt::format("UPDATE hazard SET {} WHERE id = :id", sets);
}

Date date_column(const Stmt& s, int col)
{
  std::string why;
  if (auto d = domain::try_parse_date(s.text(col), why)) return *d;
  throw Error(ErrorKind::database, fmt::format("the database holds {} where a date belongs: {}", quote_value(s.text(col)), why),
              "run 'ankang db check'");
}

std::optional<Date> optional_date(const Stmt& s, int col)
{
  if (s.is_null(col) || s.text(col).empty()) return std::nullopt;
  return date_column(s, col);
}

Hazard hazard_from_row(const Stmt& s)
{
  Hazard h;
  h.id = HazardId{s.int64(0)};
  h.uuid = s.str(1);
  h.no = s.str(2);
  h.enterprise_id = EnterpriseId{s.int64(3)};
  h.sector = s.str(4);
  if (!s.is_null(5)) h.inspection_id = InspectionId{s.int64(5)};
  h.found_on = date_column(s, 6);
  h.found_by = s.str(7);
  h.location = s.str(8);
  h.description = s.str(9);
  h.category = s.str(10);
  h.level = domain::level_from_code(s.text(11)).value_or(domain::HazardLevel::general);
  h.basis = s.str(12);
  h.stop_production = s.str(13);
  const auto status = domain::status_from_code(s.text(14));
  if (!status)
    throw Error(ErrorKind::database, fmt::format("hazard {} has an unknown status {}", h.no, quote_value(s.text(14))),
                "run 'ankang db check'");
  h.status = *status;
  h.due_on = optional_date(s, 15);
  h.owner = s.str(16);
  h.owner_dept = s.str(17);
  h.measures = s.str(18);
  if (!s.is_null(19)) h.funds = domain::Money{s.int64(19)};
  h.emergency_plan = s.str(20);
  h.completed_on = optional_date(s, 21);
  h.verified_on = optional_date(s, 22);
  h.verified_by = s.str(23);
  h.closed_on = optional_date(s, 24);
  h.voided_on = optional_date(s, 25);
  h.on_spot = s.int64(26) != 0;
  h.extensions = s.int64(27);
  h.dedupe_key = s.int64(28);
  if (!s.is_null(29)) h.batch_id = BatchId{s.int64(29)};
  h.created_at = s.str(30);
  h.updated_at = s.str(31);
  h.category_text = s.str(32);
  return h;
}

// Dates rendered for binding; the strings live here until the statement has stepped.
struct DateTexts {
  std::string found_on, due_on, completed_on, verified_on, closed_on, voided_on;
};

void bind_optional_date(Stmt& s, int i, const std::optional<Date>& d, std::string& buffer)
{
  if (!d) return s.bind_null(i);
  buffer = d->iso();
  s.bind(i, buffer);
}

// Binds the parameters of k_hazard_params, which SQLite numbers in order from :no.
void bind_hazard(Stmt& s, const Hazard& h, std::string_view now, DateTexts& texts)
{
  int i = s.index(":no");
  s.bind(i++, h.no);
  s.bind(i++, h.enterprise_id.value);
  s.bind(i++, h.sector);
  if (h.inspection_id) s.bind(i++, h.inspection_id->value);
  else s.bind_null(i++);
  texts.found_on = h.found_on.iso();
  s.bind(i++, texts.found_on);
  s.bind_text_or_null(i++, h.found_by);
  s.bind(i++, h.location);
  s.bind(i++, h.description);
  s.bind_text_or_null(i++, h.category);
  s.bind(i++, domain::code(h.level));
  s.bind_text_or_null(i++, h.basis);
  s.bind(i++, h.stop_production.empty() ? std::string_view("none") : std::string_view(h.stop_production));
  s.bind(i++, domain::code(h.status));
  bind_optional_date(s, i++, h.due_on, texts.due_on);
  s.bind_text_or_null(i++, h.owner);
  s.bind_text_or_null(i++, h.owner_dept);
  s.bind_text_or_null(i++, h.measures);
  if (h.funds) s.bind(i++, h.funds->fen);
  else s.bind_null(i++);
  s.bind_text_or_null(i++, h.emergency_plan);
  bind_optional_date(s, i++, h.completed_on, texts.completed_on);
  bind_optional_date(s, i++, h.verified_on, texts.verified_on);
  s.bind_text_or_null(i++, h.verified_by);
  bind_optional_date(s, i++, h.closed_on, texts.closed_on);
  bind_optional_date(s, i++, h.voided_on, texts.voided_on);
  s.bind(i++, int64_t{h.on_spot ? 1 : 0});
  s.bind(i++, h.extensions);
  s.bind(i++, h.dedupe_key);
  if (h.batch_id) s.bind(i++, h.batch_id->value);
  else s.bind_null(i++);
  s.bind(i++, now);
  // The sheet's words are kept only beside the code 'other'.
  s.bind_text_or_null(i++, h.category == "other" ? std::string_view(h.category_text) : std::string_view());
}

void append_json_string(std::string& out, std::string_view s)
{
  out += '"';
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    default:
      if (u < 0x20) out += fmt::format("\\u{:04x}", u);
      else out += c;
    }
  }
  out += '"';
}

std::optional<std::string> text_or_null(const std::string& s) { return s.empty() ? std::nullopt : std::optional(s); }
std::optional<std::string> date_or_null(const std::optional<Date>& d)
{
  return d ? std::optional(d->iso()) : std::nullopt;
}

HazardEvent event_from_row(const Stmt& s)
{
  HazardEvent e;
  e.id = HazardEventId{s.int64(0)};
  e.hazard_id = HazardId{s.int64(1)};
  e.kind = s.str(2);
  e.actor = s.str(3);
  e.on_date = date_column(s, 4);
  e.at = s.str(5);
  if (!s.is_null(6)) e.from_status = domain::status_from_code(s.text(6));
  if (!s.is_null(7)) e.to_status = domain::status_from_code(s.text(7));
  e.fields_json = s.str(8);
  e.note = s.str(9);
  if (!s.is_null(10)) e.batch_id = BatchId{s.int64(10)};
  e.uuid = s.str(11);
  return e;
}

constexpr std::string_view k_event_insert =
    "INSERT INTO hazard_event (hazard_id, kind, actor, on_date, at, from_status, to_status, fields, note, batch_id, uuid) "
    "VALUES (:hazard_id, :kind, :actor, :on_date, :at, :from_status, :to_status, :fields, :note, :batch_id, :uuid)";

HazardEventId run_event_insert(Stmt& s, const HazardEvent& e)
{
  const std::string on_date = e.on_date.iso();
  // SQLite numbers the parameters in the order of k_event_insert: looked up once, not by name per row.
  int i = s.index(":hazard_id");
  s.bind(i++, e.hazard_id.value);
  s.bind(i++, e.kind);
  s.bind(i++, e.actor);
  s.bind(i++, on_date);
  s.bind(i++, e.at);
  s.bind_optional(i++, e.from_status ? std::optional(domain::code(*e.from_status)) : std::nullopt);
  s.bind_optional(i++, e.to_status ? std::optional(domain::code(*e.to_status)) : std::nullopt);
  s.bind_text_or_null(i++, e.fields_json);
  s.bind_text_or_null(i++, e.note);
  s.bind_optional(i++, e.batch_id ? std::optional(e.batch_id->value) : std::nullopt);
  const std::string uuid = e.uuid.empty() ? new_uuid(e.at) : e.uuid;  // bound without a copy: kept until run()
  s.bind(i++, uuid);
  s.run();
  const HazardEventId id{s.last_insert_rowid()};
  s.reset();
  return id;
}

bool is_unique_violation(const SQLite::Exception& e)
{
  return e.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE;
}

HazardId run_hazard_insert(Stmt& s, Hazard& h, std::string_view now)
{
  h.dedupe_key = hazard_dedupe_key(h.enterprise_id, h.found_on, h.location, h.description);
  DateTexts texts;
  bind_hazard(s, h, now, texts);
  if (h.uuid.empty()) h.uuid = new_uuid(now);
  s.bind(":uuid", h.uuid);
  try {
    s.run();
  } catch (const SQLite::Exception& e) {
    s.reset();
    if (is_unique_violation(e))
      throw Error(ErrorKind::conflict, fmt::format("hazard number {} is already taken", h.no),
                  "leave --no out to have the next free number assigned");
    throw;
  }
  h.id = HazardId{s.last_insert_rowid()};
  s.reset();
  h.created_at = std::string(now);
  h.updated_at = std::string(now);
  return h.id;
}

void run_hazard_update(Stmt& s, Hazard& h, std::string_view now)
{
  h.dedupe_key = hazard_dedupe_key(h.enterprise_id, h.found_on, h.location, h.description);
  DateTexts texts;
  bind_hazard(s, h, now, texts);
  s.bind(":id", h.id.value);
  try {
    s.run();
  } catch (const SQLite::Exception& e) {
    s.reset();
    if (is_unique_violation(e)) throw Error(ErrorKind::conflict, fmt::format("hazard number {} is already taken", h.no));
    throw;
  }
  s.reset();
  h.updated_at = std::string(now);
}

std::string select_by(std::string_view where)
{
  return fmt::format("SELECT {} FROM hazard h WHERE {}", k_hazard_columns, where);
}

std::optional<Hazard> fetch_one(Stmt& s)
{
  std::optional<Hazard> h;
  if (s.step()) h = hazard_from_row(s);
  s.reset();
  return h;
}

// Candidates by key, enterprise and day; the texts compared as a person reads them
// (domain::comparable_text), which is also what the key hashes.
constexpr std::string_view k_duplicate_sql =
    "SELECT id, location, description FROM hazard WHERE dedupe_key = :key AND enterprise_id = :enterprise "
    "AND found_on = :found_on";

std::optional<HazardId> run_duplicate(Stmt& s, EnterpriseId enterprise, Date found_on, std::string_view location,
                                      std::string_view description)
{
  const std::string found = found_on.iso();
  s.bind(":key", hazard_dedupe_key(enterprise, found_on, location, description));
  s.bind(":enterprise", enterprise.value);
  s.bind(":found_on", found);
  std::optional<HazardId> id;
  std::string want_location, want_description;
  while (!id && s.step()) {
    if (want_description.empty() && want_location.empty()) {
      want_location = domain::comparable_text(location);
      want_description = domain::comparable_text(description);
    }
    if (domain::comparable_text(s.text(1)) == want_location && domain::comparable_text(s.text(2)) == want_description)
      id = HazardId{s.int64(0)};
  }
  s.reset();
  return id;
}

}  // namespace

void FieldChanges::add(std::string_view field, std::optional<std::string> from, std::optional<std::string> to)
{
  if (from == to) return;
  m_changes.push_back(FieldChange{std::string(field), std::move(from), std::move(to)});
}

std::string FieldChanges::json() const
{
  std::string out = "{";
  for (const auto& c : m_changes) {
    if (out.size() > 1) out += ',';
    append_json_string(out, c.field);
    out += ":[";
    if (c.from) append_json_string(out, *c.from);
    else out += "null";
    out += ',';
    if (c.to) append_json_string(out, *c.to);
    else out += "null";
    out += ']';
  }
  out += '}';
  return out;
}

namespace {

// A reader for exactly the JSON that FieldChanges::json() writes (and its escapes).
class FieldsReader {
public:
  explicit FieldsReader(std::string_view text) : m_text(text) {}

  FieldChanges read()
  {
    FieldChanges out;
    expect('{');
    skip_space();
    if (peek() == '}') {
      ++m_pos;
      return out;
    }
    for (;;) {
      std::string field = string();
      expect(':');
      expect('[');
      auto from = value();
      expect(',');
      auto to = value();
      expect(']');
      out.add(field, std::move(from), std::move(to));
      skip_space();
      if (peek() == ',') {
        ++m_pos;
        continue;
      }
      expect('}');
      return out;
    }
  }

private:
  [[noreturn]] void fail() const
  {
    throw Error(ErrorKind::database, fmt::format("a hazard event holds malformed changed fields: {}", m_text),
                "run 'ankang db check'");
  }
  char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }
  void skip_space()
  {
    while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\n' || m_text[m_pos] == '\t')) ++m_pos;
  }
  void expect(char c)
  {
    skip_space();
    if (peek() != c) fail();
    ++m_pos;
  }
  std::optional<std::string> value()
  {
    skip_space();
    if (m_text.substr(m_pos, 4) == "null") {
      m_pos += 4;
      return std::nullopt;
    }
    return string();
  }
  std::string string()
  {
    expect('"');
    std::string out;
    while (m_pos < m_text.size() && m_text[m_pos] != '"') {
      char c = m_text[m_pos++];
      if (c != '\\') {
        out += c;
        continue;
      }
      if (m_pos >= m_text.size()) fail();
      c = m_text[m_pos++];
      switch (c) {
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        if (m_pos + 4 > m_text.size()) fail();
        const auto code = std::stoul(std::string(m_text.substr(m_pos, 4)), nullptr, 16);
        m_pos += 4;
        if (code >= 0x80) fail();  // json() escapes control characters only
        out += static_cast<char>(code);
        break;
      }
      default: out += c;
      }
    }
    if (peek() != '"') fail();
    ++m_pos;
    return out;
  }

  std::string_view m_text;
  size_t m_pos = 0;
};

}  // namespace

FieldChanges FieldChanges::parse(std::string_view json) { return FieldsReader(json).read(); }

FieldChanges diff_hazards(const Hazard& a, const Hazard& b)
{
  FieldChanges c;
  c.add("no", a.no, b.no);
  if (a.enterprise_id != b.enterprise_id) c.add("enterprise_id", a.enterprise_id.str(), b.enterprise_id.str());
  c.add("sector", a.sector, b.sector);
  if (a.inspection_id != b.inspection_id)
    c.add("inspection_id", a.inspection_id ? std::optional(a.inspection_id->str()) : std::nullopt,
          b.inspection_id ? std::optional(b.inspection_id->str()) : std::nullopt);
  c.add("found_on", a.found_on.iso(), b.found_on.iso());
  c.add("found_by", text_or_null(a.found_by), text_or_null(b.found_by));
  c.add("location", a.location, b.location);
  c.add("description", a.description, b.description);
  c.add("category", text_or_null(a.category), text_or_null(b.category));
  c.add("category_text", text_or_null(a.category == "other" ? a.category_text : std::string()),
        text_or_null(b.category == "other" ? b.category_text : std::string()));
  c.add("level", std::string(domain::code(a.level)), std::string(domain::code(b.level)));
  c.add("basis", text_or_null(a.basis), text_or_null(b.basis));
  c.add("stop_production", a.stop_production, b.stop_production);
  c.add("status", std::string(domain::code(a.status)), std::string(domain::code(b.status)));
  c.add("due_on", date_or_null(a.due_on), date_or_null(b.due_on));
  c.add("owner", text_or_null(a.owner), text_or_null(b.owner));
  c.add("owner_dept", text_or_null(a.owner_dept), text_or_null(b.owner_dept));
  c.add("measures", text_or_null(a.measures), text_or_null(b.measures));
  c.add("funds", a.funds ? std::optional(domain::format_yuan(*a.funds)) : std::nullopt,
        b.funds ? std::optional(domain::format_yuan(*b.funds)) : std::nullopt);
  c.add("emergency_plan", text_or_null(a.emergency_plan), text_or_null(b.emergency_plan));
  c.add("completed_on", date_or_null(a.completed_on), date_or_null(b.completed_on));
  c.add("verified_on", date_or_null(a.verified_on), date_or_null(b.verified_on));
  c.add("verified_by", text_or_null(a.verified_by), text_or_null(b.verified_by));
  c.add("closed_on", date_or_null(a.closed_on), date_or_null(b.closed_on));
  c.add("voided_on", date_or_null(a.voided_on), date_or_null(b.voided_on));
  if (a.on_spot != b.on_spot) c.add("on_spot", a.on_spot ? "1" : "0", b.on_spot ? "1" : "0");
  if (a.extensions != b.extensions) c.add("extensions", std::to_string(a.extensions), std::to_string(b.extensions));
  return c;
}

namespace {

std::optional<int64_t> parse_row_id(std::string_view digits)
{
  // More than 18 digits cannot be a row id; treat it as not found rather than overflowing.
  if (digits.empty() || digits.size() > 18 || !all_digits(digits)) return std::nullopt;
  int64_t id = 0;
  for (char c : digits) id = id * 10 + (c - '0');
  return id;
}

// A number as given, else in upper case, else in lower case: YH numbers are stored as written
// (usually upper case), and an index lookup per form keeps this fast on 10^6 hazards.
std::optional<Hazard> find_by_no_any_case(Database& db, std::string_view no)
{
  if (auto h = find_hazard_by_no(db, no)) return h;
  std::string upper(no), lower(no);
  for (auto& c : upper)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  for (auto& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (upper != no)
    if (auto h = find_hazard_by_no(db, upper)) return h;
  if (lower != no)
    if (auto h = find_hazard_by_no(db, lower)) return h;
  return std::nullopt;
}

[[noreturn]] void hazard_not_found(std::string_view key)
{
  throw Error(ErrorKind::not_found, fmt::format("hazard {} does not exist", key),
              "'ankang hazard list' shows the hazards, their numbers and row ids (#)");
}

}  // namespace

Hazard find_hazard(Database& db, std::string_view id_or_no)
{
  const std::string_view key = trim_blanks(id_or_no);
  const auto starts = [&](std::string_view prefix) {
    if (key.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(key[i])) != prefix[i]) return false;
    return true;
  };
  const auto explicit_id = [&](std::string_view digits) {
    const auto id = parse_row_id(trim_blanks(digits));
    if (!id)
      throw Error(ErrorKind::usage, fmt::format("hazard {}: a row id is all digits", quote_value(key)),
                  "name a hazard as id:42 (row id), no:YH-2021-000042 (number), #42 or YH-2021-000042");
    auto h = get_hazard(db, HazardId{*id});
    if (!h) hazard_not_found(key);
    return std::move(*h);
  };
  if (starts("id:")) return explicit_id(key.substr(3));
  if (starts("#")) return explicit_id(key.substr(1));
  if (starts("no:")) {
    const auto no = trim_blanks(key.substr(3));
    auto h = find_by_no_any_case(db, no);
    if (!h) hazard_not_found(key);
    return std::move(*h);
  }
  if (all_digits(key) && !key.empty()) {
    // All digits is the row id, unless a hazard is numbered exactly so: then say which is which.
    std::optional<Hazard> by_id;
    if (const auto id = parse_row_id(key)) by_id = get_hazard(db, HazardId{*id});
    auto by_no = find_hazard_by_no(db, key);
    if (by_id && by_no && by_id->id != by_no->id)
      throw Error(ErrorKind::usage,
                  fmt::format("hazard {} is ambiguous: row id {} is hazard {}, and hazard {} (row id {}) is numbered {}",
                              key, key, by_id->no, by_no->no, by_no->id.value, key),
                  fmt::format("say id:{} (or #{}) for the row id, no:{} for the number", key, key, key));
    if (by_id) return std::move(*by_id);
    if (by_no) return std::move(*by_no);
    hazard_not_found(key);
  }
  auto h = find_by_no_any_case(db, key);
  if (!h) hazard_not_found(key);
  return std::move(*h);
}

std::optional<Hazard> get_hazard(Database& db, HazardId id)
{
  Stmt s(db.sql(), select_by("h.id = :id"));
  s.bind(":id", id.value);
  return fetch_one(s);
}

std::optional<Hazard> find_hazard_by_no(Database& db, std::string_view no)
{
  Stmt s(db.sql(), select_by("h.no = :no"));
  s.bind(":no", no);
  return fetch_one(s);
}

HazardId insert_hazard(Database& db, Hazard& h, std::string_view now)
{
  Stmt s(db.sql(), insert_sql());
  const auto id = run_hazard_insert(s, h, now);
  if (const auto seq = parse_hazard_no(h.no)) note_hazard_seq(db, seq->first, seq->second);
  return id;
}

void update_hazard(Database& db, Hazard& h, std::string_view now)
{
  Stmt s(db.sql(), update_sql());
  run_hazard_update(s, h, now);
}

HazardEventId append_event(Database& db, const HazardEvent& e)
{
  Stmt s(db.sql(), k_event_insert);
  return run_event_insert(s, e);
}

std::vector<HazardEvent> list_events(Database& db, HazardId hazard)
{
  Stmt s(db.sql(),
         "SELECT id, hazard_id, kind, actor, on_date, at, from_status, to_status, fields, note, batch_id, uuid "
         "FROM hazard_event WHERE hazard_id = :hazard ORDER BY id");
  s.bind(":hazard", hazard.value);
  std::vector<HazardEvent> out;
  while (s.step()) out.push_back(event_from_row(s));
  return out;
}

std::vector<HazardEvent> list_batch_events(Database& db, BatchId batch)
{
  Stmt s(db.sql(),
         "SELECT id, hazard_id, kind, actor, on_date, at, from_status, to_status, fields, note, batch_id, uuid "
         "FROM hazard_event WHERE batch_id = :batch ORDER BY hazard_id, id");
  s.bind(":batch", batch.value);
  std::vector<HazardEvent> out;
  while (s.step()) out.push_back(event_from_row(s));
  return out;
}

std::vector<HazardEvent> list_events_after(Database& db, HazardId hazard, HazardEventId after)
{
  Stmt s(db.sql(),
         "SELECT id, hazard_id, kind, actor, on_date, at, from_status, to_status, fields, note, batch_id, uuid "
         "FROM hazard_event WHERE hazard_id = :hazard AND id > :after ORDER BY id");
  s.bind(":hazard", hazard.value);
  s.bind(":after", after.value);
  std::vector<HazardEvent> out;
  while (s.step()) out.push_back(event_from_row(s));
  return out;
}

std::vector<std::string> hazards_of_enterprise_outside_batch(Database& db, EnterpriseId enterprise, BatchId batch)
{
  Stmt s(db.sql(),
         "SELECT no FROM hazard WHERE enterprise_id = :enterprise AND status <> 'void' AND "
         "(batch_id IS NULL OR batch_id <> :batch) ORDER BY id");
  s.bind(":enterprise", enterprise.value);
  s.bind(":batch", batch.value);
  std::vector<std::string> out;
  while (s.step()) out.push_back(s.str(0));
  return out;
}

void set_hazard_field(Hazard& h, std::string_view field, const std::optional<std::string>& value)
{
  const std::string v = value.value_or("");
  const auto date = [&]() -> std::optional<Date> {
    if (!value) return std::nullopt;
    std::string why;
    if (auto d = domain::try_parse_date(v, why)) return *d;
    throw Error(ErrorKind::database, fmt::format("hazard {}: the history holds {} where a date belongs", h.no, quote_value(v)),
                "run 'ankang db check'");
  };
  if (field == "no") h.no = v;
  else if (field == "sector") h.sector = v;
  else if (field == "found_on") h.found_on = date().value_or(h.found_on);
  else if (field == "found_by") h.found_by = v;
  else if (field == "location") h.location = v;
  else if (field == "description") h.description = v;
  else if (field == "category") h.category = v;
  else if (field == "category_text") h.category_text = v;
  else if (field == "level") h.level = domain::level_from_code(v).value_or(h.level);
  else if (field == "basis") h.basis = v;
  else if (field == "stop_production") h.stop_production = value ? v : "none";
  else if (field == "status") h.status = domain::status_from_code(v).value_or(h.status);
  else if (field == "due_on") h.due_on = date();
  else if (field == "owner") h.owner = v;
  else if (field == "owner_dept") h.owner_dept = v;
  else if (field == "measures") h.measures = v;
  else if (field == "emergency_plan") h.emergency_plan = v;
  else if (field == "completed_on") h.completed_on = date();
  else if (field == "verified_on") h.verified_on = date();
  else if (field == "verified_by") h.verified_by = v;
  else if (field == "closed_on") h.closed_on = date();
  else if (field == "voided_on") h.voided_on = date();
  else if (field == "on_spot") h.on_spot = v == "1";
  else if (field == "extensions") h.extensions = value ? std::stoll(v) : 0;
  else if (field == "funds") {
    if (!value) {
      h.funds.reset();
    } else {
      std::string why;
      h.funds = domain::try_parse_money(v, domain::MoneyUnit::yuan, why);
    }
  } else if (field == "enterprise_id" && value) h.enterprise_id = EnterpriseId{std::stoll(v)};
  else if (field == "inspection_id") h.inspection_id = value ? std::optional(InspectionId{std::stoll(v)}) : std::nullopt;
}

std::string format_hazard_no(int year, int64_t seq) { return fmt::format("YH-{:04d}-{:06d}", year, seq); }

int64_t max_hazard_seq(Database& db, int year)
{
  Stmt s(db.sql(), "SELECT last FROM hazard_no_seq WHERE year = :year");
  s.bind(":year", int64_t{year});
  int64_t seq = 0;
  if (s.step() && !s.is_null(0)) seq = s.int64(0);
  s.reset();
  // The table is kept by this file's inserts; should the number after it be taken anyway (a row
  // written by other means), fall back to the scan and repair the table.
  Stmt taken(db.sql(), "SELECT 1 FROM hazard WHERE no = :no");
  const std::string next = format_hazard_no(year, seq + 1);
  taken.bind(":no", next);
  if (!taken.step()) return seq;
  // The prefix GLOB uses the unique index on `no`; the second test drops numbers such as
  // YH-2021-12a that merely start with digits.
  Stmt scan(db.sql(),
            "SELECT max(CAST(substr(no, 9) AS INTEGER)) FROM hazard "
            "WHERE no GLOB :pattern AND NOT substr(no, 9) GLOB '*[^0-9]*'");
  const std::string pattern = fmt::format("YH-{:04d}-[0-9]*", year);
  scan.bind(":pattern", pattern);
  if (scan.step() && !scan.is_null(0)) seq = std::max(seq, scan.int64(0));
  scan.reset();
  note_hazard_seq(db, year, seq);
  return seq;
}

void note_hazard_seq(Database& db, int year, int64_t seq)
{
  Stmt s(db.sql(),
         "INSERT INTO hazard_no_seq (year, last) VALUES (:year, :last) "
         "ON CONFLICT (year) DO UPDATE SET last = max(last, excluded.last)");
  s.bind(":year", int64_t{year});
  s.bind(":last", seq);
  s.run();
}

std::optional<std::pair<int, int64_t>> parse_hazard_no(std::string_view no)
{
  // YH-2021-000042: the year, then digits only.
  if (no.size() < 9 || !no.starts_with("YH-") || no[7] != '-') return std::nullopt;
  int year = 0;
  for (char c : no.substr(3, 4)) {
    if (c < '0' || c > '9') return std::nullopt;
    year = year * 10 + (c - '0');
  }
  int64_t seq = 0;
  const auto digits = no.substr(8);
  if (digits.size() > 15) return std::nullopt;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    seq = seq * 10 + (c - '0');
  }
  return std::pair{year, seq};
}

std::string next_hazard_no(Database& db, Date found_on)
{
  return format_hazard_no(found_on.year(), max_hazard_seq(db, found_on.year()) + 1);
}

int64_t hazard_dedupe_key(EnterpriseId enterprise, Date found_on, std::string_view location, std::string_view description)
{
  uint64_t hash = 0xcbf29ce484222325ULL;
  const auto feed = [&hash](std::string_view bytes) {
    for (char c : bytes) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 0x100000001b3ULL;
    }
  };
  const auto separator = [&feed] { feed(std::string_view("\x1f", 1)); };
  char id[24];
  const auto end = std::to_chars(std::begin(id), std::end(id), enterprise.value).ptr;
  feed(std::string_view(id, static_cast<size_t>(end - id)));
  separator();
  feed(found_on.iso());
  separator();
  feed(domain::comparable_text(location));
  separator();
  feed(domain::comparable_text(description));
  // The day found in the high half: an import (sheets run by date) inserts its keys next to each
  // other at the end of the hazard_dedupe index, not on a random page of it; the low half is the
  // hash's best-mixed 32 bits, and the lookup compares every field anyway.
  const auto day = static_cast<uint64_t>(static_cast<uint32_t>(found_on.days()));
  return std::bit_cast<int64_t>((day << 32) | (hash >> 32));
}

std::optional<HazardId> find_duplicate_hazard(Database& db, EnterpriseId enterprise, Date found_on,
                                              std::string_view location, std::string_view description)
{
  Stmt s(db.sql(), k_duplicate_sql);
  return run_duplicate(s, enterprise, found_on, location, description);
}

void list_hazards(Database& db, const HazardFilter& f, const std::function<void(const HazardListRow&)>& row)
{
  std::string where = "1";
  if (f.enterprise) where += " AND h.enterprise_id = :enterprise";
  if (f.inspection) where += " AND h.inspection_id = :inspection";
  if (!f.sectors.empty()) {
    where += " AND h.sector IN (";
    for (size_t i = 0; i < f.sectors.size(); ++i) where += fmt::format("{}:sector{}", i ? ", " : "", i);
    where += ")";
  }
  if (f.region_range) where += " AND e.region_code BETWEEN :region_low AND :region_high";
  if (!f.levels.empty()) {
    where += " AND h.level IN (";
    for (size_t i = 0; i < f.levels.size(); ++i) where += fmt::format("{}:level{}", i ? ", " : "", i);
    where += ")";
  }
  if (!f.statuses.empty()) {
    where += " AND h.status IN (";
    for (size_t i = 0; i < f.statuses.size(); ++i) where += fmt::format("{}:status{}", i ? ", " : "", i);
    where += ")";
  } else if (!f.include_void) {
    where += " AND h.status <> 'void'";
  }
  if (f.found_from) where += " AND h.found_on >= :found_from";
  if (f.found_to) where += " AND h.found_on <= :found_to";
  if (f.overdue_as_of) where += " AND h.status IN ('open', 'rectifying') AND h.due_on < :as_of";
  if (f.due_from || f.due_to) where += " AND h.status IN ('open', 'rectifying') AND h.due_on IS NOT NULL";
  if (f.due_from) where += " AND h.due_on >= :due_from";
  if (f.due_to) where += " AND h.due_on <= :due_to";
  if (!f.owner.empty()) where += " AND instr(h.owner, :owner) > 0";
  if (!f.text.empty()) where += " AND (instr(h.description, :text) > 0 OR instr(h.location, :text) > 0)";
  if (f.supervised) where += " AND EXISTS (SELECT 1 FROM supervision v WHERE v.hazard_id = h.id AND v.removed_on IS NULL)";

  std::string_view order;
  switch (f.sort) {
  case HazardFilter::Sort::found: order = "h.found_on, h.id"; break;
  case HazardFilter::Sort::due: order = "h.due_on IS NULL, h.due_on, h.id"; break;
  case HazardFilter::Sort::overdue: order = "h.due_on IS NULL, h.due_on, h.found_on, h.id"; break;
  case HazardFilter::Sort::id: order = "h.id"; break;
  }
  // An inspection kind kept as the sheet wrote it is listed (and exported) as those words.
  Stmt s(db.sql(), fmt::format("SELECT {}, e.uscc, e.name, coalesce(e.region_code, ''), "
                               "CASE WHEN i.kind = 'other' AND i.kind_text IS NOT NULL THEN i.kind_text "
                               "ELSE coalesce(i.kind, '') END, "
                               "coalesce(i.body, '') FROM hazard h JOIN enterprise e ON e.id = h.enterprise_id "
                               "LEFT JOIN inspection i ON i.id = h.inspection_id WHERE {} ORDER BY {}{}",
                               k_hazard_columns, where, order, f.limit ? " LIMIT :limit" : ""));
  // Bound text must outlive the steps: keep every rendered value here (a deque never moves them).
  std::deque<std::string> keep;
  const auto text = [&](const char* name, std::string value) {
    keep.push_back(std::move(value));
    s.bind(name, keep.back());
  };
  if (f.enterprise) s.bind(":enterprise", f.enterprise->value);
  if (f.inspection) s.bind(":inspection", f.inspection->value);
  for (size_t i = 0; i < f.sectors.size(); ++i) text(fmt::format(":sector{}", i).c_str(), f.sectors[i]);
  if (f.region_range) {
    text(":region_low", f.region_range->first);
    text(":region_high", f.region_range->second);
  }
  for (size_t i = 0; i < f.levels.size(); ++i)
    s.bind(fmt::format(":level{}", i).c_str(), domain::code(f.levels[i]));
  for (size_t i = 0; i < f.statuses.size(); ++i)
    s.bind(fmt::format(":status{}", i).c_str(), domain::code(f.statuses[i]));
  if (f.found_from) text(":found_from", f.found_from->iso());
  if (f.found_to) text(":found_to", f.found_to->iso());
  if (f.overdue_as_of) text(":as_of", f.overdue_as_of->iso());
  if (f.due_from) text(":due_from", f.due_from->iso());
  if (f.due_to) text(":due_to", f.due_to->iso());
  if (!f.owner.empty()) s.bind(":owner", f.owner);
  if (!f.text.empty()) s.bind(":text", f.text);
  if (f.limit) s.bind(":limit", *f.limit);
  HazardListRow r;
  while (s.step()) {
    r.hazard = hazard_from_row(s);
    // The enterprise's and inspection's columns follow the hazard's.
    r.uscc = s.str(k_hazard_column_count);
    r.enterprise_name = s.str(k_hazard_column_count + 1);
    r.region_code = s.str(k_hazard_column_count + 2);
    r.inspection_kind = s.str(k_hazard_column_count + 3);
    r.inspection_body = s.str(k_hazard_column_count + 4);
    row(r);
  }
}

namespace {

constexpr std::string_view k_enterprise_ref_select =
    "SELECT e.id, e.uscc, e.name, coalesce(e.region_code, ''), "
    // position 0 is the primary sector (write_sectors numbers them from 0): a lookup, not a sort per row
    "coalesce((SELECT sector FROM enterprise_sector s WHERE s.enterprise_id = e.id AND s.position = 0), '') "
    "FROM enterprise e";

EnterpriseRef enterprise_ref_from_row(const Stmt& s)
{
  return EnterpriseRef{EnterpriseId{s.int64(0)}, s.str(1), s.str(2), s.str(3), s.str(4)};
}

}  // namespace

std::optional<EnterpriseRef> get_enterprise_ref(Database& db, EnterpriseId id)
{
  Stmt s(db.sql(), fmt::format("{} WHERE e.id = :id", k_enterprise_ref_select));
  s.bind(":id", id.value);
  if (!s.step()) return std::nullopt;
  return enterprise_ref_from_row(s);
}

std::vector<EnterpriseRef> find_enterprise_refs(Database& db, std::string_view uscc, std::string_view name)
{
  Stmt s(db.sql(), fmt::format("{} WHERE e.uscc = :uscc OR e.name = :name ORDER BY e.id LIMIT 10", k_enterprise_ref_select));
  s.bind(":uscc", uscc);
  s.bind(":name", name);
  std::vector<EnterpriseRef> out;
  while (s.step()) out.push_back(enterprise_ref_from_row(s));
  return out;
}

std::vector<EnterpriseRef> find_enterprise_refs_containing(Database& db, std::string_view part, int limit)
{
  Stmt s(db.sql(), fmt::format("{} WHERE instr(e.name, :part) > 0 ORDER BY e.id LIMIT :limit", k_enterprise_ref_select));
  s.bind(":part", part);
  s.bind(":limit", int64_t{limit});
  std::vector<EnterpriseRef> out;
  while (s.step()) out.push_back(enterprise_ref_from_row(s));
  return out;
}

void load_enterprise_refs(Database& db, const std::function<void(EnterpriseRef&&)>& each)
{
  Stmt s(db.sql(), fmt::format("{} ORDER BY e.id", k_enterprise_ref_select));
  while (s.step()) each(enterprise_ref_from_row(s));
}

HazardWriter::HazardWriter(Database& db) : m_db(db) {}

HazardId HazardWriter::insert(Hazard& h, std::string_view now)
{
  if (!m_insert) m_insert.emplace(m_db.sql(), insert_sql());
  const auto id = run_hazard_insert(*m_insert, h, now);
  if (const auto seq = parse_hazard_no(h.no)) {
    auto [it, fresh] = m_seq.try_emplace(seq->first, seq->second);
    if (!fresh) it->second = std::max(it->second, seq->second);
  }
  return id;
}

void HazardWriter::finish()
{
  for (const auto& [year, seq] : m_seq) note_hazard_seq(m_db, year, seq);
  m_seq.clear();
}

void HazardWriter::update(Hazard& h, std::string_view now)
{
  if (!m_update) m_update.emplace(m_db.sql(), update_sql());
  run_hazard_update(*m_update, h, now);
}

HazardEventId HazardWriter::append(const HazardEvent& e)
{
  if (!m_event) m_event.emplace(m_db.sql(), k_event_insert);
  return run_event_insert(*m_event, e);
}

std::optional<Hazard> HazardWriter::find_by_no(std::string_view no)
{
  if (!m_by_no) m_by_no.emplace(m_db.sql(), select_by("h.no = :no COLLATE NOCASE"));
  m_by_no->bind(":no", no);
  return fetch_one(*m_by_no);
}

std::optional<Hazard> HazardWriter::find_by_id(HazardId id)
{
  if (!m_by_id) m_by_id.emplace(m_db.sql(), select_by("h.id = :id"));
  m_by_id->bind(":id", id.value);
  return fetch_one(*m_by_id);
}

std::optional<HazardId> HazardWriter::find_duplicate(EnterpriseId enterprise, Date found_on, std::string_view location,
                                                     std::string_view description)
{
  if (!m_duplicate) m_duplicate.emplace(m_db.sql(), k_duplicate_sql);
  return run_duplicate(*m_duplicate, enterprise, found_on, location, description);
}

}  // namespace ankang::store
