#pragma once
// Letters (意见书, 建议书, 上报) with the hazards they cover and their append-only history, and
// 挂牌督办 (supervision) of major hazards. Optional text is '' in the structs and NULL in the database.
#include "domain/date.hpp"
#include "domain/letter.hpp"
#include "store/database.hpp"
#include "store/ids.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ankang::store {

using LetterId = RowId<struct LetterTag>;
using SupervisionId = RowId<struct SupervisionTag>;

struct Letter {
  LetterId id;
  std::string uuid;  // generated on insert
  domain::LetterKind kind = domain::LetterKind::opinion;
  std::string no;  // 青工劳保意〔2021〕3号
  int year = 0;    // of issued_on
  std::optional<int64_t> seq;
  domain::Date issued_on;
  std::string issuer;
  std::optional<EnterpriseId> enterprise_id;
  std::string addressee;
  std::string text;
  std::string reply_within;  // 15wd
  domain::Date reply_due;
  bool reply_due_provisional = false;  // counted through the provisional calendar
  std::optional<domain::Date> reply_on;
  std::string reply_outcome;  // a code of domain::reply_outcomes(), '' before the reply
  std::string reply_text;
  std::optional<domain::Date> result_on;
  std::string result_text;
  std::optional<LetterId> escalated_from;
  std::string created_at, updated_at;
};

struct LetterEvent {
  LetterId letter_id;
  std::string kind;  // issued, replied, result, escalated, reply_due_recomputed
  std::string actor;
  domain::Date on_date;
  std::string at;
  std::string fields_json;  // '' for none
  std::string note;
};

// A letter named on the command line: its number (exact), or its row id as digits or #ID.
// Throws Error(not_found) "letter X does not exist".
Letter find_letter(Database& db, std::string_view id_or_no);
std::optional<Letter> get_letter(Database& db, LetterId id);
// The letter of this kind and year with this number, if any.
std::optional<LetterId> find_letter_by_no(Database& db, domain::LetterKind kind, int year, std::string_view no);
// The highest sequence number of a kind and year, 0 when none.
int64_t max_letter_seq(Database& db, domain::LetterKind kind, int year);

// Inserts `l` with its hazards (in order) and sets l.id, uuid and timestamps.
LetterId insert_letter(Database& db, Letter& l, const std::vector<HazardId>& hazards, std::string_view now);
// Writes the reply deadline of `l` (reply_due and reply_due_provisional); updated_at = now.
void update_letter_due(Database& db, Letter& l, std::string_view now);
// Letters whose reply deadline was counted through the provisional calendar, oldest first.
std::vector<Letter> list_provisional_letters(Database& db);
// Writes the reply and result columns of `l`; updated_at = now.
void update_letter_reply(Database& db, Letter& l, std::string_view now);
void append_letter_event(Database& db, const LetterEvent& e, std::string_view now);
std::vector<LetterEvent> list_letter_events(Database& db, LetterId id);

std::vector<HazardId> letter_hazards(Database& db, LetterId id);
// The letters issued as escalations of `id`, oldest first.
std::vector<Letter> letter_escalations(Database& db, LetterId id);

struct LetterFilter {
  std::optional<domain::LetterKind> kind;
  std::optional<EnterpriseId> enterprise;  // the letter's enterprise, or one of its hazards'
  std::optional<domain::Date> issued_from, issued_to;  // inclusive
};

struct LetterRow {
  Letter letter;
  std::string enterprise_name;  // '' without an enterprise
  std::string enterprise_uscc;
  int64_t hazards = 0;
  std::optional<domain::Date> escalated_on;  // the first escalation's issue date
  std::string escalated_to;                  // that escalation's number
};

// Oldest first (issued_on, then id).
std::vector<LetterRow> list_letters(Database& db, const LetterFilter& filter);

// The clock of a listed letter, for domain::letter_status.
domain::LetterClock letter_clock(const LetterRow& row);

// ---- 挂牌督办 ---------------------------------------------------------------------------

struct Supervision {
  SupervisionId id;
  std::string uuid;
  HazardId hazard_id;
  std::string body;   // 青海省安委会办公室
  std::string level;  // a code of domain::supervision_levels()
  domain::Date on;
  std::optional<domain::Date> deadline;
  std::optional<domain::Date> removed_on;
  std::string created_at;
};

// The supervision in force on a hazard (not yet removed), if any.
std::optional<Supervision> active_supervision(Database& db, HazardId hazard);
SupervisionId insert_supervision(Database& db, Supervision& s, std::string_view now);
void set_supervision_removed(Database& db, SupervisionId id, domain::Date removed_on);

struct SupervisionRow {
  Supervision supervision;
  std::string hazard_no;
  std::string enterprise_name;
  std::string description;
  std::string status;  // the hazard's stored status code
  std::optional<domain::Date> closed_on;
};

// Supervisions that began on or before `to` and were not removed before `from` (both inclusive),
// oldest first.
std::vector<SupervisionRow> list_supervisions(Database& db, domain::Date from, domain::Date to);

}  // namespace ankang::store

namespace ankang::store {

// ---- the union's work in a period, for reports -------------------------------------------

struct UnionVisit {
  InspectionId id;
  domain::Date date;
  std::string enterprise;
  std::string body;
  std::string inspectors;
  int64_t hazards = 0;  // found on the visit, void ones left out
  int64_t major = 0;
};
// Inspections of kind union dated in [from, to], by date.
std::vector<UnionVisit> union_visits(Database& db, domain::Date from, domain::Date to);

struct UnionHazardClosed {
  std::string no;
  std::string enterprise;
  domain::Date closed_on;
  std::string level;  // stored code
};
// Hazards found on a union visit or covered by a letter, closed in [from, to], by date.
std::vector<UnionHazardClosed> union_hazards_closed(Database& db, domain::Date from, domain::Date to);

}  // namespace ankang::store
