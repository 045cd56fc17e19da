# Writes a C++ source holding every po/LANG.po message catalogue as text, parsed by
# cli/i18n.cpp on first use: the binary speaks every language in po/ without the system's
# locales or gettext. Run at build time: cmake -DPO_DIR=... -DOUTPUT=... -P embed_catalogue.cmake
file(GLOB files RELATIVE ${PO_DIR} ${PO_DIR}/*.po)
list(SORT files)
set(body "")
foreach(f IN LISTS files)
  if(NOT f MATCHES "^([A-Za-z_]+)\\.po$")
    message(FATAL_ERROR "po/${f}: catalogues are named LANG.po (zh_CN.po)")
  endif()
  set(lang "${CMAKE_MATCH_1}")
  file(READ ${PO_DIR}/${f} po)
  if(po MATCHES "\\)ankang_po\"")
    message(FATAL_ERROR "po/${f}: contains the embedding delimiter )ankang_po\"")
  endif()
  string(APPEND body "    {\"${lang}\", R\"ankang_po(${po})ankang_po\"},\n")
endforeach()
set(content "// Generated from po/*.po by cmake/embed_catalogue.cmake. Do not edit.
#include \"cli/i18n.hpp\"

namespace ankang::cli {

std::span<const EmbeddedCatalogue> embedded_catalogues()
{
  static const EmbeddedCatalogue catalogues[] = {
${body}  };
  return catalogues;
}

}  // namespace ankang::cli
")
if(EXISTS ${OUTPUT})
  file(READ ${OUTPUT} old)
  if(old STREQUAL content)
    return()
  endif()
endif()
file(WRITE ${OUTPUT} "${content}")
