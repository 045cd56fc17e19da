#include "store/region_store.hpp"
#include "error.hpp"
#include "store/database.hpp"

#include <catch2/catch.hpp>

using namespace ankang;

TEST_CASE("regions resolve from names, short forms, paths and codes", "[region]") {
  auto db = store::Database::in_memory();
  store::RegionStore regions(db.sql());
  for (const char* text : {"刚察县", "刚察", "海北州/刚察县", "海北藏族自治州/刚察县", "632224", "青海省/海北州/刚察县",
                           " 海北州 / 刚察县 ", "海北州／刚察县"}) {
    INFO(text);
    const auto r = regions.resolve(text);
    CHECK(r.code == "632224");
    CHECK(r.full_name == "海北藏族自治州/刚察县");
    CHECK(r.level == 3);
  }
  CHECK(regions.resolve("海北州").code == "632200");
  CHECK(regions.resolve("大通县").full_name == "西宁市/大通回族土族自治县");
  CHECK(regions.resolve("青海省").code == "630000");
  // A code from elsewhere in China is accepted as given.
  const auto other = regions.resolve("110105");
  CHECK(other.code == "110105");
  CHECK(other.name.empty());
  CHECK(other.full_name == "110105");
  CHECK_FALSE(regions.find("北京市"));
}

TEST_CASE("unknown regions say what is valid", "[region]") {
  auto db = store::Database::in_memory();
  store::RegionStore regions(db.sql());
  CHECK_THROWS_WITH(regions.resolve("海北州/西宁县"),
                    "unknown region '海北州/西宁县': expected a 6-digit code or a Qinghai region; the counties of "
                    "海北藏族自治州: 海北藏族自治州/门源回族自治县, 海北藏族自治州/祁连县, 海北藏族自治州/海晏县, "
                    "海北藏族自治州/刚察县");
  CHECK_THROWS_WITH(regions.resolve("格尔"),
                    "unknown region '格尔': expected a 6-digit code or a Qinghai region; "
                    "similar names: 海西蒙古族藏族自治州/格尔木市");
  CHECK_THROWS_WITH(
      regions.resolve("Beijing"),
      "unknown region 'Beijing': expected a 6-digit code or a Qinghai region; the prefectures of Qinghai "
      "(or their counties): 西宁市, 海东市, 海北藏族自治州, 黄南藏族自治州, 海南藏族自治州, 果洛藏族自治州, "
      "玉树藏族自治州, 海西蒙古族藏族自治州");
}

TEST_CASE("region subtrees are code ranges", "[region]") {
  CHECK(store::region_subtree("632200").low == "632200");
  CHECK(store::region_subtree("632200").high == "632299");
  CHECK(store::region_subtree("630000").high == "639999");
  CHECK(store::region_subtree("632224").high == "632224");
}
