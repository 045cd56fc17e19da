#include "report/letter_print.hpp"

#include "report/common.hpp"
#include "domain/hazard.hpp"
#include "error.hpp"
#include "io/table.hpp"

#include <fmt/format.h>

namespace ankang::report {

namespace {

using domain::Lang;
using domain::LetterKind;
using detail::tr;

std::string title(LetterKind kind, Lang lang)
{
  switch (kind) {
  case LetterKind::opinion: return tr(lang, "工会劳动法律监督意见书", "Trade Union Labour Law Supervision Opinion");
  case LetterKind::proposal: return tr(lang, "工会劳动法律监督建议书", "Trade Union Labour Law Supervision Proposal");
  case LetterKind::report: return tr(lang, "关于监督检查发现重大问题的报告", "Report of Major Problems Found in Supervision");
  }
  return {};
}

// "+15wd" → 15个工作日 / 15 working days; "+60d" → 60日 / 60 days.
std::string within_text(std::string_view within, Lang lang)
{
  std::string_view t = within;
  if (!t.empty() && t.front() == '+') t.remove_prefix(1);
  if (t.ends_with("wd")) {
    const auto n = t.substr(0, t.size() - 2);
    return lang == Lang::zh ? fmt::format("{}个工作日", n) : fmt::format("{} working day{}", n, n == "1" ? "" : "s");
  }
  if (t.ends_with("d")) {
    const auto n = t.substr(0, t.size() - 1);
    return lang == Lang::zh ? fmt::format("{}日", n) : fmt::format("{} day{}", n, n == "1" ? "" : "s");
  }
  return std::string(within);
}

std::string enterprise_of(const LetterPrint& p)
{
  for (const auto& h : p.hazards) return h.enterprise;
  return {};
}

std::string facts_intro(const LetterPrint& p, Lang lang)
{
  const auto& l = p.letter;
  const bool zh = lang == Lang::zh;
  switch (l.kind) {
  case LetterKind::opinion:
    return zh ? fmt::format("{}在劳动保护监督检查中发现，你单位存在下列事故隐患，不符合安全生产法律法规的规定：", l.issuer)
              : fmt::format("In its labour-protection supervision, {} found the following hazards at your unit, contrary to "
                            "the laws and regulations on work safety:",
                            l.issuer);
  case LetterKind::proposal:
    if (p.about) {
      const auto& a = *p.about;
      const bool rejected = a.reply_on && a.reply_outcome == "rejected" && *a.reply_on <= l.issued_on;
      if (zh)
        return fmt::format("{}在劳动保护监督检查中发现，{}存在下列事故隐患。我会已于{}向该单位发出《工会劳动法律监督意见书》"
                           "（{}），该单位{}，至今未予纠正：",
                           l.issuer, enterprise_of(p), long_date(a.issued_on, lang), a.no,
                           rejected ? "书面答复拒绝整改" : fmt::format("未在{}前书面答复", long_date(a.reply_due, lang)));
      return fmt::format("In its labour-protection supervision, {} found the following hazards at {}. On {} it sent the "
                         "enterprise an opinion letter ({}); the enterprise {}, and has not corrected them:",
                         l.issuer, enterprise_of(p), long_date(a.issued_on, lang), a.no,
                         rejected ? "refused in writing to correct them"
                                  : fmt::format("did not answer in writing by {}", long_date(a.reply_due, lang)));
    }
    return zh ? fmt::format("{}在劳动保护监督检查中发现，{}存在下列事故隐患，经督促仍未纠正：", l.issuer, enterprise_of(p))
              : fmt::format("In its labour-protection supervision, {} found the following hazards at {}, still not "
                            "corrected after it urged the enterprise to do so:",
                            l.issuer, enterprise_of(p));
  case LetterKind::report:
    return zh ? fmt::format("{}在劳动保护监督检查中发现下列重大问题，现报告如下：", l.issuer)
              : fmt::format("In its labour-protection supervision, {} found the following major problems, reported here:",
                            l.issuer);
  }
  return {};
}

std::string basis_sentence(const store::Letter& l, Lang lang)
{
  const bool zh = lang == Lang::zh;
  const std::string due = long_date(l.reply_due, lang), within = within_text(l.reply_within, lang);
  switch (l.kind) {
  case LetterKind::opinion:
    return zh ? fmt::format("根据《中华人民共和国安全生产法》第六十条和《工会劳动法律监督办法》第二十条的规定，请你单位及时研究整改，"
                            "并于{}前（收到本意见书之日起{}内）将处理意见书面答复我会。",
                            due, within)
              : fmt::format("Under Article 60 of the Work Safety Law and Article 20 of the Measures for Trade Union Labour "
                            "Law Supervision, please study and correct them promptly and give us your handling opinion in "
                            "writing by {} (within {} of receiving this letter).",
                            due, within);
  case LetterKind::proposal:
    return zh ? fmt::format("根据《工会劳动法律监督办法》第二十一条、第二十三条的规定，建议贵单位依法处理，于{}前（{}内）作出是否立案的"
                            "决定，并将处理结果书面反馈我会。",
                            due, within)
              : fmt::format("Under Articles 21 and 23 of the Measures for Trade Union Labour Law Supervision, we propose "
                            "that you deal with them according to law, decide by {} (within {}) whether to open a case, "
                            "and inform us in writing of the result.",
                            due, within);
  case LetterKind::report:
    return zh ? fmt::format("根据《中华人民共和国安全生产法》第六十条的规定，现将上述问题报告贵单位，请依法督促整改，并于{}前（{}内）"
                            "将处理情况告知我会。",
                            due, within)
              : fmt::format("Under Article 60 of the Work Safety Law, we report these problems to you; please have them "
                            "corrected according to law and tell us by {} (within {}) what was done.",
                            due, within);
  }
  return {};
}

struct FactRow {
  std::string index, enterprise, location, description, level, deadline;
};

std::vector<FactRow> fact_rows(const LetterPrint& p, Lang lang)
{
  std::vector<FactRow> rows;
  for (const auto& lh : p.hazards) {
    const auto& h = lh.hazard;
    std::string level(domain::hazard_levels().label(domain::code(h.level), lang));
    if (!h.basis.empty() && h.level == domain::HazardLevel::major) level += lang == Lang::zh ? "（" + h.basis + "）" : " (" + h.basis + ")";
    rows.push_back({std::to_string(rows.size() + 1), lh.enterprise, h.location.empty() ? "—" : h.location, h.description,
                    level, h.due_on ? h.due_on->iso() : tr(lang, "未定", "not set")});
  }
  return rows;
}

std::vector<std::string> fact_headers(Lang lang)
{
  return {tr(lang, "序号", "No."),        tr(lang, "企业", "enterprise"),  tr(lang, "隐患部位", "location"),
          tr(lang, "隐患描述", "description"), tr(lang, "隐患等级", "level"), tr(lang, "整改期限", "deadline")};
}

std::string salutation(const store::Letter& l, Lang lang)
{
  return lang == Lang::zh ? l.addressee + "：" : fmt::format("To {}:", l.addressee);
}

// A Markdown table cell: one line, pipes escaped.
std::string md_cell(std::string_view text)
{
  std::string out;
  for (char c : io::single_line(text)) {
    if (c == '|') out += "\\|";
    else out += c;
  }
  return out;
}

std::string html_escape(std::string_view text)
{
  std::string out;
  for (char c : io::single_line(text)) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    default: out += c;
    }
  }
  return out;
}

std::string number_line(const store::Letter& l) { return l.no; }

std::string stamp_line(const store::Letter& l, Lang lang)
{
  return lang == Lang::zh ? l.issuer + "（盖章）" : l.issuer + " (seal)";
}

void render_md(const LetterPrint& p, Lang lang, std::ostream& out)
{
  const auto& l = p.letter;
  out << "# " << title(l.kind, lang) << "\n\n";
  out << number_line(l) << "\n\n";
  out << "**" << md_cell(salutation(l, lang)) << "**\n\n";
  out << md_cell(facts_intro(p, lang)) << "\n\n";
  const auto headers = fact_headers(lang);
  out << "|";
  for (const auto& h : headers) out << ' ' << h << " |";
  out << "\n|---|---|---|---|---|---|\n";
  for (const auto& r : fact_rows(p, lang))
    out << fmt::format("| {} | {} | {} | {} | {} | {} |\n", r.index, md_cell(r.enterprise), md_cell(r.location),
                       md_cell(r.description), md_cell(r.level), r.deadline);
  out << '\n';
  if (!l.text.empty()) out << md_cell(l.text) << "\n\n";
  out << md_cell(basis_sentence(l, lang)) << "\n\n";
  out << stamp_line(l, lang) << "  \n" << long_date(l.issued_on, lang) << "\n";
}

void render_html(const LetterPrint& p, Lang lang, std::ostream& out)
{
  const auto& l = p.letter;
  out << "<!DOCTYPE html>\n<html lang=\"" << (lang == Lang::zh ? "zh-CN" : "en") << "\">\n<head>\n<meta charset=\"utf-8\">\n";
  out << "<title>" << html_escape(title(l.kind, lang)) << ' ' << html_escape(l.no) << "</title>\n";
  out << "<style>\n"
         "body { font-family: \"FangSong\", \"仿宋\", \"STFangsong\", serif; font-size: 16pt; line-height: 1.8; "
         "max-width: 210mm; margin: 2em auto; padding: 0 2em; color: #000; }\n"
         "h1 { font-family: \"SimHei\", \"黑体\", sans-serif; text-align: center; font-size: 22pt; margin-bottom: 0.2em; }\n"
         "p.no { text-align: center; margin-top: 0; }\n"
         "p.body { text-indent: 2em; }\n"
         "table { border-collapse: collapse; width: 100%; font-size: 12pt; line-height: 1.5; }\n"
         "th, td { border: 1px solid #000; padding: 0.3em 0.5em; vertical-align: top; }\n"
         "th { background: #f0f0f0; }\n"
         ".sign { text-align: right; margin-top: 3em; }\n"
         "@media print { body { margin: 0; } th { background: none; } }\n"
         "</style>\n</head>\n<body>\n";
  out << "<h1>" << html_escape(title(l.kind, lang)) << "</h1>\n";
  out << "<p class=\"no\">" << html_escape(number_line(l)) << "</p>\n";
  out << "<p class=\"to\">" << html_escape(salutation(l, lang)) << "</p>\n";
  out << "<p class=\"body\">" << html_escape(facts_intro(p, lang)) << "</p>\n";
  out << "<table>\n<thead><tr>";
  for (const auto& h : fact_headers(lang)) out << "<th>" << html_escape(h) << "</th>";
  out << "</tr></thead>\n<tbody>\n";
  for (const auto& r : fact_rows(p, lang))
    out << "<tr><td>" << r.index << "</td><td>" << html_escape(r.enterprise) << "</td><td>" << html_escape(r.location)
        << "</td><td>" << html_escape(r.description) << "</td><td>" << html_escape(r.level) << "</td><td>"
        << html_escape(r.deadline) << "</td></tr>\n";
  out << "</tbody>\n</table>\n";
  if (!l.text.empty()) out << "<p class=\"body\">" << html_escape(l.text) << "</p>\n";
  out << "<p class=\"body\">" << html_escape(basis_sentence(l, lang)) << "</p>\n";
  out << "<p class=\"sign\">" << html_escape(stamp_line(l, lang)) << "<br>\n" << html_escape(long_date(l.issued_on, lang))
      << "</p>\n</body>\n</html>\n";
}

}  // namespace

LetterFormat parse_letter_format(std::string_view text)
{
  if (text == "md" || text == "markdown") return LetterFormat::md;
  if (text == "html") return LetterFormat::html;
  throw Error(ErrorKind::usage, fmt::format("invalid value for --format: {}: a letter prints as md or html", quote_value(text)));
}

std::string long_date(domain::Date d, Lang lang)
{
  static constexpr std::string_view k_months[] = {"January", "February", "March",     "April",   "May",      "June",
                                                  "July",    "August",   "September", "October", "November", "December"};
  const int year = d.year();
  const unsigned month = d.month(), day = d.day();
  if (lang == Lang::zh) return fmt::format("{}年{}月{}日", year, month, day);
  return fmt::format("{} {} {}", day, k_months[month - 1], year);
}

void render_letter(const LetterPrint& p, LetterFormat format, Lang lang, std::ostream& out)
{
  if (format == LetterFormat::md) render_md(p, lang, out);
  else render_html(p, lang, out);
}

}  // namespace ankang::report
