#pragma once
// report campaign: 隐患排查整治专项行动进展情况 — the campaign's progress from one day to another,
// by prefecture with a province total: enterprises inspected; hazards found, closed, open and
// overdue (by prefecture, by the notice's key sectors in its order, by level); major hazards and
// those under 挂牌督办; union visits and letters; 三违 by kind; persons trained by audience; leaders
// on duty on the days off.
#include "report/builders.hpp"

namespace ankang::report {

struct CampaignScope {
  std::string region_prefix;  // store::region_prefix_of of --region; '' = the whole province
  std::string region_name;    // its full name
};

// The figures stand as of the range's end, or `ctx.today` when the range is not over (the report
// then says so).
Document build_campaign(store::Database& db, store::DateRange range, const CampaignScope& scope, const Context& ctx);

// The notice's key sectors in its order: 煤矿、非煤矿山、危险化学品、道路交通、建筑施工、消防、教育、
// 电力、能源、民用爆炸物品、特种设备、城镇燃气.
std::span<const std::string_view> campaign_key_sectors();

}  // namespace ankang::report
