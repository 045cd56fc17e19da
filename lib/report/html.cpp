#include "report/html.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace ankang::report {

namespace {

constexpr std::string_view k_css = R"css(
:root { --ink: #1f2933; --muted: #52606d; --rule: #cbd2d9; --head: #e4ecf4; --accent: #1d4e89; --alert: #b42318; }
* { box-sizing: border-box; }
html { font-family: "Microsoft YaHei", "微软雅黑", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Source Han Sans SC",
       "WenQuanYi Micro Hei", "Noto Sans SC", sans-serif; color: var(--ink); font-size: 14px; line-height: 1.6; }
body { margin: 0; background: #f5f7fa; }
main.doc { max-width: 1000px; margin: 24px auto; padding: 32px 40px; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.08); }
h1 { font-size: 24px; margin: 0 0 4px; color: var(--accent); font-family: "SimHei", "黑体", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; }
h2 { font-size: 18px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--accent); color: var(--accent); }
p { margin: 6px 0; }
.subtitle { color: var(--muted); margin-bottom: 16px; }
.summary { background: #f0f4f8; border-left: 4px solid var(--accent); padding: 10px 14px; margin: 16px 0; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; font-size: 13px; }
th, td { border: 1px solid var(--rule); padding: 4px 8px; vertical-align: top; }
th { background: var(--head); font-weight: bold; text-align: center; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: bold; background: #f7f9fb; }
.empty { color: var(--muted); font-style: italic; }
figure.chart { margin: 8px 0 12px; }
figure.chart svg { width: 100%; height: auto; max-height: 360px; }
footer.notes { margin-top: 28px; padding-top: 8px; border-top: 1px solid var(--rule); color: var(--muted); font-size: 12px; }
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  body { background: #fff; }
  main.doc { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  section.sec { break-before: page; }
  section.sec.first { break-before: auto; }
  h2 { break-after: avoid; }
  thead { display: table-header-group; }
  tr, figure.chart { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)css";

std::string num(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return fmt::format("{:.0f}", v);
  return fmt::format("{:.1f}", v);
}

double nice_max(double v) {
  if (v <= 0) return 1;
  const double p = std::pow(10.0, std::floor(std::log10(v)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (v <= m * p) return m * p;
  return 10 * p;
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') break;
        out += c;
    }
  }
  return out;
}

std::string_view html_base_css() { return k_css; }

void write_html_head(std::ostream& out, std::string_view title, std::string_view lang, std::string_view extra_css) {
  out << "<!DOCTYPE html>\n<html lang=\"" << html_escape(lang) << "\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>" << html_escape(title) << "</title>\n<style>" << k_css << extra_css << "</style>\n</head>\n<body>\n";
}

void write_html_tail(std::ostream& out) { out << "</body>\n</html>\n"; }

std::string svg_bar_chart(std::string_view title, const std::vector<std::string>& categories,
                          const std::vector<ChartSeries>& series, bool percent, const ChartSeries* line) {
  // Horizontal bars when the labels are long or many (sectors, regions); columns for weeks.
  const bool horizontal = line == nullptr;
  double top = percent ? 100 : 0;
  for (const auto& s : series)
    for (double v : s.values) top = std::max(top, v);
  if (line)
    for (double v : line->values) top = std::max(top, v);
  top = percent ? 100 : nice_max(top);
  const auto fmt_value = [&](double v) { return percent ? num(v) + "%" : num(v); };
  std::string svg;
  const size_t n = categories.size();
  const double width = 720;
  if (horizontal) {
    const double label_w = 150, row_h = 10.0 + 14.0 * static_cast<double>(series.size()), top_pad = 44;
    const double plot_w = width - label_w - 60;
    const double height = top_pad + row_h * static_cast<double>(n) + 24;
    svg += fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {:.0f}" role="img" aria-label="{}">)", width, height,
                       html_escape(title));
    svg += fmt::format(R"(<text x="0" y="16" font-size="15" font-weight="bold" fill="#1f2933">{}</text>)", html_escape(title));
    double lx = label_w;
    for (const auto& s : series) {
      svg += fmt::format(R"(<rect x="{:.0f}" y="26" width="12" height="12" fill="{}"/><text x="{:.0f}" y="36" font-size="12" fill="#52606d">{}</text>)",
                         lx, s.colour, lx + 16, html_escape(s.name));
      lx += 40 + 13.0 * static_cast<double>(s.name.size()) / 2;
    }
    for (int g = 0; g <= 4; ++g) {
      const double x = label_w + plot_w * g / 4;
      svg += fmt::format(R"(<line x1="{:.1f}" y1="{:.0f}" x2="{:.1f}" y2="{:.0f}" stroke="#e4e7eb"/>)", x, top_pad - 4, x,
                         top_pad + row_h * static_cast<double>(n));
      svg += fmt::format(R"(<text x="{:.1f}" y="{:.0f}" font-size="11" fill="#7b8794" text-anchor="middle">{}</text>)", x,
                         top_pad + row_h * static_cast<double>(n) + 16, fmt_value(top * g / 4));
    }
    for (size_t i = 0; i < n; ++i) {
      const double y0 = top_pad + row_h * static_cast<double>(i);
      svg += fmt::format(R"(<text x="{:.0f}" y="{:.1f}" font-size="12" fill="#1f2933" text-anchor="end">{}</text>)", label_w - 8,
                         y0 + row_h / 2 + 4, html_escape(categories[i]));
      for (size_t k = 0; k < series.size(); ++k) {
        const double v = i < series[k].values.size() ? series[k].values[i] : 0;
        const double w = plot_w * std::max(0.0, v) / top;
        const double y = y0 + 5 + 14.0 * static_cast<double>(k);
        svg += fmt::format(R"(<rect x="{:.0f}" y="{:.1f}" width="{:.1f}" height="12" fill="{}"/>)", label_w, y, w, series[k].colour);
        svg += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" font-size="11" fill="#52606d">{}</text>)", label_w + w + 4, y + 10,
                           fmt_value(v));
      }
    }
    svg += "</svg>";
    return svg;
  }
  const double height = 300, left = 48, right = 16, top_pad = 48, bottom = 40;
  const double plot_w = width - left - right, plot_h = height - top_pad - bottom;
  svg += fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" aria-label="{}">)", width, height,
                     html_escape(title));
  svg += fmt::format(R"(<text x="0" y="16" font-size="15" font-weight="bold" fill="#1f2933">{}</text>)", html_escape(title));
  double lx = left;
  for (const auto& s : series) {
    svg += fmt::format(R"(<rect x="{:.0f}" y="26" width="12" height="12" fill="{}"/><text x="{:.0f}" y="36" font-size="12" fill="#52606d">{}</text>)",
                       lx, s.colour, lx + 16, html_escape(s.name));
    lx += 40 + 13.0 * static_cast<double>(s.name.size()) / 2;
  }
  if (line)
    svg += fmt::format(R"(<line x1="{0:.0f}" y1="32" x2="{1:.0f}" y2="32" stroke="{2}" stroke-width="2.5"/><circle cx="{3:.0f}" cy="32" r="3.5" fill="{2}"/><text x="{4:.0f}" y="36" font-size="12" fill="#52606d">{5}</text>)",
                       lx, lx + 20, line->colour, lx + 10, lx + 26, html_escape(line->name));
  for (int g = 0; g <= 4; ++g) {
    const double y = top_pad + plot_h - plot_h * g / 4;
    svg += fmt::format(R"(<line x1="{:.0f}" y1="{:.1f}" x2="{:.0f}" y2="{:.1f}" stroke="#e4e7eb"/>)", left, y, width - right, y);
    svg += fmt::format(R"(<text x="{:.0f}" y="{:.1f}" font-size="11" fill="#7b8794" text-anchor="end">{}</text>)", left - 6, y + 4,
                       fmt_value(top * g / 4));
  }
  const double slot = n ? plot_w / static_cast<double>(n) : plot_w;
  const double bar_w = std::min(36.0, slot * 0.6 / static_cast<double>(std::max<size_t>(series.size(), 1)));
  std::string points;
  for (size_t i = 0; i < n; ++i) {
    const double cx = left + slot * (static_cast<double>(i) + 0.5);
    double x = cx - bar_w * static_cast<double>(series.size()) / 2;
    for (const auto& s : series) {
      const double v = i < s.values.size() ? s.values[i] : 0;
      const double h = plot_h * std::max(0.0, v) / top;
      svg += fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}"/>)", x, top_pad + plot_h - h, bar_w, h,
                         s.colour);
      svg += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" font-size="11" fill="#1f2933" text-anchor="middle">{}</text>)", x + bar_w / 2,
                         top_pad + plot_h - h - 4, fmt_value(v));
      x += bar_w;
    }
    if (line) {
      const double v = i < line->values.size() ? line->values[i] : 0;
      points += fmt::format("{}{:.1f},{:.1f}", points.empty() ? "" : " ", cx, top_pad + plot_h - plot_h * std::max(0.0, v) / top);
    }
    svg += fmt::format(R"(<text x="{:.1f}" y="{:.0f}" font-size="12" fill="#1f2933" text-anchor="middle">{}</text>)", cx,
                       top_pad + plot_h + 18, html_escape(categories[i]));
  }
  if (line && !points.empty()) {
    svg += fmt::format(R"(<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5"/>)", points, line->colour);
    for (size_t i = 0; i < n && i < line->values.size(); ++i) {
      const double cx = left + slot * (static_cast<double>(i) + 0.5);
      const double cy = top_pad + plot_h - plot_h * std::max(0.0, line->values[i]) / top;
      svg += fmt::format(R"(<circle cx="{:.1f}" cy="{:.1f}" r="3.5" fill="{}"/>)", cx, cy, line->colour);
    }
  }
  svg += "</svg>";
  return svg;
}

namespace {

double number_of(const Value& v) {
  if (v.machine.type != io::Cell::Type::number) return 0;
  return std::strtod(v.machine.text.c_str(), nullptr);
}

std::optional<size_t> column(const Table& t, std::string_view key) {
  for (size_t i = 0; i < t.columns.size(); ++i)
    if (t.columns[i].key == key) return i;
  return std::nullopt;
}

bool is_total(const std::vector<Value>& row) {
  return !row.empty() && row.front().machine.type == io::Cell::Type::text && row.front().machine.text == "total";
}

// The charts the tool draws from a section's table, by the section's key.
std::string chart_for(const Section& s, bool zh) {
  const Table& t = s.table;
  constexpr std::string_view k_new = "#2f6fb3", k_second = "#e08a2c", k_rate = "#2f9e6a";
  if (s.key == "trend") {
    const auto week = column(t, "week"), nw = column(t, "new"), closed = column(t, "closed");
    if (!week || !nw || !closed || t.rows.empty()) return {};
    std::vector<std::string> cats;
    ChartSeries bars{zh ? "新增" : "new", {}, std::string(k_new)};
    ChartSeries line{zh ? "销号" : "closed", {}, std::string(k_second)};
    for (const auto& r : t.rows) {
      const std::string& code = r[*week].machine.text;
      cats.push_back(code.size() > 5 ? code.substr(5) : code);
      bars.values.push_back(number_of(r[*nw]));
      line.values.push_back(number_of(r[*closed]));
    }
    return svg_bar_chart(zh ? "近8周新增与销号" : "New and closed, last 8 weeks", cats, {bars}, false, &line);
  }
  if (s.key == "by_sector") {
    const auto nw = column(t, "new"), open = column(t, "open_at_end");
    if (!nw || !open) return {};
    std::vector<std::string> cats;
    ChartSeries a{zh ? "本期新增" : "new", {}, std::string(k_new)};
    ChartSeries b{zh ? "期末未整改" : "open at end", {}, std::string(k_second)};
    for (const auto& r : t.rows) {
      if (is_total(r)) continue;
      cats.push_back(r[0].human());
      a.values.push_back(number_of(r[*nw]));
      b.values.push_back(number_of(r[*open]));
    }
    if (cats.empty()) return {};
    return svg_bar_chart(zh ? "分行业领域：新增与期末未整改" : "By sector: new and open at end", cats, {a, b});
  }
  if (s.key == "by_region") {
    const auto rate = column(t, "closure_rate"), name = column(t, "region");
    if (!rate || !name) return {};
    std::vector<std::string> cats;
    ChartSeries a{zh ? "整改率" : "closure rate", {}, std::string(k_rate)};
    for (const auto& r : t.rows) {
      if (is_total(r)) continue;
      cats.push_back(r[*name].human());
      a.values.push_back(number_of(r[*rate]));
    }
    if (cats.empty()) return {};
    return svg_bar_chart(zh ? "分地区整改率" : "Closure rate by region", cats, {a}, true);
  }
  return {};
}

}  // namespace

void render_html(const Document& doc, std::ostream& out, const RenderOptions& options) {
  const bool zh = options.lang == domain::Lang::zh;
  write_html_head(out, doc.title, zh ? "zh-CN" : "en");
  out << "<main class=\"doc report report-" << html_escape(doc.kind) << "\">\n<header>\n<h1>" << html_escape(doc.title) << "</h1>\n";
  if (!doc.subtitle.empty()) out << "<p class=\"subtitle\">" << html_escape(doc.subtitle) << "</p>\n";
  out << "</header>\n";
  if (!doc.paragraphs.empty()) {
    out << "<div class=\"summary\">\n";
    for (const auto& p : doc.paragraphs) out << "<p>" << html_escape(p) << "</p>\n";
    out << "</div>\n";
  }
  bool first = true;
  for (const auto& s : doc.sections) {
    out << "<section class=\"sec" << (first ? " first" : "") << "\" id=\"" << html_escape(s.key) << "\">\n<h2>" << html_escape(s.title)
        << "</h2>\n";
    first = false;
    for (const auto& p : s.paragraphs) out << "<p>" << html_escape(p) << "</p>\n";
    if (const std::string chart = chart_for(s, zh); !chart.empty()) out << "<figure class=\"chart\">" << chart << "</figure>\n";
    if (s.table.rows.empty() && !s.empty_note.empty()) {
      out << "<p class=\"empty\">" << html_escape(s.empty_note) << "</p>\n";
    } else if (!s.table.columns.empty()) {
      out << "<table>\n<thead><tr>";
      for (const auto& c : s.table.columns) out << "<th>" << html_escape(c.label) << "</th>";
      out << "</tr></thead>\n<tbody>\n";
      for (const auto& r : s.table.rows) {
        out << (is_total(r) ? "<tr class=\"total\">" : "<tr>");
        for (size_t c = 0; c < s.table.columns.size(); ++c) {
          const bool right = s.table.columns[c].align == io::Align::right;
          out << (right ? "<td class=\"num\">" : "<td>") << (c < r.size() ? html_escape(r[c].human()) : "") << "</td>";
        }
        out << "</tr>\n";
      }
      out << "</tbody>\n</table>\n";
    }
    out << "</section>\n";
  }
  if (!doc.footer.empty()) {
    out << "<footer class=\"notes\">\n";
    for (const auto& f : doc.footer) out << "<p>" << html_escape(f) << "</p>\n";
    out << "</footer>\n";
  }
  out << "</main>\n";
  write_html_tail(out);
  out.flush();
}

}  // namespace ankang::report
