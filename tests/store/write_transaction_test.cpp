#include "store/database.hpp"

#include <catch2/catch.hpp>

using namespace ankang;

namespace {
// A table of the test's own, with three rows.
store::Database probe_db()
{
  auto db = store::Database::in_memory();
  db.sql().exec("CREATE TABLE probe(x INTEGER); INSERT INTO probe VALUES (1), (2), (3)");
  return db;
}
int rows(store::Database& db) { return db.sql().execAndGet("SELECT count(*) FROM probe").getInt(); }
}  // namespace

TEST_CASE("WriteTransaction rolls back what it wrote unless committed")
{
  auto db = probe_db();
  const int before = rows(db);
  {
    store::WriteTransaction tx(db.sql());
    db.sql().exec("DELETE FROM probe WHERE x > 1");
    CHECK(rows(db) < before);
  }
  CHECK(rows(db) == before);
}

TEST_CASE("WriteTransaction whose ROLLBACK fails (the transaction already ended) neither throws nor undoes later work")
{
  auto db = probe_db();
  const int before = rows(db);
  {
    store::WriteTransaction tx(db.sql());
    db.sql().exec("DELETE FROM probe WHERE x > 1");
    // The transaction ends under it (as after a failed statement that SQLite rolled back itself):
    // the destructor's ROLLBACK then fails with "no transaction is active", which it must swallow.
    db.sql().exec("ROLLBACK");
    CHECK(rows(db) == before);
    CHECK_THROWS(db.sql().exec("ROLLBACK"));
    db.sql().exec("DELETE FROM probe WHERE x = 3");  // autocommit: outside any transaction
  }
  CHECK(rows(db) == before - 1);
  // The connection is usable: a new transaction begins and commits.
  store::WriteTransaction tx(db.sql());
  db.sql().exec("DELETE FROM probe WHERE x = 2");
  tx.commit();
  CHECK(rows(db) == before - 2);
}
