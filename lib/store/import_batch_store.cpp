#include "store/import_batch_store.hpp"

#include "store/statement.hpp"

#include <fmt/format.h>

namespace ankang::store {

void prepare_bulk_load(Database& db) { db.sql().exec("PRAGMA cache_size = -24576"); }

BatchId insert_batch(Database& db, ImportBatch& b)
{
  Stmt s(db.sql(),
         "INSERT INTO import_batch (kind, file_name, sha256, encoding, rows_read, rows_imported, rows_updated, "
         "rows_skipped, rows_rejected, actor, started_at) VALUES (:kind, :file_name, :sha256, :encoding, :rows_read, "
         ":rows_imported, :rows_updated, :rows_skipped, :rows_rejected, :actor, :started_at)");
  s.bind(":kind", b.kind);
  s.bind(":file_name", b.file_name);
  s.bind(":sha256", b.sha256);
  s.bind(":encoding", b.encoding);
  s.bind(":rows_read", b.rows_read);
  s.bind(":rows_imported", b.rows_imported);
  s.bind(":rows_updated", b.rows_updated);
  s.bind(":rows_skipped", b.rows_skipped);
  s.bind(":rows_rejected", b.rows_rejected);
  s.bind(":actor", b.actor);
  s.bind(":started_at", b.started_at);
  s.run();
  b.id = BatchId{s.last_insert_rowid()};
  return b.id;
}

void finish_batch(Database& db, const ImportBatch& b)
{
  Stmt s(db.sql(),
         "UPDATE import_batch SET rows_read = :rows_read, rows_imported = :rows_imported, rows_updated = :rows_updated, "
         "rows_skipped = :rows_skipped, rows_rejected = :rows_rejected, sha256 = :sha256, encoding = :encoding, "
         "finished_at = :finished_at WHERE id = :id");
  s.bind(":sha256", b.sha256);
  s.bind(":encoding", b.encoding);
  s.bind(":rows_read", b.rows_read);
  s.bind(":rows_imported", b.rows_imported);
  s.bind(":rows_updated", b.rows_updated);
  s.bind(":rows_skipped", b.rows_skipped);
  s.bind(":rows_rejected", b.rows_rejected);
  s.bind_text_or_null(":finished_at", b.finished_at);
  s.bind(":id", b.id.value);
  s.run();
}

namespace {

constexpr std::string_view k_batch_columns =
    "id, kind, file_name, sha256, encoding, rows_read, rows_imported, rows_updated, rows_skipped, rows_rejected, actor, "
    "started_at, finished_at, undone_at, undone_by, undo_reason";

ImportBatch batch_from_row(const Stmt& s)
{
  ImportBatch b;
  b.id = BatchId{s.int64(0)};
  b.kind = s.str(1);
  b.file_name = s.str(2);
  b.sha256 = s.str(3);
  b.encoding = s.str(4);
  b.rows_read = s.int64(5);
  b.rows_imported = s.int64(6);
  b.rows_updated = s.int64(7);
  b.rows_skipped = s.int64(8);
  b.rows_rejected = s.int64(9);
  b.actor = s.str(10);
  b.started_at = s.str(11);
  b.finished_at = s.str(12);
  b.undone_at = s.str(13);
  b.undone_by = s.str(14);
  b.undo_reason = s.str(15);
  return b;
}

}  // namespace

std::vector<ImportBatch> list_batches(Database& db, std::string_view kind)
{
  Stmt s(db.sql(), fmt::format("SELECT {} FROM import_batch WHERE :kind = '' OR kind = :kind ORDER BY id", k_batch_columns));
  s.bind(":kind", kind);
  return all_rows(s, batch_from_row);
}

std::optional<ImportBatch> get_batch(Database& db, BatchId id)
{
  Stmt s(db.sql(), fmt::format("SELECT {} FROM import_batch WHERE id = :id", k_batch_columns));
  s.bind(":id", id.value);
  if (!s.step()) return std::nullopt;
  return batch_from_row(s);
}

void mark_batch_undone(Database& db, BatchId id, std::string_view at, std::string_view by, std::string_view reason)
{
  Stmt s(db.sql(), "UPDATE import_batch SET undone_at = :at, undone_by = :by, undo_reason = :reason WHERE id = :id");
  s.bind(":at", at);
  s.bind(":by", by);
  s.bind_text_or_null(":reason", reason);
  s.bind(":id", id.value);
  s.run();
}

void record_batch_enterprise(Database& db, BatchId batch, const BatchEnterprise& e)
{
  Stmt s(db.sql(),
         "INSERT INTO import_batch_enterprise (batch_id, enterprise_id, action, fields) "
         "VALUES (:batch, :enterprise, :action, :fields)");
  s.bind(":batch", batch.value);
  s.bind(":enterprise", e.enterprise_id.value);
  s.bind(":action", e.action);
  s.bind_text_or_null(":fields", e.fields_json);
  s.run();
}

std::vector<BatchEnterprise> list_batch_enterprises(Database& db, BatchId batch)
{
  Stmt s(db.sql(),
         "SELECT enterprise_id, action, fields FROM import_batch_enterprise WHERE batch_id = :batch ORDER BY enterprise_id");
  s.bind(":batch", batch.value);
  return all_rows(s, [](const Stmt& row) { return BatchEnterprise{EnterpriseId{row.int64(0)}, row.str(1), row.str(2)}; });
}

}  // namespace ankang::store
