#include "domain/letter.hpp"

#include <array>
#include <fmt/format.h>

namespace ankang::domain {

namespace {

constexpr std::array k_letter_kinds{
    CodeInfo{"opinion", "意见书", "opinion letter", "意见|监督意见书|工会劳动法律监督意见书|opinion_letter"},
    CodeInfo{"proposal", "建议书", "proposal letter", "建议|监督建议书|工会劳动法律监督建议书|proposal_letter"},
    CodeInfo{"report", "上报", "report", "报告|情况报告|上报函"},
};

constexpr std::array k_outcomes{
    CodeInfo{"accepted", "采纳", "accepted", "已采纳|同意|接受|已整改"},
    CodeInfo{"partial", "部分采纳", "partly accepted", "部分|部分整改"},
    CodeInfo{"rejected", "拒绝", "rejected", "不采纳|未采纳|拒绝整改"},
    CodeInfo{"case-opened", "已立案", "case opened", "立案|case_opened"},
    CodeInfo{"declined", "不予立案", "declined", "不立案"},
};

constexpr std::array k_org_levels{
    CodeInfo{"province", "省级", "province", "省|省级工会"},
    CodeInfo{"prefecture", "市（州）级", "prefecture", "市级|州级|市州|市（州）"},
    CodeInfo{"county", "县级", "county", "县|县（区）级|区级"},
    CodeInfo{"industry", "产业", "industry", "产业工会|行业"},
    CodeInfo{"enterprise", "企业", "enterprise", "企业工会|基层"},
};

constexpr std::array k_supervision_levels{
    CodeInfo{"province", "省级", "province", "省|省级督办"},
    CodeInfo{"prefecture", "市（州）级", "prefecture", "市级|州级|市州|市（州）"},
    CodeInfo{"county", "县级", "county", "县|县（区）级|区级"},
};

constexpr std::array k_letter_statuses{
    CodeInfo{"pending", "待回复", "pending", ""},
    CodeInfo{"overdue", "逾期未复", "overdue", "逾期"},
    CodeInfo{"answered", "已回复", "answered", ""},
    CodeInfo{"concluded", "已办结", "concluded", "办结"},
    CodeInfo{"escalated", "已提请", "escalated", "已移送"},
};

constexpr CodeSet k_letter_kind_set{"letter kind", k_letter_kinds};
constexpr CodeSet k_outcome_set{"outcome", k_outcomes};
constexpr CodeSet k_org_level_set{"organisation level", k_org_levels};
constexpr CodeSet k_supervision_level_set{"supervision level", k_supervision_levels};
constexpr CodeSet k_letter_status_set{"letter status", k_letter_statuses};

}  // namespace

std::string_view code(LetterKind kind)
{
  switch (kind) {
  case LetterKind::opinion: return "opinion";
  case LetterKind::proposal: return "proposal";
  case LetterKind::report: return "report";
  }
  return "opinion";
}

std::optional<LetterKind> letter_kind_from_code(std::string_view c)
{
  if (c == "opinion") return LetterKind::opinion;
  if (c == "proposal") return LetterKind::proposal;
  if (c == "report") return LetterKind::report;
  return std::nullopt;
}

const CodeSet& letter_kinds() { return k_letter_kind_set; }
const CodeSet& reply_outcomes() { return k_outcome_set; }
const CodeSet& org_levels() { return k_org_level_set; }
const CodeSet& supervision_levels() { return k_supervision_level_set; }
const CodeSet& letter_statuses() { return k_letter_status_set; }

std::string_view letter_number_mark(LetterKind kind)
{
  switch (kind) {
  case LetterKind::opinion: return "意";
  case LetterKind::proposal: return "建";
  case LetterKind::report: return "报";
  }
  return "意";
}

std::string_view default_reply_within(LetterKind kind) { return kind == LetterKind::opinion ? "15wd" : "5wd"; }

std::string format_letter_no(std::string_view prefix, LetterKind kind, int year, int64_t seq)
{
  return fmt::format("{}{}〔{}〕{}号", prefix, letter_number_mark(kind), year, seq);
}

std::optional<int64_t> letter_no_seq(std::string_view no, int year)
{
  constexpr std::string_view k_hao = "号";
  if (no.size() <= k_hao.size() || no.substr(no.size() - k_hao.size()) != k_hao) return std::nullopt;
  std::string_view rest = no.substr(0, no.size() - k_hao.size());
  size_t digits = 0;
  while (digits < rest.size() && rest[rest.size() - 1 - digits] >= '0' && rest[rest.size() - 1 - digits] <= '9') ++digits;
  if (digits == 0 || digits > 9) return std::nullopt;
  int64_t seq = 0;
  for (char c : rest.substr(rest.size() - digits)) seq = seq * 10 + (c - '0');
  rest = rest.substr(0, rest.size() - digits);
  const std::string y = std::to_string(year);
  for (const auto& [open, close] : {std::pair{"〔", "〕"}, std::pair{"[", "]"}, std::pair{"［", "］"}, std::pair{"(", ")"}}) {
    const std::string tail = open + y + close;
    if (rest.size() >= tail.size() && rest.substr(rest.size() - tail.size()) == tail) return seq;
  }
  return std::nullopt;
}

bool outcome_allowed(LetterKind kind, std::string_view outcome)
{
  if (kind == LetterKind::proposal) return outcome == "case-opened" || outcome == "declined";
  return outcome == "accepted" || outcome == "partial" || outcome == "rejected";
}

std::string_view code(LetterStatus status)
{
  switch (status) {
  case LetterStatus::pending: return "pending";
  case LetterStatus::overdue: return "overdue";
  case LetterStatus::answered: return "answered";
  case LetterStatus::concluded: return "concluded";
  case LetterStatus::escalated: return "escalated";
  }
  return "pending";
}

LetterStatus letter_status(const LetterClock& c, Date as_of)
{
  if (c.escalated_on && *c.escalated_on <= as_of) return LetterStatus::escalated;
  if (c.result_on && *c.result_on <= as_of) return LetterStatus::concluded;
  if (c.reply_on && *c.reply_on <= as_of) return LetterStatus::answered;
  if (as_of > c.reply_due) return LetterStatus::overdue;
  return LetterStatus::pending;
}

bool awaiting_reply(LetterStatus status) { return status == LetterStatus::pending || status == LetterStatus::overdue; }

}  // namespace ankang::domain
