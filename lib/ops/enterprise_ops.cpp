#include "ops/enterprise_ops.hpp"

#include "ops/batch_ops.hpp"

#include "domain/codes.hpp"
#include "domain/text_key.hpp"
#include "domain/uscc.hpp"
#include "error.hpp"
#include "text.hpp"
#include "io/csv_reader.hpp"
#include "store/region_store.hpp"

#include <fmt/format.h>

#include <charconv>
#include <unordered_map>

namespace ankang::ops {

namespace {

using F = EnterpriseField;

using K = CellKind;

// The enterprise import's field table (the order of EnterpriseField): key (the export header),
// the headers real sheets use, the column it is stored in and what a person calls it.
constexpr std::array<ImportField, k_enterprise_field_count> k_enterprise_fields{{
    {"uscc", "统一社会信用代码|社会信用代码|信用代码|统一代码|credit_code", true, K::uscc, "enterprise.uscc",
     "统一社会信用代码", "credit code"},
    {"reg_no", "注册号|工商注册号|原注册号|营业执照注册号|registration_number", false, K::text, "enterprise.reg_no",
     "注册号", "registration number"},
    {"name", "企业名称|单位名称|生产经营单位名称|企业(单位)名称|enterprise|company", true, K::text, "enterprise.name",
     "企业名称", "name"},
    {"sectors", "行业领域|行业|所属行业|行业类别|行业分类|sector", true, K::text, "enterprise_sector.sector", "行业领域",
     "sectors"},
    {"region_code", "行政区划代码|区划代码|地区代码|所属区域代码", false, K::text, "enterprise.region_code",
     "行政区划代码", "region code"},
    {"region", "所属区域|行政区划|所在地区|所属地区|所属县区|所在县区|区域|地区|县区", false, K::text,
     "enterprise.region_code", "所属区域", "region"},
    {"address", "地址|注册地址|经营地址|单位地址|企业地址|生产经营地址", false, K::text, "enterprise.address", "地址",
     "address"},
    {"legal_rep", "法定代表人|法人代表|法人|legal_representative", false, K::text, "enterprise.legal_rep",
     "法定代表人", "legal representative"},
    {"safety_contact", "安全负责人|安全管理人员|安全联系人|安全管理负责人|安全员", false, K::text,
     "enterprise.safety_contact", "安全负责人", "safety contact"},
    {"phone", "联系电话|电话|联系方式|手机|手机号码|telephone", false, K::text, "enterprise.phone", "联系电话", "phone"},
    {"employees", "职工人数|从业人数|员工人数|职工总数|从业人员数|人数", false, K::number, "enterprise.employees",
     "职工人数", "employees"},
    {"risk_level", "风险等级|安全风险等级|风险级别|风险分级|risk", false, K::code, "enterprise.risk_level", "风险等级",
     "risk level", domain::risk_levels},
    {"has_union", "是否建会|是否建立工会|是否建立工会组织|建会情况|工会|union", false, K::flag, "enterprise.has_union",
     "是否建会", "union"},
}};

size_t idx(F f) {
  return static_cast<size_t>(f);
}

std::string_view trim(std::string_view s) {
  return io::trim_cell(s);
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

}  // namespace

std::span<const ImportField> enterprise_sheet_fields() {
  return k_enterprise_fields;
}

std::optional<std::vector<std::string>> parse_sectors(std::string_view text, std::string& why) {
  // Sheets list several sectors with any of these between them.
  static constexpr std::string_view k_separators[] = {";", "；", "、", "/", "／", "，", ",", "|"};
  std::vector<std::string> out;
  std::string_view rest = text;
  while (!rest.empty()) {
    size_t cut = rest.size(), len = 0;
    for (auto sep : k_separators) {
      const auto p = rest.find(sep);
      if (p != std::string_view::npos && p < cut) cut = p, len = sep.size();
    }
    const std::string_view part = trim(rest.substr(0, cut));
    rest = cut == rest.size() ? std::string_view() : rest.substr(cut + len);
    if (part.empty()) continue;
    const auto code = domain::sectors().parse(part);
    if (!code) {
      why = fmt::format("unknown sector {}: expected one of {}", quote_value(part), domain::sectors().valid_values());
      if (const auto near = domain::sectors().closest(part); !near.empty()) why += fmt::format("; the closest is {}", near);
      return std::nullopt;
    }
    if (std::find(out.begin(), out.end(), *code) == out.end()) out.emplace_back(*code);
  }
  if (out.empty()) {
    why = "at least one sector is required";
    return std::nullopt;
  }
  return out;
}

std::optional<bool> parse_yes_no(std::string_view text, std::string& why) {
  std::string s(trim(text));
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  for (std::string_view yes : {"yes", "y", "true", "1", "是", "有", "已建会", "已建", "建会"})
    if (s == yes) return true;
  for (std::string_view no : {"no", "n", "false", "0", "否", "无", "未建会", "未建", "没有"})
    if (s == no) return false;
  why = "expected yes or no (是/否)";
  return std::nullopt;
}

std::vector<FieldProblem> apply_enterprise_text(const store::RegionStore& regions, const EnterpriseText& text,
                                                store::Enterprise& e) {
  std::vector<FieldProblem> problems;
  store::Enterprise n = e;
  auto given = [&](F f) { return text[idx(f)].has_value(); };
  auto value = [&](F f) { return trim(*text[idx(f)]); };
  auto problem = [&](F f, std::string why) {
    problems.push_back({f, text[idx(f)] ? std::string(trim(*text[idx(f)])) : std::string(), std::move(why)});
  };
  std::string why;

  if (given(F::uscc)) {
    const auto v = value(F::uscc);
    if (v.empty()) {
      problem(F::uscc, "a credit code is required");
    } else if (auto code = domain::try_normalize_uscc(v, why)) {
      n.uscc = *code;
    } else {
      if (v.size() == 15 && all_digits(v))
        why += "; a 15-digit number is an old registration number (注册号): give it as reg_no";
      problem(F::uscc, why);
    }
  }
  if (given(F::reg_no)) {
    const auto v = value(F::reg_no);
    if (v.empty() || (v.size() == 15 && all_digits(v)))
      n.reg_no = v;
    else
      problem(F::reg_no, "a registration number (注册号) has 15 digits");
  }
  if (given(F::name)) {
    if (value(F::name).empty())
      problem(F::name, "a name is required");
    else
      n.name = value(F::name);
  }
  if (given(F::sectors)) {
    if (auto s = parse_sectors(value(F::sectors), why))
      n.sectors = *s;
    else
      problem(F::sectors, why);
  }

  // The region: by code, by name, or both when they agree.
  const bool code_given = given(F::region_code) && !value(F::region_code).empty();
  const bool name_given = given(F::region) && !value(F::region).empty();
  bool region_ok = true;
  std::string code;
  if (code_given) {
    const auto v = value(F::region_code);
    if (v.size() == 6 && all_digits(v)) {
      code = v;
    } else {
      problem(F::region_code, "a region code has 6 digits (GB/T 2260), e.g. 632224");
      region_ok = false;
    }
  }
  if (name_given) {
    if (auto r = regions.find(value(F::region))) {
      if (code_given && region_ok && r->code != code) {
        problem(F::region, fmt::format("it is region {}, not the region code {} ({})", r->code, code,
                                       regions.by_code(code).full_name));
        region_ok = false;
      }
      code = r->code;
    } else {
      problem(F::region, fmt::format("unknown region: {}", regions.valid_hint(value(F::region))));
      region_ok = false;
    }
  }
  if (region_ok && (code_given || name_given))
    n.region_code = code;
  else if (region_ok && (given(F::region_code) || given(F::region)))
    n.region_code.clear();

  if (given(F::address)) n.address = value(F::address);
  if (given(F::legal_rep)) n.legal_rep = value(F::legal_rep);
  if (given(F::safety_contact)) n.safety_contact = value(F::safety_contact);
  if (given(F::phone)) n.phone = value(F::phone);
  if (given(F::employees)) {
    // As Excel may show it: full-width digits, thousands separators (1,200 or 1，200).
    std::string plain;
    for (const char c : domain::nfkc(value(F::employees)))
      if (c != ',') plain += c;
    std::string_view v = trim(plain);
    if (v.ends_with("人")) v = trim(v.substr(0, v.size() - 3));
    int64_t count = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), count);
    if (v.empty())
      n.employees.reset();
    else if (!all_digits(v) || ec != std::errc() || end != v.data() + v.size() || count > 10'000'000)
      problem(F::employees, "not a whole number of people");
    else
      n.employees = count;
  }
  if (given(F::risk_level)) {
    const auto v = value(F::risk_level);
    if (v.empty())
      n.risk_level.clear();
    else if (auto r = domain::risk_levels().parse(v))
      n.risk_level = *r;
    else if (const auto near = domain::risk_levels().closest(v); !near.empty())
      problem(F::risk_level, fmt::format("unknown risk level: expected one of {}; the closest is {}",
                                         domain::risk_levels().valid_values(), near));
    else
      problem(F::risk_level,
              fmt::format("unknown risk level: expected one of {}", domain::risk_levels().valid_values()));
  }
  if (given(F::has_union)) {
    const auto v = value(F::has_union);
    if (v.empty())
      n.has_union.reset();
    else if (auto b = parse_yes_no(v, why))
      n.has_union = *b;
    else
      problem(F::has_union, why);
  }

  // Every problem at once (issue 13 point 8): a required field missing is one more, unless the
  // field already has a problem of its own.
  const auto has_problem = [&](std::initializer_list<F> fields) {
    for (const auto& p : problems)
      for (const F f : fields)
        if (p.field == f) return true;
    return false;
  };
  if (n.uscc.empty() && !has_problem({F::uscc})) problem(F::uscc, "a credit code is required");
  if (n.name.empty() && !has_problem({F::name})) problem(F::name, "a name is required");
  if (n.sectors.empty() && !has_problem({F::sectors})) problem(F::sectors, "at least one sector is required");
  if (n.region_code.empty() && !has_problem({F::region, F::region_code}))
    problem(F::region, "a region is required (a county such as 刚察县, or a 6-digit code)");
  if (problems.empty()) {
    n.region = n.region_code.empty() ? std::string() : regions.by_code(n.region_code).full_name;
    e = std::move(n);
  }
  return problems;
}

store::Enterprise find_enterprise(SQLite::Database& db, std::string_view key) {
  store::EnterpriseStore es(db);
  const std::string_view k = trim(key);
  if (k.size() != 18 && all_digits(k) && k.size() < 16) {
    int64_t id = 0;
    std::from_chars(k.data(), k.data() + k.size(), id);
    if (auto e = es.by_id(store::EnterpriseId{id})) return *e;
    throw Error(ErrorKind::not_found, fmt::format("enterprise {} does not exist", k), "see 'ankang enterprise list'");
  }
  std::string upper(k);
  for (char& c : upper)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  if (auto e = es.by_uscc(upper)) return *e;
  throw Error(ErrorKind::not_found, fmt::format("no enterprise has the credit code {}", quote_value(k)),
              "see 'ankang enterprise list'");
}

namespace {

[[noreturn]] void throw_problems(const std::vector<FieldProblem>& problems) {
  std::string msg;
  for (const auto& p : problems) {
    if (!msg.empty()) msg += "; ";
    const auto key = k_enterprise_fields[idx(p.field)].key;
    msg += p.value.empty() ? fmt::format("{}: {}", key, p.why) : fmt::format("{} {}: {}", key, quote_value(p.value), p.why);
  }
  throw Error(ErrorKind::invalid_input, msg);
}

}  // namespace

store::Enterprise add_enterprise(store::Database& db, const EnterpriseText& text, const std::string& now) {
  store::WriteTransaction tx(db.sql());
  store::EnterpriseStore es(db.sql());
  store::Enterprise e;
  const auto problems = apply_enterprise_text(store::RegionStore(db.sql()), text, e);
  if (!problems.empty()) throw_problems(problems);
  if (auto existing = es.by_uscc(e.uscc))
    throw Error(ErrorKind::conflict,
                fmt::format("credit code {} is already registered: enterprise {} {}", e.uscc, existing->id.value,
                            existing->name),
                "change it with 'ankang enterprise update'");
  es.insert(e, now);
  tx.commit();
  return e;
}

std::pair<store::Enterprise, bool> update_enterprise(store::Database& db, std::string_view key,
                                                     const EnterpriseText& text, const std::string& now) {
  store::WriteTransaction tx(db.sql());
  store::EnterpriseStore es(db.sql());
  store::Enterprise e = find_enterprise(db.sql(), key);
  const store::Enterprise before = e;
  const auto problems = apply_enterprise_text(store::RegionStore(db.sql()), text, e);
  if (!problems.empty()) throw_problems(problems);
  if (e.uscc != before.uscc) {
    if (auto other = es.by_uscc(e.uscc))
      throw Error(ErrorKind::conflict,
                  fmt::format("credit code {} belongs to enterprise {} {}", e.uscc, other->id.value, other->name));
  }
  if (e.same_fields(before)) return {before, false};
  es.update(e, now);
  tx.commit();
  e.updated_at = now;
  return {e, true};
}

store::Enterprise archive_enterprise(store::Database& db, std::string_view key, bool restore, const std::string& now) {
  store::WriteTransaction tx(db.sql());
  store::EnterpriseStore es(db.sql());
  store::Enterprise e = find_enterprise(db.sql(), key);
  if (restore == e.archived_at.empty()) return e;  // already as asked
  e.archived_at = restore ? std::string() : now;
  es.set_archived(e.id, e.archived_at, now);
  tx.commit();
  return e;
}

OnConflict parse_on_conflict(std::string_view text) {
  if (text == "update") return OnConflict::update;
  if (text == "skip") return OnConflict::skip;
  if (text == "error") return OnConflict::error;
  throw Error(ErrorKind::usage, fmt::format("invalid --on-conflict {}: expected update, skip or error", quote_value(text)));
}

EnterpriseImportResult import_enterprises(store::Database& db, const std::string& path,
                                          const EnterpriseImportOptions& options) {
  EnterpriseImportResult result;
  ImportOptions o = options;
  o.path = path;
  std::optional<store::EnterpriseStore> es;
  std::optional<store::RegionStore> regions;
  std::unordered_map<std::string, uint64_t> first_line;  // credit code → row it was first on
  EnterpriseText text;
  const auto start = [&](ImportRun& run) {
    es.emplace(run.db().sql());
    regions.emplace(run.db().sql());
  };
  const auto row = [&](ImportRow& r) {
    const auto& cells = r.sheet_row();
    for (size_t f = 0; f < k_enterprise_field_count; ++f) {
      if (r.given(f))
        text[f] = std::string(cells.get(f));
      else
        text[f].reset();
    }
    std::string why;
    std::optional<store::Enterprise> existing;
    const auto uscc = domain::try_normalize_uscc(cells.get(idx(F::uscc)), why);
    if (uscc) existing = es->by_uscc(*uscc);
    store::Enterprise e = existing ? *existing : store::Enterprise{};
    auto problems = apply_enterprise_text(*regions, text, e);
    if (uscc) {
      if (auto [it, fresh] = first_line.emplace(*uscc, cells.number()); !fresh)
        r.error(idx(F::uscc), fmt::format("the same credit code is on row {}", it->second));
      else if (existing && options.on_conflict == OnConflict::error)
        r.error(idx(F::uscc), fmt::format("enterprise {} is already registered", existing->id.value));
    }
    for (const auto& p : problems) r.error(idx(p.field), p.why);
    if (!r.writing()) return RowOutcome::imported;
    auto& batch = r.run().batch();
    if (!existing) {
      es->insert(e, o.now);
      ++result.added;
      store::record_batch_enterprise(r.run().db(), batch.id, store::BatchEnterprise{e.id, "created", ""});
      return RowOutcome::imported;
    }
    if (options.on_conflict == OnConflict::skip) {
      ++result.skipped;
      return RowOutcome::skipped;
    }
    if (e.same_fields(*existing)) {
      ++result.unchanged;
      return RowOutcome::skipped;
    }
    es->update(e, o.now);
    ++result.updated;
    store::record_batch_enterprise(r.run().db(), batch.id,
                                   store::BatchEnterprise{e.id, "updated", enterprise_changes(*existing, e).json()});
    return RowOutcome::updated;
  };
  auto done = run_import(db, o, ImportKind{"enterprise", k_enterprise_fields}, ImportSteps{.start = start, .row = row});
  result.notes = std::move(done.notes);
  result.errors = std::move(done.errors);
  result.encoding = done.batch.encoding;
  result.sha256 = done.batch.sha256;
  result.rows = done.batch.rows_read;
  result.rejected = done.batch.rows_rejected;
  result.written = done.committed;
  if (done.committed) result.batch_id = done.batch.id.value;
  return result;
}

io::Table enterprise_machine_table(const std::vector<store::Enterprise>& list) {
  io::Table t;
  for (const auto& f : k_enterprise_fields) {
    const auto bar = f.aliases.find('|');
    t.columns.push_back(io::Column{std::string(f.key), std::string(f.aliases.substr(0, bar)),
                                   f.key == "employees" ? io::Align::right : io::Align::left});
  }
  auto text_or_null = [](const std::string& s) { return s.empty() ? io::Cell::null() : io::Cell(s); };
  for (const auto& e : list) {
    io::Row r;
    r.emplace_back(e.uscc);
    r.push_back(text_or_null(e.reg_no));
    r.emplace_back(e.name);
    r.emplace_back(join(e.sectors, ";"));
    r.push_back(text_or_null(e.region_code));
    r.push_back(text_or_null(e.region));
    r.push_back(text_or_null(e.address));
    r.push_back(text_or_null(e.legal_rep));
    r.push_back(text_or_null(e.safety_contact));
    r.push_back(text_or_null(e.phone));
    r.push_back(e.employees ? io::Cell::number(*e.employees) : io::Cell::null());
    r.push_back(text_or_null(e.risk_level));
    r.push_back(e.has_union ? io::Cell(*e.has_union ? "yes" : "no") : io::Cell::null());
    t.rows.push_back(std::move(r));
  }
  return t;
}

}  // namespace ankang::ops
