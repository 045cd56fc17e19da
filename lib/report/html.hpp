#pragma once
// HTML for people to look at and print: one self-contained file (inline CSS, inline SVG charts
// drawn here, no JavaScript, nothing fetched), fonts that Chinese desktops have, and a print
// stylesheet for A4 (each section on a new page, table headers repeated on every page).
// The head and base styles are shared by every HTML document the tool writes (reports, letters).
#include "report/document.hpp"

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace ankang::report {

// Text for HTML element content and attribute values: & < > " ' escaped; control characters
// other than line breaks and tabs dropped.
std::string html_escape(std::string_view text);

// The base stylesheet: CJK font stacks with fallbacks, tables, headings, and @media print for A4.
std::string_view html_base_css();

// <!DOCTYPE html> … <body>: `lang` "zh-CN" or "en", the title, the base styles and `extra_css`.
void write_html_head(std::ostream& out, std::string_view title, std::string_view lang, std::string_view extra_css = {});
// </body></html>
void write_html_tail(std::ostream& out);

// A bar chart as inline SVG: one group of bars per category, one bar per series; `percent`
// labels values as percentages. Values that are not numbers count as 0.
struct ChartSeries {
  std::string name;
  std::vector<double> values;
  std::string colour;  // CSS colour
};
std::string svg_bar_chart(std::string_view title, const std::vector<std::string>& categories,
                          const std::vector<ChartSeries>& series, bool percent = false, const ChartSeries* line = nullptr);

void render_html(const Document& doc, std::ostream& out, const RenderOptions& options);

}  // namespace ankang::report
