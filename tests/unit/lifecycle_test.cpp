#include "domain/lifecycle.hpp"
#include "error.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <string>

using namespace ankang::domain;
using ankang::Error;
using ankang::ErrorKind;

namespace {

Date d(const char* iso) { return parse_date(iso); }

LifecycleState general_open()
{
  LifecycleState s;
  s.no = "YH-2021-000001";
  s.level = HazardLevel::general;
  s.status = HazardStatus::open;
  s.found_on = d("2021-08-16");
  return s;
}

LifecycleState major_open()
{
  LifecycleState s = general_open();
  s.no = "YH-2021-000002";
  s.level = HazardLevel::major;
  s.basis = "煤矿重大事故隐患判定标准 第十二条";
  return s;
}

PlanRequest full_plan()
{
  PlanRequest r;
  r.owner = "张伟";
  r.owner_dept = "综采一队";
  r.measures = "更换锈蚀支护，补打锚杆";
  r.funds = Money{5'000'000};
  r.emergency_plan = "顶板事故专项应急预案";
  r.due_on = d("2021-08-30");
  return r;
}

LifecycleState in_status(HazardStatus status, HazardLevel level = HazardLevel::general)
{
  LifecycleState s = level == HazardLevel::major ? major_open() : general_open();
  if (status == HazardStatus::open) return s;
  s = plan(s, full_plan(), d("2021-08-17")).after;
  if (status == HazardStatus::rectifying) return s;
  if (status == HazardStatus::void_) return void_hazard(s, "重复登记", d("2021-08-18")).after;
  s = done(s, "", d("2021-08-20")).after;
  if (status == HazardStatus::submitted) return s;
  return verify(s, "李娜", true, "", d("2021-08-23")).after;
}

// The exact message and hint of the Error a call throws, and its kind.
struct Thrown {
  ErrorKind kind;
  std::string message;
  std::string hint;
};

Thrown thrown_by(const std::function<void()>& call)
{
  try {
    call();
  } catch (const Error& e) {
    return {e.kind(), e.what(), e.hint()};
  }
  FAIL("no error was thrown");
  return {};
}

std::string fmt_message(const std::string& action, const std::string& display)
{
  const auto at = action.find("{}");
  return "cannot " + action.substr(0, at) + "hazard YH-2021-000001" + action.substr(at + 2) + ": it is " + display;
}

}  // namespace

TEST_CASE("statuses are shown with their label and code", "[lifecycle]")
{
  CHECK(status_display(HazardStatus::closed) == "已销号 (closed)");
  CHECK(status_display(HazardStatus::rectifying) == "整改中 (rectifying)");
  CHECK(status_display(HazardStatus::void_) == "已作废 (void)");
}

TEST_CASE("plan moves an open hazard to rectifying and records what it set", "[lifecycle]")
{
  const auto t = plan(general_open(), full_plan(), d("2021-08-17"));
  CHECK(t.event_kind == "planned");
  CHECK(t.from == HazardStatus::open);
  CHECK(t.to == HazardStatus::rectifying);
  CHECK(t.after.status == HazardStatus::rectifying);
  REQUIRE(t.changes.size() == 6);
  CHECK(t.changes[0] == ChangedField{"due_on", std::nullopt, std::string("2021-08-30")});
  CHECK(t.changes[1] == ChangedField{"owner", std::nullopt, std::string("张伟")});
  CHECK(t.changes[2].field == "owner_dept");
  CHECK(t.changes[3].field == "measures");
  CHECK(t.changes[4] == ChangedField{"funds", std::nullopt, std::string("50000.00")});
  CHECK(t.changes[5].field == "emergency_plan");
}

TEST_CASE("plan keeps stored values the request does not replace", "[lifecycle]")
{
  LifecycleState s = general_open();
  s.due_on = d("2021-08-30");  // from a deadline rule
  PlanRequest r;
  r.owner = "张伟";
  r.measures = "加装防护罩";
  const auto t = plan(s, r, d("2021-08-17"));
  CHECK(t.after.due_on == d("2021-08-30"));
  REQUIRE(t.changes.size() == 2);
  CHECK(t.changes[0].field == "owner");
  CHECK(t.changes[1].field == "measures");
}

TEST_CASE("a general hazard needs owner, measures and deadline to start rectification", "[lifecycle]")
{
  PlanRequest r;
  r.owner = "张伟";
  const auto e = thrown_by([&] { plan(general_open(), r, d("2021-08-17")); });
  CHECK(e.kind == ErrorKind::invalid_input);
  CHECK(e.message ==
        "hazard YH-2021-000001 cannot start rectification without owner, measures and deadline: missing measures "
        "(措施), deadline (时限)");
  r.owner = "";  // blank counts as missing
  r.measures = "加装防护罩";
  r.due_on = d("2021-08-30");
  CHECK(thrown_by([&] { plan(general_open(), r, d("2021-08-17")); }).message ==
        "hazard YH-2021-000001 cannot start rectification without owner, measures and deadline: missing owner (责任)");
}

TEST_CASE("a major hazard cannot start rectification without its whole 五落实 and basis", "[lifecycle]")
{
  CHECK(plan(major_open(), full_plan(), d("2021-08-17")).after.status == HazardStatus::rectifying);

  struct Case {
    std::function<void(PlanRequest&, LifecycleState&)> drop;
    const char* missing;
  };
  const Case cases[] = {
      {[](PlanRequest& r, LifecycleState&) { r.owner.reset(); }, "owner (责任)"},
      {[](PlanRequest& r, LifecycleState&) { r.measures.reset(); }, "measures (措施)"},
      {[](PlanRequest& r, LifecycleState&) { r.funds.reset(); }, "funds (资金)"},
      {[](PlanRequest& r, LifecycleState&) { r.due_on.reset(); }, "deadline (时限)"},
      {[](PlanRequest& r, LifecycleState&) { r.emergency_plan.reset(); }, "emergency plan (预案)"},
      {[](PlanRequest&, LifecycleState& s) { s.basis.reset(); }, "basis (判定依据)"},
  };
  for (const auto& c : cases) {
    PlanRequest r = full_plan();
    LifecycleState s = major_open();
    c.drop(r, s);
    const auto e = thrown_by([&] { plan(s, r, d("2021-08-17")); });
    CHECK(e.kind == ErrorKind::invalid_input);
    CHECK(e.message ==
          std::string("major hazard YH-2021-000002 cannot start rectification without its 五落实: missing ") + c.missing);
  }

  PlanRequest r = full_plan();
  r.funds.reset();
  r.emergency_plan.reset();
  CHECK(thrown_by([&] { plan(major_open(), r, d("2021-08-17")); }).message ==
        "major hazard YH-2021-000002 cannot start rectification without its 五落实: missing funds (资金), emergency plan "
        "(预案)");
  CHECK(missing_rectification_plan(major_open()) ==
        std::vector<std::string>{"owner (责任)", "measures (措施)", "funds (资金)", "deadline (时限)",
                                 "emergency plan (预案)"});
}

TEST_CASE("plan refuses a deadline before the business date and a date before the finding", "[lifecycle]")
{
  PlanRequest r = full_plan();
  r.due_on = d("2021-08-16");
  CHECK(thrown_by([&] { plan(general_open(), r, d("2021-08-17")); }).message ==
        "deadline 2021-08-16 of hazard YH-2021-000001 is before the business date 2021-08-17");
  const auto e = thrown_by([&] { plan(general_open(), full_plan(), d("2021-08-15")); });
  CHECK(e.kind == ErrorKind::invalid_input);
  CHECK(e.message == "business date 2021-08-15 is before hazard YH-2021-000001 was found on 2021-08-16");
}

TEST_CASE("progress records a note and changes nothing", "[lifecycle]")
{
  const auto s = in_status(HazardStatus::rectifying);
  const auto t = progress(s, "已完成50%", d("2021-08-19"));
  CHECK(t.event_kind == "progress");
  CHECK(t.from == HazardStatus::rectifying);
  CHECK(t.to == HazardStatus::rectifying);
  CHECK(t.changes.empty());
  CHECK(t.note == "已完成50%");
  CHECK(thrown_by([&] { progress(s, "  ", d("2021-08-19")); }).message ==
        "recording progress on hazard YH-2021-000001 needs a note");
}

TEST_CASE("extend moves the deadline later, counts the extension and stays rectifying", "[lifecycle]")
{
  const auto s = in_status(HazardStatus::rectifying);
  const auto t = extend(s, d("2021-09-10"), "备件未到货", d("2021-08-25"));
  CHECK(t.event_kind == "extended");
  CHECK(t.to == HazardStatus::rectifying);
  CHECK(t.after.extensions == 1);
  REQUIRE(t.changes.size() == 2);
  CHECK(t.changes[0] == ChangedField{"due_on", std::string("2021-08-30"), std::string("2021-09-10")});
  CHECK(t.changes[1] == ChangedField{"extensions", std::string("0"), std::string("1")});
  CHECK(extend(t.after, d("2021-09-20"), "再次延期", d("2021-09-01")).after.extensions == 2);

  CHECK(thrown_by([&] { extend(s, d("2021-08-30"), "x", d("2021-08-25")); }).message ==
        "new deadline 2021-08-30 of hazard YH-2021-000001 is not after its current deadline 2021-08-30");
  CHECK(thrown_by([&] { extend(s, d("2021-09-10"), "", d("2021-08-25")); }).message ==
        "extending hazard YH-2021-000001 needs a reason");
  CHECK(thrown_by([&] { extend(s, d("2021-09-01"), "x", d("2021-09-02")); }).message ==
        "new deadline 2021-09-01 of hazard YH-2021-000001 is before the business date 2021-09-02");
}

TEST_CASE("done submits the work for verification, completed on the business date", "[lifecycle]")
{
  const auto t = done(in_status(HazardStatus::rectifying), "已更换", d("2021-08-20"));
  CHECK(t.event_kind == "done");
  CHECK(t.to == HazardStatus::submitted);
  CHECK(t.after.completed_on == d("2021-08-20"));
  REQUIRE(t.changes.size() == 1);
  CHECK(t.changes[0] == ChangedField{"completed_on", std::nullopt, std::string("2021-08-20")});
}

TEST_CASE("done --on-spot closes an open general hazard at once", "[lifecycle]")
{
  const auto t = done_on_spot(general_open(), "王强", "现场整改", d("2021-08-16"));
  CHECK(t.event_kind == "on_spot");
  CHECK(t.from == HazardStatus::open);
  CHECK(t.to == HazardStatus::closed);
  CHECK(t.after.completed_on == d("2021-08-16"));
  CHECK(t.after.verified_on == d("2021-08-16"));
  CHECK(t.after.closed_on == d("2021-08-16"));
  CHECK(t.after.verified_by == "王强");
  CHECK(t.after.on_spot);
  REQUIRE(t.changes.size() == 5);
  CHECK(t.changes[4] == ChangedField{"on_spot", std::string("0"), std::string("1")});

  const auto e = thrown_by([&] { done_on_spot(major_open(), "王强", "", d("2021-08-16")); });
  CHECK(e.kind == ErrorKind::conflict);
  CHECK(e.message == "cannot close major hazard YH-2021-000002 on the spot: 即查即改 is for general hazards only");
  CHECK(e.hint == "allowed: plan, void");
}

TEST_CASE("verify --pass closes the hazard on the business date; --fail sends it back", "[lifecycle]")
{
  const auto s = in_status(HazardStatus::submitted);
  const auto pass = verify(s, "李娜", true, "验收合格", d("2021-08-23"));
  CHECK(pass.event_kind == "verified");
  CHECK(pass.to == HazardStatus::closed);
  CHECK(pass.after.verified_on == d("2021-08-23"));
  CHECK(pass.after.closed_on == d("2021-08-23"));
  CHECK(pass.after.verified_by == "李娜");
  REQUIRE(pass.changes.size() == 3);
  CHECK(pass.changes[0].field == "verified_on");
  CHECK(pass.changes[1].field == "verified_by");
  CHECK(pass.changes[2].field == "closed_on");

  const auto fail = verify(s, "李娜", false, "锚杆间距不符合要求", d("2021-08-23"));
  CHECK(fail.event_kind == "rejected");
  CHECK(fail.to == HazardStatus::rectifying);
  CHECK_FALSE(fail.after.completed_on);
  CHECK_FALSE(fail.after.closed_on);
  REQUIRE(fail.changes.size() == 2);
  CHECK(fail.changes[0] == ChangedField{"completed_on", std::string("2021-08-20"), std::nullopt});
  CHECK(fail.changes[1] == ChangedField{"verified_by", std::nullopt, std::string("李娜")});
  // The loop goes on after a failed verification.
  CHECK(done(fail.after, "", d("2021-08-25")).after.status == HazardStatus::submitted);
}

TEST_CASE("the verifier may not be the owner", "[lifecycle]")
{
  const auto s = in_status(HazardStatus::submitted);
  for (bool pass : {true, false}) {
    const auto e = thrown_by([&] { verify(s, "张伟", pass, "", d("2021-08-23")); });
    CHECK(e.kind == ErrorKind::conflict);
    CHECK(e.message == "verifier 张伟 is the owner of hazard YH-2021-000001: verification must be by someone else");
  }
  CHECK(thrown_by([&] { verify(s, "李娜", true, "", d("2021-08-19")); }).message ==
        "business date 2021-08-19 is before hazard YH-2021-000001 was completed on 2021-08-20");
}

TEST_CASE("reopen sends a closed hazard back to rectifying with a reason", "[lifecycle]")
{
  const auto s = in_status(HazardStatus::closed);
  const auto t = reopen(s, "复查发现支护再次松动", d("2021-09-01"));
  CHECK(t.event_kind == "reopened");
  CHECK(t.to == HazardStatus::rectifying);
  CHECK_FALSE(t.after.closed_on);
  // A fresh start: the old completion and verification leave the current state (the history
  // keeps them); the deadline stays unless a new one is given.
  CHECK_FALSE(t.after.completed_on);
  CHECK_FALSE(t.after.verified_on);
  CHECK_FALSE(t.after.verified_by);
  CHECK(t.after.due_on == s.due_on);
  CHECK(t.after.extensions == s.extensions);
  bool closed_cleared = false;
  for (const auto& c : t.changes)
    if (c == ChangedField{"closed_on", std::string("2021-08-23"), std::nullopt}) closed_cleared = true;
  CHECK(closed_cleared);
  const auto fresh = reopen(s, "复查发现支护再次松动", d("2021-09-01"), d("2021-09-15"));
  CHECK(fresh.after.due_on == d("2021-09-15"));
  CHECK(fresh.after.extensions == s.extensions);
  CHECK(thrown_by([&] { reopen(s, "x", d("2021-09-01"), d("2021-08-31")); }).message ==
        "new deadline 2021-08-31 of hazard YH-2021-000001 is before the reopen date 2021-09-01");
  CHECK(thrown_by([&] { reopen(s, "", d("2021-09-01")); }).message == "reopening hazard YH-2021-000001 needs a reason");

  // A hazard closed on the spot is no longer "fixed on the spot" once reopened.
  const auto spot = done_on_spot(general_open(), "王强", "", d("2021-08-16")).after;
  const auto r = reopen(spot, "整改不彻底", d("2021-08-20"));
  CHECK_FALSE(r.after.on_spot);
}

TEST_CASE("reopening a major hazard needs its 五落实 again", "[lifecycle]")
{
  auto s = in_status(HazardStatus::closed, HazardLevel::major);
  CHECK(reopen(s, "复查不合格", d("2021-09-01")).after.status == HazardStatus::rectifying);
  s.emergency_plan.reset();  // e.g. a closed hazard imported from a ledger without it
  CHECK(thrown_by([&] { reopen(s, "复查不合格", d("2021-09-01")); }).message ==
        "major hazard YH-2021-000002 cannot start rectification without its 五落实: missing emergency plan (预案)");
}

TEST_CASE("void is allowed from open and rectifying, with a reason", "[lifecycle]")
{
  for (auto status : {HazardStatus::open, HazardStatus::rectifying}) {
    const auto t = void_hazard(in_status(status), "重复登记", d("2021-08-18"));
    CHECK(t.event_kind == "voided");
    CHECK(t.from == status);
    CHECK(t.to == HazardStatus::void_);
    CHECK(t.after.voided_on == d("2021-08-18"));
    CHECK(t.changes.back() == ChangedField{"voided_on", std::nullopt, std::string("2021-08-18")});
  }
  CHECK(thrown_by([&] { void_hazard(general_open(), " ", d("2021-08-18")); }).message ==
        "voiding hazard YH-2021-000001 needs a reason");
}

TEST_CASE("every illegal transition names the status and the allowed next steps", "[lifecycle]")
{
  const Date on = d("2021-08-25");
  using Call = std::function<void(const LifecycleState&)>;
  const std::pair<const char*, Call> transitions[] = {
      {"plan {}", [&](const LifecycleState& s) { plan(s, full_plan(), on); }},
      {"record progress on {}", [&](const LifecycleState& s) { progress(s, "x", on); }},
      {"extend {}", [&](const LifecycleState& s) { extend(s, d("2021-12-01"), "x", on); }},
      {"mark {} done", [&](const LifecycleState& s) { done(s, "", on); }},
      {"close {} on the spot", [&](const LifecycleState& s) { done_on_spot(s, "王强", "", on); }},
      {"verify {}", [&](const LifecycleState& s) { verify(s, "李娜", true, "", on); }},
      {"verify {}", [&](const LifecycleState& s) { verify(s, "李娜", false, "", on); }},
      {"reopen {}", [&](const LifecycleState& s) { reopen(s, "x", on); }},
      {"void {}", [&](const LifecycleState& s) { void_hazard(s, "x", on); }},
  };
  struct Legal {
    HazardStatus status;
    std::vector<std::string> actions;
    const char* display;
    const char* hint;
  };
  const Legal table[] = {
      {HazardStatus::open, {"plan {}", "close {} on the spot", "void {}"}, "待整改 (open)", "allowed: plan, done --on-spot, void"},
      {HazardStatus::rectifying, {"record progress on {}", "extend {}", "mark {} done", "void {}"}, "整改中 (rectifying)",
       "allowed: progress, extend, done, void"},
      {HazardStatus::submitted, {"verify {}"}, "待验收 (submitted)", "allowed: verify --pass, verify --fail"},
      {HazardStatus::closed, {"reopen {}"}, "已销号 (closed)", "allowed: reopen"},
      {HazardStatus::void_, {}, "已作废 (void)", "allowed: nothing (a voided hazard is final)"},
  };
  int illegal = 0;
  for (const auto& row : table) {
    const auto s = in_status(row.status);
    for (const auto& [action, call] : transitions) {
      const bool legal = std::find(row.actions.begin(), row.actions.end(), action) != row.actions.end();
      INFO(row.display << " / " << action);
      if (legal) {
        CHECK_NOTHROW(call(s));
        continue;
      }
      ++illegal;
      const auto e = thrown_by([&] { call(s); });
      CHECK(e.kind == ErrorKind::conflict);
      CHECK(e.message == fmt_message(action, row.display));
      CHECK(e.hint == row.hint);
    }
  }
  CHECK(illegal == 5 * 9 - 10);  // 10 legal pairs: 3 from open, 4 rectifying, 2 submitted, 1 closed
}

TEST_CASE("the allowed steps of a major open hazard leave out on-the-spot closing", "[lifecycle]")
{
  CHECK(allowed_steps(major_open()) == std::vector<std::string>{"plan", "void"});
  const auto e = thrown_by([&] { verify(major_open(), "李娜", true, "", d("2021-09-01")); });
  CHECK(e.message == "cannot verify hazard YH-2021-000002: it is 待整改 (open)");
  CHECK(e.hint == "allowed: plan, void");
}
