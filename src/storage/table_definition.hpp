#pragma once

#include "lambdad/table.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace lambdad::storage {

/// A secondary index of a table: its name, its key and whether it is global (a GSI) or local
/// (an LSI). Which attributes an index projects is the DynamoDB API's concern: the index stores
/// the keys of the items it contains, and reads return the whole item for the API to project.
struct index_definition {
    std::string name;
    key_schema schema;
    bool global = true;
};

/// Everything the database stores about a table.
struct table_definition {
    std::string name;
    key_schema schema;
    std::vector<index_definition> indexes;
    /// Opaque JSON text that the DynamoDB API keeps with the table (attribute definitions,
    /// projections, billing mode, TTL, tags); empty for tables created through ensure_table.
    std::string metadata;
    /// Creation time in milliseconds since the Unix epoch.
    std::int64_t created_at_ms = 0;
};

/// The item count and stored bytes of a table or index, for DescribeTable.
struct table_statistics {
    std::int64_t item_count = 0;
    std::int64_t size_bytes = 0;
};

}  // namespace lambdad::storage
