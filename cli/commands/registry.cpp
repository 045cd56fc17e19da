#include "cli/commands/registry.hpp"

#include <array>

namespace ankang::cli {

namespace {

const std::array k_groups{
    CommandGroup{"init", "Create a new ankang database", add_init_command},
    CommandGroup{"db", "Check, back up and inspect the database", add_db_commands},
    CommandGroup{"enterprise", "Register, import and query enterprises (企业)", add_enterprise_commands},
    CommandGroup{"hazard", "Record, import and query hazards (隐患)", add_hazard_commands},
    CommandGroup{"inspection", "Record, list and show inspections and union visits (检查)", add_inspection_commands},
    CommandGroup{"rectify", "Rectification: plan, progress, extend, done, verify (整改闭环)", add_rectify_commands},
    CommandGroup{"report", "Weekly, summary, overdue, enterprise and quarterly reports (报表)", add_report_commands},
    CommandGroup{"batch", "Imports on record: list, show, undo (导入批次)", add_batch_commands},
    CommandGroup{"org", "The organisation this database belongs to (本单位)", add_org_commands},
    CommandGroup{"letter", "The union's letters: 意见书, 建议书, reports, their reply clocks and escalation (监督函件)", add_letter_commands},
    CommandGroup{"calendar", "China's working-day calendar with 调休 (工作日历)", add_calendar_commands},
    CommandGroup{"duty", "Leaders on duty on days off: plan, log, check (节假日到岗带班)", add_duty_commands},
    CommandGroup{"violation", "The 三违 log: 违章指挥, 违章作业, 违反劳动纪律", add_violation_commands},
    CommandGroup{"training", "Special training (专项培训) of new hires, special-operation workers and others", add_training_commands},
    CommandGroup{"help", "Help topics, e.g. 'ankang help exit-codes'", add_help_commands},
    CommandGroup{"completion", "Print the shell completion script: bash, zsh or fish", add_completion_command},
};

}  // namespace

std::span<const CommandGroup> command_groups() { return k_groups; }

void set_example(CLI::App* cmd, const std::string& example) { cmd->footer("Example:\n  " + example); }

}  // namespace ankang::cli
