# Writes a C++ source holding every schemas/NNNN_name.sql as a migration, in order.
# Run at build time: cmake -DSCHEMA_DIR=... -DOUTPUT=... -P embed_schemas.cmake
file(GLOB files RELATIVE ${SCHEMA_DIR} ${SCHEMA_DIR}/*.sql)
list(SORT files)
set(body "")
foreach(f IN LISTS files)
  if(NOT f MATCHES "^([0-9][0-9][0-9][0-9])_(.*)\\.sql$")
    message(FATAL_ERROR "schemas/${f}: migration files are named NNNN_name.sql")
  endif()
  math(EXPR version "${CMAKE_MATCH_1}")
  set(name "${CMAKE_MATCH_2}")
  file(READ ${SCHEMA_DIR}/${f} sql)
  string(APPEND body "    {${version}, \"${name}\", R\"ankang_sql(${sql})ankang_sql\"},\n")
endforeach()
set(content "// Generated from schemas/*.sql by cmake/embed_schemas.cmake. Do not edit.
#include \"store/migrations.hpp\"

namespace ankang::store {

const std::vector<Migration>& embedded_migrations()
{
  static const std::vector<Migration> migrations = {
${body}  };
  return migrations;
}

}  // namespace ankang::store
")
if(EXISTS ${OUTPUT})
  file(READ ${OUTPUT} old)
  if(old STREQUAL content)
    return()
  endif()
endif()
file(WRITE ${OUTPUT} "${content}")
