#pragma once
// The union's letters (DESIGN §9, domain §6a): the 意见书 to an enterprise (《工会劳动法律监督办法》
// Art. 20: a written handling opinion within 15 working days), the 建议书 to a competent department
// (Art. 21, 23: a case decision within 5 working days, then the result), and the report (上报) of a
// major problem to the authorities. Pure: numbering, codes, clocks and the status as of a day.
#include "domain/codes.hpp"
#include "domain/date.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace ankang::domain {

enum class LetterKind { opinion, proposal, report };

std::string_view code(LetterKind kind);  // "opinion", "proposal", "report"
std::optional<LetterKind> letter_kind_from_code(std::string_view code);
const CodeSet& letter_kinds();

// The character of the kind in a letter number: 意, 建, 报.
std::string_view letter_number_mark(LetterKind kind);
// The default reply clock of a kind: opinion 15wd (Art. 20), proposal 5wd (Art. 23), report 5wd.
std::string_view default_reply_within(LetterKind kind);

// 青工劳保意〔2021〕3号.
std::string format_letter_no(std::string_view prefix, LetterKind kind, int year, int64_t seq);
// The N of a number ending in 〔YEAR〕N号 (also [YEAR], 〔YEAR〕 with ASCII digits), else nullopt.
std::optional<int64_t> letter_no_seq(std::string_view no, int year);

// Reply outcomes: accepted 采纳, partial 部分采纳, rejected 拒绝 (opinion, report);
// case-opened 立案, declined 不予立案 (proposal).
const CodeSet& reply_outcomes();
bool outcome_allowed(LetterKind kind, std::string_view outcome);

// The levels of an organisation and of a 挂牌督办.
const CodeSet& org_levels();
const CodeSet& supervision_levels();

// A letter's state as of a day, from its dates: the reply and result count once their date is
// reached, so a past period's report shows the letter as it stood then.
enum class LetterStatus { pending, overdue, answered, concluded, escalated };
std::string_view code(LetterStatus status);
const CodeSet& letter_statuses();

struct LetterClock {
  LetterKind kind = LetterKind::opinion;
  Date issued_on;
  Date reply_due;
  std::optional<Date> reply_on;
  std::string reply_outcome;
  std::optional<Date> result_on;
  std::optional<Date> escalated_on;  // the day a proposal escalating it was issued
};

// escalated (an escalation issued by as_of) wins, then concluded (a proposal's result),
// answered (a reply), overdue (no reply and as_of after reply_due), else pending.
LetterStatus letter_status(const LetterClock& clock, Date as_of);
// Still waiting for the addressee as of the day: pending or overdue.
bool awaiting_reply(LetterStatus status);

}  // namespace ankang::domain
