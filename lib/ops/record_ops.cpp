#include "ops/record_ops.hpp"

#include "domain/campaign_codes.hpp"
#include "domain/text_key.hpp"
#include "error.hpp"
#include "ops/enterprise_ops.hpp"
#include "ops/hazard_ops.hpp"
#include "text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <fmt/format.h>
#include <map>
#include <stdexcept>
#include <unordered_map>

namespace ankang::ops {

namespace {

using K = FieldKind;

// ---- the record types -------------------------------------------------------------------

constexpr std::array k_violation_fields{
    RecordField{"on", "on_date", "--on", "日期|发生日期|违章日期|查处日期|发现日期|date", "date", K::day, true},
    RecordField{"kind", "kind", "--kind", "类别|三违类别|违章类别|三违类型|违章类型|类型", "kind", K::code, true,
                &domain::violation_kinds},
    RecordField{"description", "description", "--desc", "违章行为|三违行为|违章情况|情况描述|描述|desc",
                "description", K::text, true},
    RecordField{"location", "location", "--location", "地点|违章地点|发生地点", "location"},
    RecordField{"person", "person", "--person", "违章人员|当事人|违章人|姓名", "person"},
    RecordField{"anonymous", "anonymous", "--anonymous", "匿名|是否匿名", "anonymous", K::flag},
    RecordField{"team", "team", "--team", "班组|所在班组|所属班组", "team"},
    RecordField{"handling", "handling", "--handling", "处理情况|处理结果|处理措施|处理意见", "handling"},
    RecordField{"reported_by", "reported_by", "--reported-by", "报告人|上报人|查处人|发现人", "reported by"},
};

constexpr std::array k_training_fields{
    RecordField{"on", "on_date", "--on", "日期|培训日期|举办日期|date", "date", K::day, true},
    RecordField{"topic", "topic", "--topic", "培训主题|主题|培训内容|培训名称", "topic", K::text, true},
    RecordField{"audience", "audience", "--audience", "培训对象|对象|参训对象|人员类别", "audience", K::code, true,
                &domain::training_audiences},
    RecordField{"attendees", "attendees", "--attendees", "参训人数|培训人数|参加人数|人数", "attendees", K::count, true,
                nullptr, 1},
    RecordField{"hours", "hours", "--hours", "学时|培训学时|时长|培训时长", "hours", K::decimal},
    RecordField{"form", "form", "--form", "形式|培训形式|培训方式", "form", K::code, false, &domain::training_forms},
    RecordField{"organiser", "organiser", "--organiser", "组织单位|主办单位|组织者|承办单位|organizer", "organiser"},
};

template <size_t N>
constexpr std::array<store::RecordColumn, N> columns_of(const std::array<RecordField, N>& fields)
{
  std::array<store::RecordColumn, N> out{};
  for (size_t i = 0; i < N; ++i) out[i] = {fields[i].column, fields[i].kind == K::count || fields[i].kind == K::flag};
  return out;
}

constexpr CellKind cell_kind(FieldKind k)
{
  switch (k) {
  case K::day: return CellKind::date;
  case K::code: return CellKind::code;
  case K::count: return CellKind::number;
  case K::flag: return CellKind::flag;
  case K::text:
  case K::decimal: return CellKind::text;  // "2学时", "36人": read by the record's own parser
  }
  return CellKind::text;
}

// The import driver's table: the enterprise (credit code, or name), the fields, and the UUID an
// export carries.
template <size_t N>
constexpr std::array<ImportField, N + 3> import_fields_of(const std::array<RecordField, N>& fields)
{
  std::array<ImportField, N + 3> out{};
  out[0] = {"enterprise", "统一社会信用代码|社会信用代码|信用代码|uscc", false, CellKind::text, "enterprise_id",
            "统一社会信用代码", "credit code"};
  out[1] = {"enterprise_name", "企业名称|单位名称|生产经营单位名称|企业", false, CellKind::text, "enterprise_id", "企业名称",
            "enterprise"};
  for (size_t i = 0; i < N; ++i)
    out[i + 2] = {fields[i].key,     fields[i].headers, fields[i].required, cell_kind(fields[i].kind),
                  fields[i].column,  fields[i].zh_label(), fields[i].en,    fields[i].codes};
  out[N + 2] = {"uuid", "UUID|记录编号", false, CellKind::text, "uuid", "UUID", "UUID"};
  return out;
}
constexpr size_t k_enterprise_col = 0, k_enterprise_name_col = 1, k_first_field_col = 2;

constexpr auto k_violation_columns = columns_of(k_violation_fields);
constexpr auto k_training_columns = columns_of(k_training_fields);
constexpr auto k_violation_import = import_fields_of(k_violation_fields);
constexpr auto k_training_import = import_fields_of(k_training_fields);

std::optional<RecordProblem> check_violation(const RecordValues& v)
{
  // person (4) and anonymous (5): a record names the person or is anonymous, not both.
  if (v[4] && v[5] && *v[5] == "1")
    return RecordProblem{4, *v[4], "the record is anonymous (匿名) and names a person: give one or the other"};
  return std::nullopt;
}

const RecordType k_violation{"violation", k_violation_fields, k_violation_columns, k_violation_import, 1, std::nullopt,
                             &check_violation};
const RecordType k_training{"training", k_training_fields, k_training_columns, k_training_import, 2, 3, nullptr};

// ---- values -----------------------------------------------------------------------------

std::optional<int64_t> parse_count(std::string_view text)
{
  std::string plain;
  for (const char c : domain::nfkc(text))
    if (c != ',') plain += c;
  std::string_view v = trim_blanks(plain);
  if (v.ends_with("人")) v = trim_blanks(v.substr(0, v.size() - 3));
  if (!all_digits(v) || v.size() > 9) return std::nullopt;
  int64_t n = 0;
  std::from_chars(v.data(), v.data() + v.size(), n);
  return n;
}

// 2, 2.0, 1.5, 0.5 → "2", "2", "1.5", "0.5"; at most two decimal places, more than 0, at most 1000.
std::optional<std::string> parse_decimal(std::string_view text)
{
  const std::string n = domain::nfkc(text);
  std::string_view v = trim_blanks(n);
  for (std::string_view unit : {"学时", "小时", "h"})
    if (v.ends_with(unit)) v = trim_blanks(v.substr(0, v.size() - unit.size()));
  const auto dot = v.find('.');
  std::string_view whole = v.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view() : v.substr(dot + 1);
  if (!all_digits(whole) || whole.size() > 4 || (dot != std::string_view::npos && (!all_digits(frac) || frac.size() > 2)))
    return std::nullopt;
  while (!frac.empty() && frac.back() == '0') frac.remove_suffix(1);
  while (whole.size() > 1 && whole.front() == '0') whole.remove_prefix(1);
  if (whole == "0" && frac.empty()) return std::nullopt;
  if (std::stoi(std::string(whole)) > 1000 || (std::stoi(std::string(whole)) == 1000 && !frac.empty())) return std::nullopt;
  return frac.empty() ? std::string(whole) : fmt::format("{}.{}", whole, frac);
}

}  // namespace

const RecordType& violation_type() { return k_violation; }
const RecordType& training_type() { return k_training; }

const RecordType* record_type_of_batch(std::string_view kind)
{
  for (const auto* t : {&k_violation, &k_training})
    if (t->name == kind) return t;
  return nullptr;
}

size_t RecordType::field(std::string_view key) const
{
  for (size_t i = 0; i < fields.size(); ++i)
    if (fields[i].key == key) return i;
  throw std::logic_error(fmt::format("record type {} has no field {}", name, key));
}

RecordValues parse_record_values(const RecordType& type, const std::vector<std::optional<std::string>>& text,
                                 domain::Date today, std::vector<RecordProblem>& problems)
{
  RecordValues out(type.fields.size());
  const size_t before = problems.size();
  for (size_t i = 0; i < type.fields.size(); ++i) {
    const auto& f = type.fields[i];
    const std::string v = i < text.size() && text[i] ? std::string(trim_blanks(*text[i])) : std::string();
    auto problem = [&](std::string why) { problems.push_back({i, v, std::move(why)}); };
    if (v.empty()) {
      if (f.kind == K::flag) out[i] = "0";
      else if (f.required) problem("a value is required");
      continue;
    }
    switch (f.kind) {
    case K::text: out[i] = v; break;
    case K::day: {
      std::string why;
      if (const auto d = domain::try_parse_date(v, why)) {
        if (today < *d) problem(fmt::format("{} is after the business date {}", d->iso(), today.iso()));
        else out[i] = d->iso();
      } else {
        problem(fmt::format("{} is not a date: {}", quote_value(v), why));
      }
      break;
    }
    case K::code: {
      const auto& set = f.codes();
      if (const auto c = set.parse(v)) out[i] = std::string(*c);
      else problem(fmt::format("unknown {} {}: expected one of {}", set.what(), quote_value(v), set.valid_values()));
      break;
    }
    case K::count: {
      const auto n = parse_count(v);
      if (!n) problem(fmt::format("{} is not a whole number", quote_value(v)));
      else if (*n < f.min) problem(fmt::format("{} is less than {}", *n, f.min));
      else out[i] = std::to_string(*n);
      break;
    }
    case K::decimal:
      if (const auto d = parse_decimal(v)) out[i] = *d;
      else problem(fmt::format("{} is not a number of hours: more than 0, at most 1000, e.g. 2 or 1.5", quote_value(v)));
      break;
    case K::flag: {
      std::string why;
      if (const auto b = parse_yes_no(v, why)) out[i] = *b ? "1" : "0";
      else problem(why);
      break;
    }
    }
  }
  if (problems.size() == before && type.check)
    if (auto p = type.check(out)) problems.push_back(std::move(*p));
  return out;
}

store::CampaignRecord add_record(store::Database& db, const RecordType& type, std::string_view enterprise,
                                 const std::vector<std::optional<std::string>>& text, const RecordActor& actor)
{
  store::WriteTransaction tx(db.sql());
  std::vector<RecordProblem> problems;
  auto values = parse_record_values(type, text, actor.today, problems);
  if (!problems.empty()) {
    const auto& p = problems.front();
    const auto option = type.fields[p.field].option;
    if (p.value.empty()) throw Error(ErrorKind::usage, fmt::format("{} is required", option));
    throw Error(ErrorKind::usage, fmt::format("invalid value for {}: {}", option, p.why));
  }
  const auto e = resolve_enterprise(db, enterprise);
  store::CampaignRecord r;
  r.enterprise_id = e.id.value;
  r.values = std::move(values);
  r.actor = actor.user;
  store::insert_record(db, type.table(), r, actor.now);
  tx.commit();
  return *store::find_record(db, type.table(), r.uuid);
}

namespace {

// One cell of a record field, read as the driver reads its kind (its wording, its catalogue
// entries), then held to the field's own rule: a day not after `today`, a count of at least
// `min`, hours as a decimal. nullopt when blank or bad (the problem is on the row).
std::optional<std::string> read_record_cell(ImportRow& row, size_t col, const RecordField& f, domain::Date today)
{
  const auto text = row.get(col);
  if (text.empty()) {
    if (f.kind == K::flag) return "0";
    if (f.required) row.error(col, "a value is required");
    return std::nullopt;
  }
  switch (f.kind) {
  case K::text: return std::string(text);
  case K::day:
    if (const auto d = row.date(col)) {
      if (today < *d) row.error(col, fmt::format("{} is after the business date {}", d->iso(), today.iso()));
      else return d->iso();
    }
    return std::nullopt;
  case K::code:
    if (const auto c = row.code(col)) return std::string(*c);
    return std::nullopt;
  case K::count: {
    const auto n = parse_count(text);
    if (!n) row.error(col, "not a whole number");
    else if (*n < f.min) row.error(col, fmt::format("{} is less than {}", *n, f.min));
    else return std::to_string(*n);
    return std::nullopt;
  }
  case K::decimal:
    if (auto d = parse_decimal(text)) return d;
    row.error(col, fmt::format("{} is not a number of hours: more than 0, at most 1000, e.g. 2 or 1.5", quote_value(text)));
    return std::nullopt;
  case K::flag:
    if (const auto b = row.flag(col)) return std::string(*b ? "1" : "0");
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

ImportResult import_records(store::Database& db, const RecordType& type, const ImportOptions& options, domain::Date today)
{
  const auto table = type.table();
  const size_t uuid_col = k_first_field_col + type.fields.size();
  std::unordered_map<std::string, int64_t> enterprise_ids;  // as written in the sheet → id
  std::unordered_map<std::string, uint64_t> uuid_row;       // uuids of this sheet → the row that has it
  std::unordered_map<std::string, uint64_t> record_row;     // each record of this sheet (enterprise, values) → its row
  ImportSteps steps;
  steps.start = [&](ImportRun& run) {
    if (!run.sheet().has(k_enterprise_col) && !run.sheet().has(k_enterprise_name_col))
      throw Error(ErrorKind::invalid_input,
                  fmt::format("{}: no column names the enterprise: expected 统一社会信用代码 or 企业名称", options.path));
  };
  steps.row = [&](ImportRow& row) {
    RecordValues values(type.fields.size());
    for (size_t i = 0; i < type.fields.size(); ++i)
      values[i] = read_record_cell(row, k_first_field_col + i, type.fields[i], today);
    if (row.ok() && type.check)
      if (auto p = type.check(values)) row.error(k_first_field_col + p->field, std::move(p->why));

    // The enterprise: by credit code when the sheet has one, else by name.
    const size_t ecol = !row.get(k_enterprise_col).empty() ? k_enterprise_col : k_enterprise_name_col;
    const std::string key(row.get(ecol));
    int64_t enterprise_id = 0;
    if (key.empty()) {
      row.error(ecol, "the enterprise is required (credit code or name)");
    } else if (const auto it = enterprise_ids.find(key); it != enterprise_ids.end()) {
      enterprise_id = it->second;
    } else {
      try {
        enterprise_id = resolve_enterprise(db, key).id.value;
        enterprise_ids.emplace(key, enterprise_id);
      } catch (const Error& e) {
        row.error(ecol, e.what());
      }
    }
    std::string uuid(row.get(uuid_col));
    bool on_record = false;
    if (!uuid.empty()) {
      if (const auto [it, fresh] = uuid_row.emplace(uuid, row.sheet_row().number()); !fresh)
        row.error(uuid_col, fmt::format("the same uuid is on row {}", it->second));
      else
        on_record = store::record_uuid_exists(db, table, uuid);
    }
    if (!row.writing()) return RowOutcome::imported;  // a bad row, or validating only
    if (on_record) return RowOutcome::skipped;
    // A row that repeats an earlier one of the sheet (an office ledger's stale copy) is one
    // record, not two: skipped, with a note naming both rows.
    std::string record_key = std::to_string(enterprise_id);
    for (const auto& v : values) record_key += fmt::format("\x1f{}", v.value_or(std::string("\x1e")));
    if (const auto [it, fresh] = record_row.emplace(std::move(record_key), row.sheet_row().number()); !fresh) {
      row.run().note(options.sheet.lang == domain::Lang::zh
                         ? fmt::format("{}：与第 {} 行是同一条记录，已跳过", row.where(), it->second)
                         : fmt::format("{}: the same record as row {}: skipped", row.where(), it->second));
      return RowOutcome::skipped;
    }
    store::CampaignRecord r;
    r.uuid = std::move(uuid);
    r.enterprise_id = enterprise_id;
    r.values = std::move(values);
    r.actor = options.actor;
    r.batch_id = row.run().batch().id.value;
    store::insert_record(db, table, r, options.now);
    return RowOutcome::imported;
  };
  return run_import(db, options, ImportKind{type.name, type.import_fields}, steps);
}

io::Table record_machine_table(const RecordType& type, const std::vector<store::CampaignRecord>& records)
{
  io::Table t;
  t.columns.push_back({"enterprise", "统一社会信用代码", io::Align::left});
  t.columns.push_back({"enterprise_name", "企业名称", io::Align::left});
  for (const auto& f : type.fields)
    t.columns.push_back({std::string(f.key), std::string(f.zh_label()),
                         f.kind == K::count || f.kind == K::decimal ? io::Align::right : io::Align::left});
  t.columns.push_back({"uuid", "UUID", io::Align::left});
  for (const auto& r : records) {
    io::Row row{r.uscc, r.enterprise_name};
    for (size_t i = 0; i < type.fields.size(); ++i) {
      const auto& v = r.values[i];
      if (!v) row.push_back(io::Cell::null());
      else if (type.fields[i].kind == K::count) row.push_back(io::Cell::number(std::stoll(*v)));
      else if (type.fields[i].kind == K::decimal) row.push_back(io::Cell::number_text(*v));
      else if (type.fields[i].kind == K::flag) row.emplace_back(*v == "1" ? "yes" : "no");
      else row.emplace_back(*v);
    }
    row.emplace_back(r.uuid);
    t.rows.push_back(std::move(row));
  }
  return t;
}

io::Table record_people_table(const RecordType& type, const std::vector<store::CampaignRecord>& records,
                              domain::Lang lang)
{
  const bool zh = lang == domain::Lang::zh;
  io::Table t;
  t.columns.push_back({"id", "#", io::Align::right});
  t.columns.push_back({"on", zh ? "日期" : "date", io::Align::left});
  t.columns.push_back({"enterprise_name", zh ? "企业名称" : "enterprise", io::Align::left});
  t.columns.push_back({"prefecture", zh ? "市州" : "prefecture", io::Align::left});
  for (size_t i = 1; i < type.fields.size(); ++i) {
    const auto& f = type.fields[i];
    if (f.kind == K::flag) continue;  // shown in the person's column
    t.columns.push_back({std::string(f.key), std::string(zh ? f.zh_label() : f.en),
                         f.kind == K::count || f.kind == K::decimal ? io::Align::right : io::Align::left});
  }
  for (const auto& r : records) {
    io::Row row{io::Cell::number(r.id), *r.values[0], r.enterprise_name, r.prefecture_name};
    for (size_t i = 1; i < type.fields.size(); ++i) {
      const auto& f = type.fields[i];
      if (f.kind == K::flag) continue;
      const auto& v = r.values[i];
      if (f.key == "person" && !v && i + 1 < type.fields.size() && r.values[i + 1] == "1")
        row.emplace_back(zh ? "（匿名）" : "(anonymous)");
      else if (!v) row.emplace_back("");
      else if (f.kind == K::code) row.emplace_back(f.codes().label(*v, lang));
      else if (f.kind == K::count) row.push_back(io::Cell::number(std::stoll(*v)));
      else if (f.kind == K::decimal) row.push_back(io::Cell::number_text(*v));
      else row.emplace_back(*v);
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

std::vector<RecordSummaryRow> summarize_records(const RecordType& type, const std::vector<store::CampaignRecord>& records,
                                                RecordGrouping by, domain::Lang lang)
{
  std::vector<RecordSummaryRow> rows;
  std::map<std::string, size_t> at;
  auto add_key = [&](std::string key, std::string label) {
    at.emplace(key, rows.size());
    rows.push_back({std::move(key), std::move(label), 0, 0});
  };
  const domain::CodeSet* codes = by == RecordGrouping::field ? &type.fields[type.group_field].codes()
                                 : by == RecordGrouping::sector ? &domain::sectors()
                                                                : nullptr;
  if (codes)
    for (const auto& e : codes->entries()) add_key(std::string(e.code), std::string(codes->label(e.code, lang)));
  std::map<std::string, std::string> regions;  // prefecture code → name, in code order
  if (!codes)
    for (const auto& r : records) regions.emplace(r.prefecture_code, r.prefecture_name);
  for (const auto& [code, name] : regions)
    add_key(code, code.empty() ? std::string(lang == domain::Lang::zh ? "（无地区）" : "(no region)") : name);
  for (const auto& r : records) {
    std::string key = by == RecordGrouping::field ? r.values[type.group_field].value_or("")
                      : by == RecordGrouping::sector ? r.sector
                                                     : r.prefecture_code;
    auto it = at.find(key);
    if (it == at.end()) {  // a sector the enterprise no longer has a code for: listed as found
      add_key(key, key.empty() ? std::string(lang == domain::Lang::zh ? "（无）" : "(none)") : key);
      it = at.find(key);
    }
    auto& row = rows[it->second];
    ++row.records;
    row.measure += type.measure ? std::stoll(r.values[*type.measure].value_or("0")) : 1;
  }
  return rows;
}

}  // namespace ankang::ops
