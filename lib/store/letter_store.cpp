#include "store/letter_store.hpp"

#include "error.hpp"
#include "store/statement.hpp"
#include "store/uuid.hpp"

#include <fmt/format.h>

namespace ankang::store {

namespace {

using domain::Date;

constexpr std::string_view k_letter_columns =
    "l.id, l.uuid, l.kind, l.no, l.year, l.seq, l.issued_on, l.issuer, l.enterprise_id, l.addressee, l.text, "
    "l.reply_within, l.reply_due, l.reply_on, l.reply_outcome, l.reply_text, l.result_on, l.result_text, "
    "l.escalated_from, l.created_at, l.updated_at, l.reply_due_provisional";
constexpr int k_letter_column_count = 22;

Date stored_date(std::string_view text, std::string_view what, int64_t id)
{
  std::string why;
  if (auto d = domain::try_parse_date(text, why)) return *d;
  throw Error(ErrorKind::database, fmt::format("{} {} has {} as a date", what, id, quote_value(text)),
              "run 'ankang db check'");
}

std::optional<Date> stored_optional_date(const Stmt& s, int col, std::string_view what, int64_t id)
{
  if (s.is_null(col)) return std::nullopt;
  return stored_date(s.text(col), what, id);
}

Letter letter_from_row(const Stmt& s)
{
  Letter l;
  l.id = LetterId{s.int64(0)};
  l.uuid = s.str(1);
  const auto kind = domain::letter_kind_from_code(s.text(2));
  if (!kind)
    throw Error(ErrorKind::database, fmt::format("letter {} has the unknown kind {}", l.id.value, quote_value(s.text(2))),
                "run 'ankang db check'");
  l.kind = *kind;
  l.no = s.str(3);
  l.year = static_cast<int>(s.int64(4));
  if (!s.is_null(5)) l.seq = s.int64(5);
  l.issued_on = stored_date(s.text(6), "letter", l.id.value);
  l.issuer = s.str(7);
  if (!s.is_null(8)) l.enterprise_id = EnterpriseId{s.int64(8)};
  l.addressee = s.str(9);
  l.text = s.str(10);
  l.reply_within = s.str(11);
  l.reply_due = stored_date(s.text(12), "letter", l.id.value);
  l.reply_on = stored_optional_date(s, 13, "letter", l.id.value);
  l.reply_outcome = s.str(14);
  l.reply_text = s.str(15);
  l.result_on = stored_optional_date(s, 16, "letter", l.id.value);
  l.result_text = s.str(17);
  if (!s.is_null(18)) l.escalated_from = LetterId{s.int64(18)};
  l.created_at = s.str(19);
  l.updated_at = s.str(20);
  l.reply_due_provisional = s.int64(21) != 0;
  return l;
}

void bind_optional_date(Stmt& s, const char* name, const std::optional<Date>& d, std::string& keep)
{
  if (d) {
    keep = d->iso();
    s.bind(name, keep);
  } else {
    s.bind_null(name);
  }
}

Supervision supervision_from_row(const Stmt& s)
{
  Supervision v;
  v.id = SupervisionId{s.int64(0)};
  v.uuid = s.str(1);
  v.hazard_id = HazardId{s.int64(2)};
  v.body = s.str(3);
  v.level = s.str(4);
  v.on = stored_date(s.text(5), "supervision", v.id.value);
  v.deadline = stored_optional_date(s, 6, "supervision", v.id.value);
  v.removed_on = stored_optional_date(s, 7, "supervision", v.id.value);
  v.created_at = s.str(8);
  return v;
}

constexpr std::string_view k_supervision_columns =
    "v.id, v.uuid, v.hazard_id, v.body, v.level, v.on_date, v.deadline, v.removed_on, v.created_at";

}  // namespace

std::optional<Letter> get_letter(Database& db, LetterId id)
{
  Stmt s(db.sql(), fmt::format("SELECT {} FROM letter l WHERE l.id = :id", k_letter_columns));
  s.bind(":id", id.value);
  if (!s.step()) return std::nullopt;
  return letter_from_row(s);
}

Letter find_letter(Database& db, std::string_view text)
{
  {
    Stmt s(db.sql(), fmt::format("SELECT {} FROM letter l WHERE l.no = :no ORDER BY l.id LIMIT 1", k_letter_columns));
    s.bind(":no", text);
    if (s.step()) return letter_from_row(s);
  }
  std::string_view digits = text;
  if (!digits.empty() && digits.front() == '#') digits.remove_prefix(1);
  bool ok = !digits.empty() && digits.size() <= 18;
  int64_t id = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') {
      ok = false;
      break;
    }
    id = id * 10 + (c - '0');
  }
  if (ok)
    if (auto l = get_letter(db, LetterId{id})) return std::move(*l);
  throw Error(ErrorKind::not_found, fmt::format("letter {} does not exist", quote_value(text)),
              "name it by its number or id; 'ankang letter list' shows them");
}

std::optional<LetterId> find_letter_by_no(Database& db, domain::LetterKind kind, int year, std::string_view no)
{
  Stmt s(db.sql(), "SELECT id FROM letter WHERE kind = :kind AND year = :year AND no = :no");
  s.bind(":kind", domain::code(kind));
  s.bind(":year", int64_t{year});
  s.bind(":no", no);
  if (!s.step()) return std::nullopt;
  return LetterId{s.int64(0)};
}

int64_t max_letter_seq(Database& db, domain::LetterKind kind, int year)
{
  Stmt s(db.sql(), "SELECT coalesce(max(seq), 0) FROM letter WHERE kind = :kind AND year = :year");
  s.bind(":kind", domain::code(kind));
  s.bind(":year", int64_t{year});
  s.step();
  return s.int64(0);
}

LetterId insert_letter(Database& db, Letter& l, const std::vector<HazardId>& hazards, std::string_view now)
{
  if (l.uuid.empty()) l.uuid = new_uuid(now);
  l.created_at = l.updated_at = std::string(now);
  Stmt s(db.sql(),
         "INSERT INTO letter (uuid, kind, no, year, seq, issued_on, issuer, enterprise_id, addressee, text, reply_within, "
         "reply_due, reply_due_provisional, reply_on, reply_outcome, reply_text, result_on, result_text, escalated_from, "
         "created_at, updated_at) "
         "VALUES (:uuid, :kind, :no, :year, :seq, :issued_on, :issuer, :enterprise, :addressee, :text, :within, :due, "
         ":provisional, :reply_on, :outcome, :reply_text, :result_on, :result_text, :from, :now, :now)");
  const std::string issued = l.issued_on.iso(), due = l.reply_due.iso();
  std::string reply_on, result_on;
  s.bind(":uuid", l.uuid);
  s.bind(":kind", domain::code(l.kind));
  s.bind(":no", l.no);
  s.bind(":year", int64_t{l.year});
  if (l.seq) s.bind(":seq", *l.seq);
  s.bind(":issued_on", issued);
  s.bind(":issuer", l.issuer);
  if (l.enterprise_id) s.bind(":enterprise", l.enterprise_id->value);
  s.bind(":addressee", l.addressee);
  s.bind_text_or_null(":text", l.text);
  s.bind(":within", l.reply_within);
  s.bind(":due", due);
  s.bind(":provisional", int64_t{l.reply_due_provisional ? 1 : 0});
  bind_optional_date(s, ":reply_on", l.reply_on, reply_on);
  s.bind_text_or_null(":outcome", l.reply_outcome);
  s.bind_text_or_null(":reply_text", l.reply_text);
  bind_optional_date(s, ":result_on", l.result_on, result_on);
  s.bind_text_or_null(":result_text", l.result_text);
  if (l.escalated_from) s.bind(":from", l.escalated_from->value);
  s.bind(":now", now);
  s.run();
  l.id = LetterId{s.last_insert_rowid()};

  Stmt h(db.sql(), "INSERT INTO letter_hazard (letter_id, hazard_id, position) VALUES (:letter, :hazard, :position)");
  int64_t position = 0;
  for (const auto id : hazards) {
    h.bind(":letter", l.id.value);
    h.bind(":hazard", id.value);
    h.bind(":position", position++);
    h.run();
    h.reset();
  }
  return l.id;
}

void update_letter_due(Database& db, Letter& l, std::string_view now)
{
  l.updated_at = std::string(now);
  Stmt s(db.sql(), "UPDATE letter SET reply_due = :due, reply_due_provisional = :provisional, updated_at = :now "
                   "WHERE id = :id");
  const std::string due = l.reply_due.iso();
  s.bind(":due", due);
  s.bind(":provisional", int64_t{l.reply_due_provisional ? 1 : 0});
  s.bind(":now", now);
  s.bind(":id", l.id.value);
  s.run();
}

std::vector<Letter> list_provisional_letters(Database& db)
{
  Stmt s(db.sql(), fmt::format("SELECT {} FROM letter l WHERE l.reply_due_provisional = 1 ORDER BY l.issued_on, l.id",
                               k_letter_columns));
  std::vector<Letter> out;
  while (s.step()) out.push_back(letter_from_row(s));
  return out;
}

void update_letter_reply(Database& db, Letter& l, std::string_view now)
{
  l.updated_at = std::string(now);
  Stmt s(db.sql(), "UPDATE letter SET reply_on = :reply_on, reply_outcome = :outcome, reply_text = :reply_text, "
                   "result_on = :result_on, result_text = :result_text, updated_at = :now WHERE id = :id");
  std::string reply_on, result_on;
  bind_optional_date(s, ":reply_on", l.reply_on, reply_on);
  s.bind_text_or_null(":outcome", l.reply_outcome);
  s.bind_text_or_null(":reply_text", l.reply_text);
  bind_optional_date(s, ":result_on", l.result_on, result_on);
  s.bind_text_or_null(":result_text", l.result_text);
  s.bind(":now", now);
  s.bind(":id", l.id.value);
  s.run();
}

void append_letter_event(Database& db, const LetterEvent& e, std::string_view now)
{
  Stmt s(db.sql(), "INSERT INTO letter_event (uuid, letter_id, kind, actor, on_date, at, fields, note) "
                   "VALUES (:uuid, :letter, :kind, :actor, :on, :at, :fields, :note)");
  const std::string uuid = new_uuid(now), on = e.on_date.iso();
  s.bind(":uuid", uuid);
  s.bind(":letter", e.letter_id.value);
  s.bind(":kind", e.kind);
  s.bind(":actor", e.actor);
  s.bind(":on", on);
  s.bind(":at", e.at);
  s.bind_text_or_null(":fields", e.fields_json);
  s.bind_text_or_null(":note", e.note);
  s.run();
}

std::vector<LetterEvent> list_letter_events(Database& db, LetterId id)
{
  Stmt s(db.sql(), "SELECT kind, actor, on_date, at, fields, note FROM letter_event WHERE letter_id = :id ORDER BY id");
  s.bind(":id", id.value);
  std::vector<LetterEvent> out;
  while (s.step()) {
    LetterEvent e;
    e.letter_id = id;
    e.kind = s.str(0);
    e.actor = s.str(1);
    e.on_date = stored_date(s.text(2), "letter", id.value);
    e.at = s.str(3);
    e.fields_json = s.str(4);
    e.note = s.str(5);
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<HazardId> letter_hazards(Database& db, LetterId id)
{
  Stmt s(db.sql(), "SELECT hazard_id FROM letter_hazard WHERE letter_id = :id ORDER BY position");
  s.bind(":id", id.value);
  std::vector<HazardId> out;
  while (s.step()) out.push_back(HazardId{s.int64(0)});
  return out;
}

std::vector<Letter> letter_escalations(Database& db, LetterId id)
{
  Stmt s(db.sql(), fmt::format("SELECT {} FROM letter l WHERE l.escalated_from = :id ORDER BY l.issued_on, l.id", k_letter_columns));
  s.bind(":id", id.value);
  std::vector<Letter> out;
  while (s.step()) out.push_back(letter_from_row(s));
  return out;
}

std::vector<LetterRow> list_letters(Database& db, const LetterFilter& filter)
{
  std::string where = "1";
  if (filter.kind) where += " AND l.kind = :kind";
  if (filter.enterprise)
    where += " AND (l.enterprise_id = :enterprise OR EXISTS (SELECT 1 FROM letter_hazard lh JOIN hazard h ON h.id = lh.hazard_id "
             "WHERE lh.letter_id = l.id AND h.enterprise_id = :enterprise))";
  if (filter.issued_from) where += " AND l.issued_on >= :from";
  if (filter.issued_to) where += " AND l.issued_on <= :to";
  Stmt s(db.sql(),
         fmt::format("SELECT {}, coalesce(e.name, ''), coalesce(e.uscc, ''), "
                     "(SELECT count(*) FROM letter_hazard lh WHERE lh.letter_id = l.id), "
                     "(SELECT x.issued_on FROM letter x WHERE x.escalated_from = l.id ORDER BY x.issued_on, x.id LIMIT 1), "
                     "(SELECT x.no FROM letter x WHERE x.escalated_from = l.id ORDER BY x.issued_on, x.id LIMIT 1) "
                     "FROM letter l LEFT JOIN enterprise e ON e.id = l.enterprise_id WHERE {} ORDER BY l.issued_on, l.id",
                     k_letter_columns, where));
  const std::string kind = filter.kind ? std::string(domain::code(*filter.kind)) : "";
  const std::string from = filter.issued_from ? filter.issued_from->iso() : "";
  const std::string to = filter.issued_to ? filter.issued_to->iso() : "";
  if (filter.kind) s.bind(":kind", kind);
  if (filter.enterprise) s.bind(":enterprise", filter.enterprise->value);
  if (filter.issued_from) s.bind(":from", from);
  if (filter.issued_to) s.bind(":to", to);
  std::vector<LetterRow> out;
  while (s.step()) {
    LetterRow r;
    r.letter = letter_from_row(s);
    r.enterprise_name = s.str(k_letter_column_count);
    r.enterprise_uscc = s.str(k_letter_column_count + 1);
    r.hazards = s.int64(k_letter_column_count + 2);
    r.escalated_on = stored_optional_date(s, k_letter_column_count + 3, "letter", r.letter.id.value);
    r.escalated_to = s.str(k_letter_column_count + 4);
    out.push_back(std::move(r));
  }
  return out;
}

domain::LetterClock letter_clock(const LetterRow& r)
{
  domain::LetterClock c;
  c.kind = r.letter.kind;
  c.issued_on = r.letter.issued_on;
  c.reply_due = r.letter.reply_due;
  c.reply_on = r.letter.reply_on;
  c.reply_outcome = r.letter.reply_outcome;
  c.result_on = r.letter.result_on;
  c.escalated_on = r.escalated_on;
  return c;
}

// ---- 挂牌督办 ---------------------------------------------------------------------------

std::optional<Supervision> active_supervision(Database& db, HazardId hazard)
{
  Stmt s(db.sql(), fmt::format("SELECT {} FROM supervision v WHERE v.hazard_id = :hazard AND v.removed_on IS NULL",
                               k_supervision_columns));
  s.bind(":hazard", hazard.value);
  if (!s.step()) return std::nullopt;
  return supervision_from_row(s);
}

SupervisionId insert_supervision(Database& db, Supervision& v, std::string_view now)
{
  if (v.uuid.empty()) v.uuid = new_uuid(now);
  v.created_at = std::string(now);
  Stmt s(db.sql(), "INSERT INTO supervision (uuid, hazard_id, body, level, on_date, deadline, removed_on, created_at) "
                   "VALUES (:uuid, :hazard, :body, :level, :on, :deadline, NULL, :now)");
  const std::string on = v.on.iso();
  std::string deadline;
  s.bind(":uuid", v.uuid);
  s.bind(":hazard", v.hazard_id.value);
  s.bind(":body", v.body);
  s.bind(":level", v.level);
  s.bind(":on", on);
  bind_optional_date(s, ":deadline", v.deadline, deadline);
  s.bind(":now", now);
  s.run();
  v.id = SupervisionId{s.last_insert_rowid()};
  return v.id;
}

void set_supervision_removed(Database& db, SupervisionId id, Date removed_on)
{
  Stmt s(db.sql(), "UPDATE supervision SET removed_on = :removed WHERE id = :id");
  const std::string removed = removed_on.iso();
  s.bind(":removed", removed);
  s.bind(":id", id.value);
  s.run();
}

std::vector<SupervisionRow> list_supervisions(Database& db, Date from, Date to)
{
  Stmt s(db.sql(), fmt::format("SELECT {}, h.no, e.name, h.description, h.status, h.closed_on FROM supervision v "
                               "JOIN hazard h ON h.id = v.hazard_id JOIN enterprise e ON e.id = h.enterprise_id "
                               "WHERE v.on_date <= :to AND (v.removed_on IS NULL OR v.removed_on >= :from) "
                               "ORDER BY v.on_date, v.id",
                               k_supervision_columns));
  const std::string f = from.iso(), t = to.iso();
  s.bind(":from", f);
  s.bind(":to", t);
  std::vector<SupervisionRow> out;
  while (s.step()) {
    SupervisionRow r;
    r.supervision = supervision_from_row(s);
    r.hazard_no = s.str(9);
    r.enterprise_name = s.str(10);
    r.description = s.str(11);
    r.status = s.str(12);
    r.closed_on = stored_optional_date(s, 13, "hazard", r.supervision.hazard_id.value);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace ankang::store

namespace ankang::store {

std::vector<UnionVisit> union_visits(Database& db, domain::Date from, domain::Date to)
{
  Stmt s(db.sql(), "SELECT i.id, i.date, e.name, coalesce(i.body, ''), i.inspectors, "
                   "(SELECT count(*) FROM hazard h WHERE h.inspection_id = i.id AND h.status <> 'void'), "
                   "(SELECT count(*) FROM hazard h WHERE h.inspection_id = i.id AND h.status <> 'void' AND h.level = 'major') "
                   "FROM inspection i JOIN enterprise e ON e.id = i.enterprise_id "
                   "WHERE i.kind = 'union' AND i.date >= :from AND i.date <= :to ORDER BY i.date, i.id");
  const std::string f = from.iso(), t = to.iso();
  s.bind(":from", f);
  s.bind(":to", t);
  std::vector<UnionVisit> out;
  while (s.step()) {
    UnionVisit v;
    v.id = InspectionId{s.int64(0)};
    std::string why;
    const auto d = domain::try_parse_date(s.text(1), why);
    if (!d)
      throw Error(ErrorKind::database, fmt::format("inspection {} has {} as its date", v.id.value, quote_value(s.text(1))),
                  "run 'ankang db check'");
    v.date = *d;
    v.enterprise = s.str(2);
    v.body = s.str(3);
    v.inspectors = s.str(4);
    v.hazards = s.int64(5);
    v.major = s.int64(6);
    out.push_back(std::move(v));
  }
  return out;
}

std::vector<UnionHazardClosed> union_hazards_closed(Database& db, domain::Date from, domain::Date to)
{
  Stmt s(db.sql(), "SELECT h.no, e.name, h.closed_on, h.level FROM hazard h JOIN enterprise e ON e.id = h.enterprise_id "
                   "WHERE h.closed_on >= :from AND h.closed_on <= :to AND h.status = 'closed' AND "
                   "(EXISTS (SELECT 1 FROM letter_hazard lh WHERE lh.hazard_id = h.id) OR "
                   " EXISTS (SELECT 1 FROM inspection i WHERE i.id = h.inspection_id AND i.kind = 'union')) "
                   "ORDER BY h.closed_on, h.id");
  const std::string f = from.iso(), t = to.iso();
  s.bind(":from", f);
  s.bind(":to", t);
  std::vector<UnionHazardClosed> out;
  while (s.step()) {
    UnionHazardClosed h;
    h.no = s.str(0);
    h.enterprise = s.str(1);
    std::string why;
    const auto d = domain::try_parse_date(s.text(2), why);
    if (!d) continue;
    h.closed_on = *d;
    h.level = s.str(3);
    out.push_back(std::move(h));
  }
  return out;
}

}  // namespace ankang::store
