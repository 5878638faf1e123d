#pragma once

#include "storage/sqlite.hpp"
#include "storage/table_definition.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lambdad::storage {

/// The catalogue of tables kept in the database itself: `lambdad_tables` (one row per table:
/// key schema, creation time, metadata) and `lambdad_indexes` (one row per secondary index).
/// Functions run on a connection the caller owns; writes belong in the caller's transaction.

/// Creates the catalogue tables when missing, and adds the metadata column to a catalogue
/// written by an older lambdad.
void create_catalogue(connection& db);

/// Reads a table's definition, or nothing when no such table exists.
std::optional<table_definition> read_definition(connection& db, const std::string& name);

/// Inserts a new table's definition (key schema, indexes, metadata).
void insert_definition(connection& db, const table_definition& definition);

/// Replaces a table's indexes and metadata.
void update_definition(connection& db, const table_definition& definition);

/// Deletes a table's catalogue rows.
void delete_definition(connection& db, const std::string& name);

/// The names of all tables, sorted.
std::vector<std::string> read_table_names(connection& db);

}  // namespace lambdad::storage
