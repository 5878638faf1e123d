// Key-range reads of sqlite_table: Query and Scan on the table or a secondary index, in the
// order of the key encoding, so that key conditions are index range scans, not filters.

#include "storage/item_json.hpp"
#include "storage/item_size.hpp"
#include "storage/sqlite_table.hpp"

#include <boost/crc.hpp>

namespace lambdad::storage {
namespace {

// Parameter numbers of the range SQL: ?1 hash, ?2 lower bound, ?3 upper bound, ?4.. position.
constexpr int hash_parameter = 1;
constexpr int lower_parameter = 2;
constexpr int upper_parameter = 3;
constexpr int position_parameter = 4;

// Builds `(a, b) > (?4, ?5)`, comparing the listed columns with the start position.
std::string after_clause(const std::vector<std::string>& columns, bool forward) {
    std::string left = "(";
    std::string right = "(";
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const std::string separator = i == 0 ? "" : ", ";
        left += separator + columns[i];
        right += separator + "?" + std::to_string(position_parameter + static_cast<int>(i));
    }
    return left + ")" + (forward ? " > " : " < ") + right + ")";
}

std::string order_clause(const std::vector<std::string>& columns, bool forward) {
    std::string order = " ORDER BY ";
    for (std::size_t i = 0; i < columns.size(); ++i) {
        order += (i == 0 ? "" : ", ") + columns[i] + (forward ? " ASC" : " DESC");
    }
    return order;
}

// The columns that order a read: a Query orders within one hash key, a Scan over all of them.
std::vector<std::string> order_columns(const range_request& request) {
    std::vector<std::string> columns;
    if (request.index) {
        if (!request.hash) {
            columns.push_back("i.hk");
        }
        columns.insert(columns.end(), {"i.rk", "i.thk", "i.trk"});
    } else {
        if (!request.hash) {
            columns.push_back("hk");
        }
        columns.push_back("rk");
    }
    return columns;
}

std::string range_sql(const std::string& table, const range_request& request) {
    const std::string prefix = request.index ? "i." : "";
    std::string sql = request.index
                          ? "SELECT i.hk, t.item FROM " +
                                sqlite_table::index_table_name(table, request.index->name) +
                                " i JOIN " + sqlite_table::item_table_name(table) +
                                " t ON t.hk = i.thk AND t.rk = i.trk"
                          : "SELECT hk, item FROM " + sqlite_table::item_table_name(table);
    std::vector<std::string> conditions;
    if (request.hash) {
        conditions.push_back(prefix + "hk = ?1");
    }
    if (request.lower) {
        conditions.push_back(prefix + "rk " + (request.lower->inclusive ? ">=" : ">") + " ?2");
    }
    if (request.upper) {
        conditions.push_back(prefix + "rk " + (request.upper->inclusive ? "<=" : "<") + " ?3");
    }
    const auto columns = order_columns(request);
    const bool forward = request.forward || !request.hash;
    if (request.after) {
        conditions.push_back(after_clause(columns, forward));
    }
    for (std::size_t i = 0; i < conditions.size(); ++i) {
        sql += (i == 0 ? " WHERE " : " AND ") + conditions[i];
    }
    return sql + order_clause(columns, forward);
}

void bind_request(statement& query, const range_request& request) {
    if (request.hash) {
        query.bind_blob(hash_parameter, *request.hash);
    }
    if (request.lower) {
        query.bind_blob(lower_parameter, request.lower->bytes);
    }
    if (request.upper) {
        query.bind_blob(upper_parameter, request.upper->bytes);
    }
    if (!request.after) {
        return;
    }
    // A Query's position leaves out the hash key, which the condition on ?1 already fixes.
    const std::size_t skip = request.hash ? 1 : 0;
    for (std::size_t i = skip; i < request.after->size(); ++i) {
        query.bind_blob(position_parameter + static_cast<int>(i - skip), (*request.after)[i]);
    }
}

// Parallel Scan assigns each hash key to one segment by a hash of its encoded bytes.
bool in_segment(std::string_view hash_key, const range_request& request) {
    if (request.total_segments <= 1) {
        return true;
    }
    boost::crc_32_type crc;
    crc.process_bytes(hash_key.data(), hash_key.size());
    return crc.checksum() % request.total_segments == request.segment;
}

}  // namespace

range_page sqlite_table::read_range_in(connection& reader, const range_request& request) {
    statement& query = reader.cached(range_sql(name_, request), "read_range");
    statement_reset reset(query);
    bind_request(query, request);
    range_page page;
    std::size_t bytes_read = 0;
    while (query.step()) {
        if (!in_segment(query.column_blob(0), request)) {
            continue;
        }
        page.items.push_back(item_from_dynamodb_json(query.column_text(1)));
        bytes_read += item_size(page.items.back());
        // As in DynamoDB, a read that reaches the limit or 1 MB stops there, and the caller
        // returns the last item's key even when no item follows.
        if (page.items.size() >= request.limit || bytes_read >= max_scan_page_bytes) {
            page.stopped_early = true;
            break;
        }
    }
    return page;
}

// NOTE: size_bytes counts the stored DynamoDB JSON text, which is larger than DynamoDB's own
// item size arithmetic; DynamoDB itself refreshes these figures only about every six hours.
table_statistics sqlite_table::statistics(const std::optional<std::string>& index) {
    check_not_deleted();
    const std::string items = item_table_name(name_);
    const std::string sql = index ? "SELECT count(*), coalesce(sum(length(t.item)), 0) FROM " +
                                        index_table_name(name_, *index) + " i JOIN " + items +
                                        " t ON t.hk = i.thk AND t.rk = i.trk"
                                  : "SELECT count(*), coalesce(sum(length(item)), 0) FROM " + items;
    try {
        return pool_->read([&](connection& reader) {
            statement& query = reader.cached(sql, "table_statistics");
            statement_reset reset(query);
            table_statistics result;
            if (query.step()) {
                result.item_count = query.column_int64(0);
                result.size_bytes = query.column_int64(1);
            }
            return result;
        });
    } catch (const sqlite_error& error) {
        throw to_table_error(error);
    }
}

}  // namespace lambdad::storage
