#pragma once
// What an import does with a row that is already in the database: one type for every import.
namespace ankang::ops {

enum class OnConflict { skip, update, error };

}  // namespace ankang::ops
