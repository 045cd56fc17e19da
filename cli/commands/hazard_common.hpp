#pragma once
// Pieces shared by the hazard and inspection commands: the business-date actor, the filter
// options of `hazard list` and `hazard export`, and the export's columns.
#include "cli/context.hpp"
#include "cli/output.hpp"
#include "ops/hazard_ops.hpp"
#include "store/hazard_store.hpp"

#include <CLI/CLI.hpp>
#include <string>

namespace ankang::cli {

// --user, --on (default today) and the wall clock, for the history.
ops::Actor make_actor(const Context& ctx, const std::string& on_text);

// The coded and parsed options of hazard add/update (--level, --category, --stop-production,
// --sector, --deadline, --funds) checked as options: a value that does not parse or is not
// allowed is a usage error (exit 2); the rules between values are left to ops (exit 5).
void check_hazard_option_value(std::string_view option, std::string_view value);

// How people read the history: an event kind (done → 整改完成), a changed field's name
// (due_on → 整改期限) and value (coded values by their labels, — for none), and a step's note
// ("undoes done of 2021-09-27: REASON" → 撤销 2021-09-27 的整改完成：REASON; stored as written).
std::string_view event_label(std::string_view kind, domain::Lang lang);
std::string hazard_field_label(std::string_view field, domain::Lang lang);
std::string hazard_field_value(std::string_view field, const std::optional<std::string>& value, domain::Lang lang);
std::string step_note(std::string_view note, domain::Lang lang);

struct HazardFilterOptions {
  std::string enterprise, sector, region, level, status, found, due_within, owner, text, sort = "found";
  bool overdue = false;
  bool supervised = false;  // under 挂牌督办 now
  bool all = false;  // voided hazards too
  int64_t limit = 0;
};

void add_hazard_filter_options(CLI::App* cmd, HazardFilterOptions& o, bool with_sort);
// Resolves names (enterprise, region), periods and windows; `include_void` is export's default.
store::HazardFilter build_hazard_filter(const Context& ctx, store::Database& db, const HazardFilterOptions& o,
                                        bool include_void);

// Streams the hazards: machine formats (csv, json, jsonl) with the export's English columns,
// table and md with labels. `overdue_column` adds days overdue to the human table.
void write_hazards(const Context& ctx, store::Database& db, const store::HazardFilter& filter, const OutputOptions& output,
                   bool overdue_column);

void add_hazard_import_command(CLI::App& group, Context& ctx);
void add_hazard_export_command(CLI::App& group, Context& ctx);
// hazard supervise / unsupervise (挂牌督办, 摘牌).
void add_hazard_supervision_commands(CLI::App& group, Context& ctx);

}  // namespace ankang::cli
