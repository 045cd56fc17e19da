#include "ops/import_driver.hpp"

#include "domain/text_key.hpp"
#include "domain/uscc.hpp"
#include "error.hpp"
#include "io/csv_reader.hpp"
#include "text.hpp"

#include <fmt/format.h>

#include <charconv>

namespace ankang::ops {

std::vector<io::FieldSpec> sheet_fields(std::span<const ImportField> fields)
{
  std::vector<io::FieldSpec> out;
  out.reserve(fields.size());
  for (const auto& f : fields) out.push_back(io::FieldSpec{f.key, f.aliases, f.required});
  return out;
}

std::string plain_number(std::string_view v)
{
  std::string t = domain::nfkc(v);
  std::string out;
  out.reserve(t.size());
  for (size_t i = 0; i < t.size(); ++i) {
    const bool between_digits = i > 0 && i + 1 < t.size() && t[i - 1] >= '0' && t[i - 1] <= '9' && t[i + 1] >= '0' &&
                                t[i + 1] <= '9';
    if (t[i] == ',' && between_digits) continue;
    out += t[i];
  }
  return out;
}

std::optional<domain::Date> parse_sheet_date(std::string_view v, std::string& why, bool& serial)
{
  // Full-width digits (NFKC); a serial number of the 1900 date system has 5 digits (1927-05-18 to
  // 2173-10-14; 44428 is 2021-08-20).
  const std::string text = domain::nfkc(v);
  serial = false;
  if (text.size() == 5 && text.find_first_not_of("0123456789") == std::string::npos && text[0] != '0') {
    int32_t n = 0;
    std::from_chars(text.data(), text.data() + text.size(), n);
    serial = true;
    return domain::Date::from_days(n - 25569);  // serial 25569 is 1970-01-01
  }
  return domain::try_parse_date(text, why);
}

std::optional<std::string_view> parse_sheet_code(const domain::CodeSet& set, std::string_view v, std::string_view key,
                                                 std::string& why)
{
  if (auto c = set.parse(v)) return c;
  if (auto c = set.parse(domain::nfkc(v))) return c;  // full-width letters: ｍａｊｏｒ
  // The accepted forms, the closest of them (issue 13 point 7), and the --map-value hint, which
  // repeats the value: only when it is short and plain enough to type.
  why = fmt::format("not a {}: expected one of {}", set.what(), set.valid_values());
  if (const auto near = set.closest(v); !near.empty()) why += fmt::format("; the closest is {}", near);
  if (quote_value(v) == fmt::format("'{}'", v)) why += fmt::format(" (or --map-value {}:{}=…)", key, v);
  return std::nullopt;
}

std::optional<bool> parse_sheet_flag(std::string_view v, std::string& why)
{
  const std::string s = lower_ascii(v);
  for (std::string_view yes : {"yes", "y", "true", "1", "是"})
    if (s == yes) return true;
  for (std::string_view no : {"no", "n", "false", "0", "否"})
    if (s == no) return false;
  why = "expected yes or no (是/否)";
  return std::nullopt;
}

// ---- ImportRow -------------------------------------------------------------------------------

bool ImportRow::has(size_t field) const { return m_run.sheet().has(field); }

bool ImportRow::given(size_t field) const
{
  return has(field) && (m_run.options().blank_clear || !get(field).empty());
}

std::string_view ImportRow::get(size_t field) const
{
  return has(field) ? trim_blanks(m_row.get(field)) : std::string_view();
}

void ImportRow::error(size_t field, std::string why) { m_problems.push_back(Problem{field, std::move(why)}); }

void ImportRow::error(std::string why) { m_problems.push_back(Problem{std::nullopt, std::move(why)}); }

bool ImportRow::writing() const { return m_run.writing() && ok(); }

std::string ImportRow::where() const { return m_run.sheet().where(m_row); }

std::optional<domain::Date> ImportRow::date(size_t field)
{
  const auto v = get(field);
  if (v.empty()) {
    if (m_run.type().fields[field].required) error(field, "a date is required");
    return std::nullopt;
  }
  std::string why;
  bool serial = false;
  if (auto d = parse_sheet_date(v, why, serial)) {
    if (serial) m_run.count_serial_date(domain::nfkc(v), *d);
    return d;
  }
  error(field, fmt::format("not a date: {}", why));
  return std::nullopt;
}

std::optional<int64_t> ImportRow::number(size_t field)
{
  const auto v = get(field);
  if (v.empty()) return std::nullopt;
  const std::string plain = plain_number(v);
  int64_t n = 0;
  const auto [end, ec] = std::from_chars(plain.data(), plain.data() + plain.size(), n);
  if (ec != std::errc() || end != plain.data() + plain.size()) {
    error(field, "not a whole number");
    return std::nullopt;
  }
  return n;
}

std::optional<domain::Money> ImportRow::money(size_t field)
{
  const auto v = get(field);
  if (v.empty()) return std::nullopt;
  const auto unit = m_run.sheet().unit(field).find("万") != std::string_view::npos ? domain::MoneyUnit::wan_yuan
                                                                                  : domain::MoneyUnit::yuan;
  std::string why;
  if (auto m = domain::try_parse_money(plain_number(v), unit, why)) return m;
  error(field, fmt::format("not an amount of money: {}", why));
  return std::nullopt;
}

std::optional<bool> ImportRow::flag(size_t field)
{
  const auto v = get(field);
  if (v.empty()) return std::nullopt;
  std::string why;
  if (auto b = parse_sheet_flag(v, why)) return b;
  error(field, std::move(why));
  return std::nullopt;
}

std::optional<std::string_view> ImportRow::code(size_t field)
{
  const auto v = get(field);
  if (v.empty()) return std::nullopt;
  const auto& spec = m_run.type().fields[field];
  if (!spec.codes) throw std::logic_error(fmt::format("field {} has no code set", spec.key));
  std::string why;
  if (auto c = parse_sheet_code(spec.codes(), v, spec.key, why)) return c;
  error(field, std::move(why));
  return std::nullopt;
}

std::optional<std::string> ImportRow::uscc(size_t field)
{
  const auto v = get(field);
  if (v.empty()) return std::nullopt;
  std::string why;
  if (auto u = domain::try_normalize_uscc(v, why)) return u;
  error(field, why);
  return std::nullopt;
}

std::optional<std::string> ImportRow::value(size_t field)
{
  if (get(field).empty()) {
    if (m_run.type().fields[field].required && m_run.type().fields[field].kind != CellKind::date)
      error(field, "a value is required");
    else if (m_run.type().fields[field].kind == CellKind::date)
      date(field);  // says "a date is required" when it is
    return std::nullopt;
  }
  switch (m_run.type().fields[field].kind) {
  case CellKind::text: return std::string(get(field));
  case CellKind::date:
    if (auto d = date(field)) return d->iso();
    return std::nullopt;
  case CellKind::number:
    if (auto n = number(field)) return std::to_string(*n);
    return std::nullopt;
  case CellKind::money:
    if (auto m = money(field)) return domain::format_yuan(*m);
    return std::nullopt;
  case CellKind::flag:
    if (auto b = flag(field)) return std::string(*b ? "yes" : "no");
    return std::nullopt;
  case CellKind::code:
    if (auto c = code(field)) return std::string(*c);
    return std::nullopt;
  case CellKind::uscc: return uscc(field);
  }
  return std::nullopt;
}

// ---- ImportRun -------------------------------------------------------------------------------

void ImportRun::count_serial_date(std::string_view text, domain::Date d)
{
  if (m_serial_dates++ == 0) m_serial_example = fmt::format("{} → {}", text, d.iso());
}

// A bad row: each of its problems is one line of the errors; the rejects file gets the row once,
// with every reason.
void ImportRun::reject(const ImportRow& bad)
{
  ++m_result.batch.rows_rejected;
  const auto& row = bad.m_row;
  std::string reasons;
  const auto prefix = m_sheet->where(row) + ": ";
  for (const auto& p : bad.m_problems) {
    std::string line = p.field ? m_sheet->describe(row, *p.field, p.why) : m_sheet->describe(row, p.why);
    // The rejects file has its own line column: its reason starts after "FILE:LINE: ".
    const auto reason = line.starts_with(prefix) ? std::string_view(line).substr(prefix.size()) : std::string_view(line);
    reasons += fmt::format("{}{}", reasons.empty() ? "" : "; ", reason);
    m_result.errors.push_back(std::move(line));
  }
  if (m_rejects) {
    if (row.malformed().empty())
      m_rejects->add(row.line(), row.cells(), reasons);
    else
      m_rejects->add_raw(row.line(), row.raw(), reasons);
  }
  if (!m_o.skip_invalid) m_writing = false;
}

ImportResult run_import(store::Database& db, const ImportOptions& o, const ImportKind& type, const ImportSteps& steps)
{
  ImportRun run(db, o, type);
  run.m_specs = sheet_fields(type.fields);
  run.m_reader = std::make_unique<io::CsvReader>(o.path, o.encoding, o.sheet.sheet_name);
  run.m_reader->recover_malformed(true);  // a record that is not proper CSV is one more bad row
  run.m_sheet = std::make_unique<io::Sheet>(*run.m_reader, run.m_specs, o.sheet);
  auto& reader = *run.m_reader;
  auto& sheet = *run.m_sheet;
  auto& batch = run.m_result.batch;

  store::prepare_bulk_load(db);
  store::WriteTransaction tx(db.sql());
  batch.kind = std::string(type.kind);
  batch.file_name = o.path;
  batch.encoding = std::string(io::encoding_name(reader.encoding()));
  batch.actor = o.actor;
  batch.started_at = o.now;
  store::insert_batch(db, batch);
  if (o.skip_invalid && !o.rejects_path.empty())
    run.m_rejects = std::make_unique<io::RejectsWriter>(o.rejects_path, sheet.header());
  if (steps.start) steps.start(run);

  io::SheetRow sheet_row;
  while (sheet.next(sheet_row)) {
    ++batch.rows_read;
    if (o.progress && batch.rows_read % 4096 == 0)
      o.progress(static_cast<uint64_t>(batch.rows_read), reader.bytes_read(), reader.file_size());
    ImportRow row(run, sheet_row);
    if (!sheet_row.malformed().empty()) {
      row.error(std::string(sheet_row.malformed()));
    } else if (auto problem = sheet.cell_problem(sheet_row)) {
      row.error(std::move(*problem));
    } else {
      const bool writing = run.writing();
      const auto outcome = steps.row(row);
      if (row.ok() && writing) {  // an all-or-nothing import that has failed only validates
        switch (outcome) {
        case RowOutcome::imported: ++batch.rows_imported; break;
        case RowOutcome::updated: ++batch.rows_updated; break;
        case RowOutcome::skipped: ++batch.rows_skipped; break;
        }
      }
    }
    if (!row.ok()) run.reject(row);
  }
  if (o.progress) o.progress(static_cast<uint64_t>(batch.rows_read), reader.bytes_read(), reader.file_size());

  auto& r = run.m_result;
  r.notes = sheet.notes();
  if (steps.finish) steps.finish(run);
  for (auto& n : run.m_notes) r.notes.push_back(std::move(n));
  if (run.m_serial_dates > 0)
    r.notes.push_back(o.sheet.lang == domain::Lang::zh
                          ? fmt::format("{}: {} 个日期是 Excel 日期序号（1900 日期系统），已换算为日期，如 {}", o.path,
                                        run.m_serial_dates, run.m_serial_example)
                          : fmt::format("{}: {} dates are Excel serial numbers (1900 date system), read as dates, e.g. {}",
                                        o.path, run.m_serial_dates, run.m_serial_example));
  batch.sha256 = reader.sha256();
  batch.encoding = std::string(io::encoding_name(reader.encoding()));
  batch.finished_at = o.now;
  if (!run.committing()) return std::move(run.m_result);  // rolled back by tx's destructor
  store::finish_batch(db, batch);
  tx.commit();
  if (run.m_rejects) run.m_rejects->commit();
  r.committed = true;
  return std::move(run.m_result);
}

}  // namespace ankang::ops
