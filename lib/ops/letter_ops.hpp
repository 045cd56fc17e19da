#pragma once
// The union's own work (DESIGN §9): the organisation, its letters and their working-day clocks
// (domain §6a), escalation. Each write is one transaction. Inputs are the user's text; a bad value
// is an Error naming the option and the value.
#include "domain/calendar.hpp"
#include "domain/letter.hpp"
#include "ops/hazard_ops.hpp"
#include "store/database.hpp"
#include "store/hazard_store.hpp"
#include "store/letter_store.hpp"
#include "store/org_store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ankang::ops {

// ---- org --------------------------------------------------------------------------------

struct OrgInput {
  std::optional<std::string> name, short_name, level, region, letter_prefix;
};

// Sets the organisation: the first time name, short name and level are required; later, the
// values given replace the stored ones. The letter prefix defaults to the short name.
store::Org set_org(store::Database& db, const OrgInput& input, std::string_view now);
// Throws Error(invalid_input) with the 'ankang org set' hint when none is set.
store::Org require_org(store::Database& db);

// ---- letters ----------------------------------------------------------------------------

struct LetterRequest {
  domain::LetterKind kind = domain::LetterKind::opinion;
  std::string enterprise;            // opinion: the addressee; proposal: with hazards instead of about
  std::string to;                    // proposal, report: the department
  std::string about;                 // proposal: the letter it follows (its hazards and enterprise)
  std::vector<std::string> hazards;  // ids or numbers
  std::string no;                    // given number; default: the next of the kind and year
  std::string reply_within;          // 15wd, 5wd, 60d; default by kind
  std::string text;
};

struct IssuedLetter {
  store::Letter letter;
  std::vector<store::Hazard> hazards;
};

IssuedLetter issue_letter(store::Database& db, const LetterRequest& request, const Actor& actor);

// A reply (意见书: accepted, partial, rejected; 建议书: case-opened, declined).
store::Letter reply_letter(store::Database& db, std::string_view letter, std::string_view outcome, std::string_view text,
                           const Actor& actor);
// The result a department fed back on a proposal whose case it opened.
store::Letter record_result(store::Database& db, std::string_view letter, std::string_view text, const Actor& actor);
// From an opinion letter that is overdue or rejected as of the business date: the proposal to
// `to` covering the same hazards, linked to it.
IssuedLetter escalate_letter(store::Database& db, std::string_view letter, std::string_view to, std::string_view no,
                             std::string_view reply_within, std::string_view text, const Actor& actor);

// A letter with its clock as of a day.
struct LetterState {
  store::LetterRow row;
  domain::LetterStatus status = domain::LetterStatus::pending;
  // Working days from as_of to reply_due while awaiting a reply: >= 0 left, < 0 overdue by -n.
  std::optional<int> working_days_left;
};

struct LetterQuery {
  store::LetterFilter filter;
  bool pending = false;  // awaiting a reply (pending or overdue)
  bool overdue = false;
};

std::vector<LetterState> list_letter_states(store::Database& db, const LetterQuery& query, domain::Date as_of);

struct LetterHazard {
  store::Hazard hazard;
  std::string enterprise;  // its name
  bool supervised = false;  // under 挂牌督办 now
};
// The hazards a letter covers, in its order.
std::vector<LetterHazard> letter_hazard_details(store::Database& db, store::LetterId id);

struct LetterDetails {
  LetterState state;
  std::vector<LetterHazard> hazards;
  std::vector<store::Letter> chain;  // root first: opinion → proposal …, this letter included
  std::vector<store::LetterEvent> events;
};
LetterDetails show_letter(store::Database& db, std::string_view letter, domain::Date as_of);

}  // namespace ankang::ops
