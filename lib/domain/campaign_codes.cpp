#include "domain/campaign_codes.hpp"

#include <array>

namespace ankang::domain {

namespace {

constexpr std::array k_violation_kinds{
    CodeInfo{"command", "违章指挥", "unsafe command", "指挥|违章指挥行为"},
    CodeInfo{"operation", "违章作业", "unsafe operation", "作业|违章操作|违规作业|违规操作"},
    CodeInfo{"discipline", "违反劳动纪律", "breach of labour discipline", "纪律|劳动纪律|违纪|违反纪律"},
};

constexpr std::array k_training_audiences{
    CodeInfo{"new_hire", "新入职人员", "new hires", "新入职|新员工|新进员工|新入职员工|新工人|new-hire"},
    CodeInfo{"special_operation", "特种作业人员", "special-operation workers", "特种作业|特种作业人员培训|special-operation"},
    CodeInfo{"outsourced", "外协作业人员", "outsourced workers", "外协|外包|外协人员|外包人员|外来施工人员"},
    CodeInfo{"high_risk", "高风险岗位人员", "high-risk posts", "高风险岗位|高危岗位|高风险|high-risk"},
    CodeInfo{"non_routine", "非常规作业人员", "non-routine work", "非常规作业|非常规|non-routine"},
    CodeInfo{"all", "全员", "all staff", "全体|全体员工|全体职工|全员培训"},
};

constexpr std::array k_training_forms{
    CodeInfo{"onsite", "现场", "on site", "线下|现场培训|集中培训|面授|on-site"},
    CodeInfo{"online", "线上", "online", "网络|网络培训|线上培训|视频"},
};

constexpr CodeSet k_violation_set{"violation kind", k_violation_kinds};
constexpr CodeSet k_audience_set{"training audience", k_training_audiences};
constexpr CodeSet k_form_set{"training form", k_training_forms};

}  // namespace

const CodeSet& violation_kinds() { return k_violation_set; }
const CodeSet& training_audiences() { return k_audience_set; }
const CodeSet& training_forms() { return k_form_set; }

}  // namespace ankang::domain
