#include "domain/letter.hpp"

#include <catch2/catch.hpp>

using namespace ankang;
using domain::LetterKind;
using domain::LetterStatus;
using domain::parse_date;

TEST_CASE("letter numbers: prefix, kind mark, 〔year〕 and sequence", "[letter]")
{
  CHECK(domain::format_letter_no("青工劳保", LetterKind::opinion, 2021, 3) == "青工劳保意〔2021〕3号");
  CHECK(domain::format_letter_no("青工劳保", LetterKind::proposal, 2021, 1) == "青工劳保建〔2021〕1号");
  CHECK(domain::format_letter_no("青工劳保", LetterKind::report, 2021, 2) == "青工劳保报〔2021〕2号");
}

TEST_CASE("a given number's sequence is read when it ends in 〔year〕N号 of the letter's year", "[letter]")
{
  CHECK(domain::letter_no_seq("青工劳保意〔2021〕7号", 2021) == 7);
  CHECK(domain::letter_no_seq("海工意[2021]12号", 2021) == 12);
  CHECK(domain::letter_no_seq("青工劳保意〔2020〕7号", 2021) == std::nullopt);
  CHECK(domain::letter_no_seq("青工劳保意〔2021〕号", 2021) == std::nullopt);
  CHECK(domain::letter_no_seq("YJ-2021-7", 2021) == std::nullopt);
  CHECK(domain::letter_no_seq("", 2021) == std::nullopt);
}

TEST_CASE("reply outcomes belong to the letter's kind", "[letter]")
{
  CHECK(domain::outcome_allowed(LetterKind::opinion, "rejected"));
  CHECK_FALSE(domain::outcome_allowed(LetterKind::opinion, "case-opened"));
  CHECK(domain::outcome_allowed(LetterKind::proposal, "case-opened"));
  CHECK(domain::outcome_allowed(LetterKind::proposal, "declined"));
  CHECK_FALSE(domain::outcome_allowed(LetterKind::proposal, "accepted"));
  CHECK(domain::outcome_allowed(LetterKind::report, "partial"));
  CHECK(domain::reply_outcomes().parse("已立案") == "case-opened");
  CHECK(domain::letter_kinds().parse("意见书") == "opinion");
  CHECK(domain::default_reply_within(LetterKind::opinion) == "15wd");
  CHECK(domain::default_reply_within(LetterKind::proposal) == "5wd");
}

TEST_CASE("a letter's status as of a day follows its dates", "[letter]")
{
  domain::LetterClock c;
  c.issued_on = parse_date("2021-09-28");
  c.reply_due = parse_date("2021-10-25");
  CHECK(domain::letter_status(c, parse_date("2021-10-25")) == LetterStatus::pending);  // the last day still counts
  CHECK(domain::letter_status(c, parse_date("2021-10-26")) == LetterStatus::overdue);
  c.escalated_on = parse_date("2021-10-26");
  CHECK(domain::letter_status(c, parse_date("2021-10-25")) == LetterStatus::pending);
  CHECK(domain::letter_status(c, parse_date("2021-10-26")) == LetterStatus::escalated);
  c.escalated_on.reset();
  c.reply_on = parse_date("2021-10-20");
  c.reply_outcome = "accepted";
  CHECK(domain::letter_status(c, parse_date("2021-10-19")) == LetterStatus::pending);
  CHECK(domain::letter_status(c, parse_date("2021-10-30")) == LetterStatus::answered);
  c.kind = LetterKind::proposal;
  c.reply_outcome = "case-opened";
  c.result_on = parse_date("2021-11-10");
  CHECK(domain::letter_status(c, parse_date("2021-11-09")) == LetterStatus::answered);
  CHECK(domain::letter_status(c, parse_date("2021-11-10")) == LetterStatus::concluded);
  CHECK(domain::awaiting_reply(LetterStatus::overdue));
  CHECK_FALSE(domain::awaiting_reply(LetterStatus::escalated));
}
