// `report overdue` and `report enterprise USCC`.
#include "report/common.hpp"

#include "domain/uscc.hpp"
#include "error.hpp"

#include <fmt/format.h>

#include <set>

namespace ankang::report {

namespace {

using namespace detail;
using domain::Lang;

}  // namespace

Document build_overdue(store::Database& db, const Scope& scope, const Context& ctx)
{
  const Lang lang = ctx.lang;
  const auto rows = store::overdue_hazards(db, scope.filter, ctx.today);
  int64_t major = 0, longest = 0;
  std::set<std::string> enterprises;
  for (const auto& h : rows) {
    if (h.level == "major") ++major;
    enterprises.insert(h.uscc);
    longest = std::max<int64_t>(longest, ctx.today - domain::parse_date(h.due_on));
  }
  Document doc;
  doc.kind = "overdue";
  doc.title = tr(lang, "超期未整改隐患清单", "Overdue hazards") + scope_suffix(scope, lang);
  doc.subtitle = lang == Lang::zh ? fmt::format("截至{}", ctx.today.iso()) : fmt::format("As of {}", ctx.today.iso());
  doc.meta = {{"as_of", Value::text(ctx.today.iso())}};
  add_scope_fields(doc.meta, scope);
  if (rows.empty())
    doc.paragraphs.push_back(lang == Lang::zh ? fmt::format("截至{}，无超期未整改隐患。", ctx.today.iso())
                                              : fmt::format("As of {}, no hazard is overdue.", ctx.today.iso()));
  else
    doc.paragraphs.push_back(
        lang == Lang::zh ? fmt::format("截至{}，共有超期未整改隐患{}项（其中重大隐患{}项），涉及企业{}家，最长超期{}天。",
                                       ctx.today.iso(), rows.size(), major, enterprises.size(), longest)
                         : fmt::format("As of {}, {} hazards are overdue ({} major) at {} enterprises; the longest by {} days.",
                                       ctx.today.iso(), rows.size(), major, enterprises.size(), longest));
  Section s;
  s.key = "overdue";
  s.title = tr(lang, "超期隐患（按超期天数排序）", "Overdue hazards, most overdue first");
  s.empty_note = tr(lang, "无。", "None.");
  s.table = overdue_table(rows, ctx.today, DayBasis::as_of, lang);
  doc.sections.push_back(std::move(s));
  doc.footer.push_back(tr(lang, "超期指状态为待整改或整改中且整改期限早于统计日期；已整改待验收的不计为超期。",
                          "Overdue: open or rectifying with a deadline before the as-of date; hazards done and awaiting "
                          "verification are not overdue."));
  return doc;
}

Document build_enterprise(store::Database& db, const std::string& uscc_text, const Context& ctx)
{
  const Lang lang = ctx.lang;
  const std::string uscc = domain::normalize_uscc(uscc_text);
  const auto e = store::find_enterprise(db, uscc);
  if (!e)
    throw Error(ErrorKind::not_found, fmt::format("no enterprise has the credit code {}", uscc),
                "see 'ankang enterprise list' or import it with 'ankang enterprise import'");
  store::ReportFilter filter;
  filter.enterprise_id = e->id;

  Document doc;
  doc.kind = "enterprise";
  doc.title = lang == Lang::zh ? fmt::format("企业隐患排查治理档案：{}", e->name)
                               : fmt::format("Hazard file of {}", e->name);
  doc.subtitle = lang == Lang::zh ? fmt::format("统一社会信用代码：{}　截至：{}", e->uscc, ctx.today.iso())
                                  : fmt::format("USCC: {}. As of {}", e->uscc, ctx.today.iso());
  doc.meta = {{"uscc", Value::text(e->uscc)}, {"name", Value::text(e->name)}, {"as_of", Value::text(ctx.today.iso())}};

  Section details;
  details.key = "details";
  details.title = tr(lang, "一、企业基本情况", "1. The enterprise");
  details.table.columns = {{"field", tr(lang, "项目", "field"), io::Align::left},
                           {"value", tr(lang, "内容", "value"), io::Align::left}};
  auto field = [&](const char* key, std::string_view zh, std::string_view en, Value v) {
    details.table.rows.push_back({Value::coded(key, tr(lang, zh, en)), std::move(v)});
  };
  std::vector<std::string> sector_labels;
  for (const auto& s : e->sectors) sector_labels.emplace_back(domain::sectors().label(s, lang));
  field("name", "企业名称", "name", Value::text(e->name));
  field("uscc", "统一社会信用代码", "USCC", Value::text(e->uscc));
  field("region", "所在地区", "region", e->region_code.empty() ? Value::null("—")
                                                               : Value::coded(e->region_code, e->region.empty() ? e->region_code : e->region));
  field("sectors", "行业领域", "sectors",
        e->sectors.empty() ? Value::null("—") : Value::coded(fmt::format("{}", fmt::join(e->sectors, ",")),
                                                             fmt::format("{}", fmt::join(sector_labels, "、"))));
  field("address", "地址", "address", text_or_null(e->address));
  field("legal_rep", "法定代表人", "legal representative", text_or_null(e->legal_rep));
  field("safety_contact", "安全管理联系人", "safety contact", text_or_null(e->safety_contact));
  field("phone", "联系电话", "phone", text_or_null(e->phone));
  field("employees", "从业人员", "employees", e->employees ? Value::count(*e->employees) : Value::null("—"));
  field("risk_level", "风险等级", "risk level", coded(domain::risk_levels(), e->risk_level, lang));
  field("has_union", "建立工会", "has a union",
        e->has_union ? Value::number(*e->has_union ? "true" : "false", *e->has_union ? tr(lang, "是", "yes") : tr(lang, "否", "no"))
                     : Value::null("—"));
  if (!e->archived_at.empty()) field("archived_at", "归档时间", "archived", Value::text(e->archived_at));
  doc.sections.push_back(std::move(details));

  Section by_status;
  by_status.key = "by_status";
  by_status.title = tr(lang, "二、隐患按状态统计", "2. Hazards by status");
  by_status.table.columns = {{"status", tr(lang, "状态", "status"), io::Align::left},
                             {"general", tr(lang, "一般", "general"), io::Align::right},
                             {"major", tr(lang, "重大", "major"), io::Align::right},
                             {"total", tr(lang, "合计", "total"), io::Align::right}};
  int64_t all = 0, all_major = 0, closed = 0;
  for (const auto& c : store::status_counts(db, filter)) {
    by_status.table.rows.push_back({coded(domain::hazard_statuses(), c.status, lang), Value::count(c.general),
                                    Value::count(c.major), Value::count(c.general + c.major)});
    all += c.general + c.major;
    all_major += c.major;
    if (c.status == "closed") closed = c.general + c.major;
  }
  by_status.table.rows.push_back({Value::coded("total", tr(lang, "合计", "total")), Value::count(all - all_major),
                                  Value::count(all_major), Value::count(all)});
  doc.sections.push_back(std::move(by_status));

  Section inspections;
  inspections.key = "inspections";
  inspections.title = tr(lang, "三、检查记录", "3. Inspections");
  inspections.empty_note = tr(lang, "无检查记录。", "No inspection recorded.");
  inspections.table.columns = {{"date", tr(lang, "检查日期", "date"), io::Align::left},
                               {"kind", tr(lang, "检查类型", "kind"), io::Align::left},
                               {"body", tr(lang, "检查单位", "body"), io::Align::left},
                               {"inspectors", tr(lang, "检查人员", "inspectors"), io::Align::left},
                               {"hazards", tr(lang, "发现隐患", "hazards"), io::Align::right},
                               {"major", tr(lang, "其中重大", "of which major"), io::Align::right}};
  for (const auto& i : store::enterprise_inspections(db, e->id))
    inspections.table.rows.push_back({Value::text(i.date), coded(domain::inspection_kinds(), i.kind, lang), text_or_null(i.body),
                                      text_or_null(i.inspectors), Value::count(i.hazards), Value::count(i.major)});
  doc.sections.push_back(std::move(inspections));

  const auto unclosed = store::unclosed_hazards(db, filter);
  Section open;
  open.key = "open";
  open.title = tr(lang, "四、未销号隐患", "4. Hazards not yet closed");
  open.empty_note = tr(lang, "无。", "None.");
  open.table = hazard_table(unclosed, lang);
  doc.sections.push_back(std::move(open));

  const auto overdue_rows = store::overdue_hazards(db, filter, ctx.today);
  Section overdue;
  overdue.key = "overdue";
  overdue.title = tr(lang, "五、超期未整改隐患", "5. Overdue hazards");
  overdue.empty_note = tr(lang, "无。", "None.");
  overdue.table = overdue_table(overdue_rows, ctx.today, DayBasis::as_of, lang);
  doc.sections.push_back(std::move(overdue));

  doc.paragraphs.push_back(
      lang == Lang::zh ? fmt::format("截至{}，该企业共登记隐患{}项（其中重大隐患{}项），已销号{}项，未销号{}项，其中超期未整改{}项。",
                                     ctx.today.iso(), all, all_major, closed, unclosed.size(), overdue_rows.size())
                       : fmt::format("As of {}, {} hazards are on file ({} major): {} closed, {} not yet closed, {} of them overdue.",
                                     ctx.today.iso(), all, all_major, closed, unclosed.size(), overdue_rows.size()));
  return doc;
}

}  // namespace ankang::report
