#include "storage/sqlite.hpp"

#include <sqlite3.h>

namespace lambdad::storage {
namespace {

std::string format_error(int code, std::string_view statement_name, std::string_view message) {
    std::string text = "SQLite call failed: statement=";
    text += statement_name;
    text += " code=" + std::to_string(code) + " (" + sqlite3_errstr(code) + ")";
    if (!message.empty()) {
        text += " message=";
        text += message;
    }
    return text;
}

// sqlite3_bind_blob treats a null pointer as SQL NULL, but an empty key must bind an empty BLOB.
const char* non_null(std::string_view bytes) {
    return bytes.data() ? bytes.data() : "";
}

// Turns off SQLite's allocation statistics, which take a global mutex on every allocation and
// which lambdad never reads. It must run before SQLite initialises, so before the first open.
void disable_memory_statistics() {
    static const int configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)configured;
}

}  // namespace

sqlite_error::sqlite_error(int code, std::string_view statement_name, std::string_view message)
    : std::runtime_error(format_error(code, statement_name, message)), code_(code) {}

bool sqlite_error::missing_table() const {
    return (code_ & 0xff) == SQLITE_ERROR &&
           std::string_view(what()).find("message=no such table: ") != std::string_view::npos;
}

statement::statement(sqlite3* db, std::string_view sql, std::string name)
    : db_(db), name_(std::move(name)) {
    const int result = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                          SQLITE_PREPARE_PERSISTENT, &handle_, nullptr);
    if (result != SQLITE_OK) {
        sqlite3_finalize(handle_);
        throw sqlite_error(sqlite3_extended_errcode(db), name_, sqlite3_errmsg(db));
    }
}

statement::~statement() {
    sqlite3_finalize(handle_);
}

void statement::check_bind(int result) {
    if (result != SQLITE_OK) {
        throw sqlite_error(result, name_, sqlite3_errmsg(db_));
    }
}

void statement::bind_blob(int index, std::string_view bytes) {
    check_bind(sqlite3_bind_blob64(handle_, index, non_null(bytes), bytes.size(), SQLITE_STATIC));
}

void statement::bind_text(int index, std::string_view text) {
    check_bind(sqlite3_bind_text64(handle_, index, non_null(text), text.size(), SQLITE_STATIC,
                                   SQLITE_UTF8));
}

void statement::bind_int64(int index, std::int64_t value) {
    check_bind(sqlite3_bind_int64(handle_, index, value));
}

void statement::bind_null(int index) {
    check_bind(sqlite3_bind_null(handle_, index));
}

bool statement::step() {
    const int result = sqlite3_step(handle_);
    if (result == SQLITE_ROW) {
        return true;
    }
    if (result == SQLITE_DONE) {
        return false;
    }
    throw sqlite_error(sqlite3_extended_errcode(db_), name_, sqlite3_errmsg(db_));
}

void statement::reset() noexcept {
    sqlite3_reset(handle_);
    sqlite3_clear_bindings(handle_);
}

std::string_view statement::column_blob(int index) const {
    const void* data = sqlite3_column_blob(handle_, index);
    const int size = sqlite3_column_bytes(handle_, index);
    if (data == nullptr) {
        return {};
    }
    return {static_cast<const char*>(data), static_cast<std::size_t>(size)};
}

std::string_view statement::column_text(int index) const {
    const unsigned char* data = sqlite3_column_text(handle_, index);
    const int size = sqlite3_column_bytes(handle_, index);
    if (data == nullptr) {
        return {};
    }
    return {reinterpret_cast<const char*>(data), static_cast<std::size_t>(size)};
}

std::int64_t statement::column_int64(int index) const {
    return sqlite3_column_int64(handle_, index);
}

bool statement::column_is_null(int index) const {
    return sqlite3_column_type(handle_, index) == SQLITE_NULL;
}

connection::connection(const std::string& path) {
    disable_memory_statistics();
    // NOMUTEX: the owner already serialises use of a connection, so SQLite's own lock is waste.
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const int result = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (result != SQLITE_OK) {
        const std::string message =
            "cannot open " + path + ": " + (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(result));
        sqlite3_close_v2(db_);
        throw sqlite_error(result, "open", message);
    }
    sqlite3_extended_result_codes(db_, 1);
}

connection::~connection() {
    // Statements must be finalised before the connection closes.
    statements_.clear();
    sqlite3_close_v2(db_);
}

void connection::execute(std::string_view sql, std::string_view name) {
    const std::string text(sql);
    char* message = nullptr;
    const int result = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
    if (result != SQLITE_OK) {
        const std::string detail = message ? message : "";
        sqlite3_free(message);
        throw sqlite_error(sqlite3_extended_errcode(db_), name, detail);
    }
}

statement& connection::cached(const std::string& sql, std::string_view name) {
    auto found = statements_.find(sql);
    if (found != statements_.end()) {
        return *found->second;
    }
    auto prepared = std::make_unique<statement>(db_, sql, std::string(name));
    return *statements_.emplace(sql, std::move(prepared)).first->second;
}

void connection::run_cached(const std::string& sql, std::string_view name) {
    statement& prepared = cached(sql, name);
    statement_reset reset(prepared);
    while (prepared.step()) {
    }
}

std::int64_t connection::changes() const {
    return sqlite3_changes64(db_);
}

}  // namespace lambdad::storage
