#include "storage/database.hpp"

#include "storage/catalogue.hpp"
#include "storage/connection_pool.hpp"
#include "storage/named_table.hpp"
#include "storage/sqlite_table.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <stdexcept>

namespace lambdad::storage {
namespace {

constexpr std::string_view database_file_name = "lambdad.sqlite3";

std::string database_path(const database_options& options) {
    if (options.in_memory) {
        return ":memory:";
    }
    std::error_code error;
    std::filesystem::create_directories(options.data_dir, error);
    if (error) {
        throw std::runtime_error("Cannot create data directory " + options.data_dir + ": " +
                                 error.message());
    }
    return (std::filesystem::path(options.data_dir) / database_file_name).string();
}

bool is_key_type(attribute_value::kind type) {
    return type == attribute_value::kind::S || type == attribute_value::kind::N ||
           type == attribute_value::kind::B;
}

bool same_attribute(const key_attribute& a, const key_attribute& b) {
    return a.name == b.name && a.type == b.type;
}

bool same_schema(const key_schema& a, const key_schema& b) {
    if (!same_attribute(a.hash_key, b.hash_key) ||
        a.range_key.has_value() != b.range_key.has_value()) {
        return false;
    }
    return !a.range_key || same_attribute(*a.range_key, *b.range_key);
}

// DynamoDB Developer Guide ("Supported data types and naming rules"): table names are 3 to 255
// characters of a-z, A-Z, 0-9, '_', '-' and '.'.
void check_table_name(const std::string& name) {
    const bool valid_chars = std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-' || c == '.';
    });
    if (name.size() < 3 || name.size() > 255 || !valid_chars) {
        throw table_error("ValidationException",
                          "Invalid table name: " + name +
                              ". Table names are 3 to 255 characters of a-z, A-Z, 0-9, '_', "
                              "'-' and '.'");
    }
}

void check_schema(const std::string& name, const key_schema& schema) {
    const bool valid = is_key_type(schema.hash_key.type) && !schema.hash_key.name.empty() &&
                       (!schema.range_key ||
                        (is_key_type(schema.range_key->type) && !schema.range_key->name.empty() &&
                         schema.range_key->name != schema.hash_key.name));
    if (!valid) {
        throw table_error("ValidationException",
                          "Invalid key schema for table " + name +
                              ": key attributes need distinct non-empty names and type S, N or B");
    }
}

std::int64_t now_ms() {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return std::chrono::duration_cast<std::chrono::milliseconds>(now).count();
}

[[noreturn]] void throw_not_found() {
    throw table_error("ResourceNotFoundException", "Requested resource not found");
}

void create_sqlite_tables(connection& writer, const table_definition& definition) {
    writer.execute(sqlite_table::create_sql(definition.name), "create_table");
    for (const auto& index : definition.indexes) {
        writer.execute(sqlite_table::create_index_sql(definition.name, index.name), "create_index");
    }
}

}  // namespace

class database::impl {
public:
    explicit impl(const database_options& options)
        : pool_(std::make_shared<connection_pool>(database_path(options))) {
        pool_->write([](connection& writer) { create_catalogue(writer); });
    }

    std::shared_ptr<sqlite_table> ensure_table(const std::string& name, const key_schema& schema);
    std::shared_ptr<sqlite_table> create_table(table_definition definition);
    std::shared_ptr<sqlite_table> open_table(std::string_view name);
    void update_table(const table_definition& definition);
    table_definition delete_table(const std::string& name);

    const std::shared_ptr<connection_pool>& pool() const { return pool_; }

private:
    std::shared_ptr<sqlite_table> remember(table_definition definition);
    static void apply_index_changes(connection& writer, sqlite_table& table,
                                    const table_definition& current,
                                    const table_definition& wanted);

    std::shared_ptr<connection_pool> pool_;
    std::mutex tables_mutex_;
    // Tables opened so far, guarded by tables_mutex_; each DynamoDB table has one object.
    std::map<std::string, std::shared_ptr<sqlite_table>, std::less<>> tables_;
};

std::shared_ptr<sqlite_table> database::impl::remember(table_definition definition) {
    std::lock_guard lock(tables_mutex_);
    auto found = tables_.find(definition.name);
    if (found == tables_.end()) {
        const std::string name = definition.name;
        found = tables_.emplace(name, std::make_shared<sqlite_table>(pool_, std::move(definition)))
                    .first;
    }
    return found->second;
}

std::shared_ptr<sqlite_table> database::impl::ensure_table(const std::string& name,
                                                           const key_schema& schema) {
    check_table_name(name);
    check_schema(name, schema);
    auto definition = translate_sqlite_errors([&] {
        return pool_->transact([&](connection& writer) {
            auto existing = read_definition(writer, name);
            if (existing && !same_schema(existing->schema, schema)) {
                throw table_error("ValidationException",
                                  "Table " + name + " already exists with another key schema");
            }
            if (existing) {
                return std::move(*existing);
            }
            table_definition created{name, schema, {}, {}, now_ms()};
            insert_definition(writer, created);
            create_sqlite_tables(writer, created);
            return created;
        });
    });
    return remember(std::move(definition));
}

std::shared_ptr<sqlite_table> database::impl::create_table(table_definition definition) {
    check_table_name(definition.name);
    check_schema(definition.name, definition.schema);
    definition.created_at_ms = now_ms();
    translate_sqlite_errors([&] {
        pool_->transact([&](connection& writer) {
            if (read_definition(writer, definition.name)) {
                throw table_error("ResourceInUseException",
                                  "Table already exists: " + definition.name);
            }
            insert_definition(writer, definition);
            create_sqlite_tables(writer, definition);
        });
    });
    return remember(std::move(definition));
}

std::shared_ptr<sqlite_table> database::impl::open_table(std::string_view name) {
    {
        std::lock_guard lock(tables_mutex_);
        const auto found = tables_.find(name);
        if (found != tables_.end()) {
            return found->second;
        }
    }
    const std::string key(name);
    auto definition = translate_sqlite_errors([&] {
        return pool_->read([&](connection& reader) { return read_definition(reader, key); });
    });
    if (!definition) {
        throw_not_found();
    }
    return remember(std::move(*definition));
}

void database::impl::apply_index_changes(connection& writer, sqlite_table& table,
                                         const table_definition& current,
                                         const table_definition& wanted) {
    const auto contains = [](const table_definition& definition, const std::string& name) {
        return std::any_of(definition.indexes.begin(), definition.indexes.end(),
                           [&](const index_definition& index) { return index.name == name; });
    };
    for (const auto& index : current.indexes) {
        if (!contains(wanted, index.name)) {
            writer.execute(
                "DROP TABLE IF EXISTS " + sqlite_table::index_table_name(current.name, index.name),
                "drop_index");
        }
    }
    for (const auto& index : wanted.indexes) {
        if (!contains(current, index.name)) {
            writer.execute(sqlite_table::create_index_sql(current.name, index.name),
                           "create_index");
            table.fill_index_in(writer, index);
        }
    }
}

void database::impl::update_table(const table_definition& definition) {
    // Opened before the transaction: an in-memory database reads through the writer's mutex.
    const auto table = open_table(definition.name);
    translate_sqlite_errors([&] {
        pool_->transact([&](connection& writer) {
            const auto current = read_definition(writer, definition.name);
            if (!current) {
                throw_not_found();
            }
            apply_index_changes(writer, *table, *current, definition);
            update_definition(writer, definition);
            // Set while the writer's mutex is held, so that no write between this commit and
            // the next maintains the old index list.
            table->set_indexes(definition.indexes);
        });
    });
}

table_definition database::impl::delete_table(const std::string& name) {
    auto definition = translate_sqlite_errors([&] {
        return pool_->transact([&](connection& writer) {
            auto current = read_definition(writer, name);
            if (!current) {
                throw_not_found();
            }
            for (const auto& index : current->indexes) {
                writer.execute(
                    "DROP TABLE IF EXISTS " + sqlite_table::index_table_name(name, index.name),
                    "drop_index");
            }
            writer.execute("DROP TABLE IF EXISTS " + sqlite_table::item_table_name(name),
                           "drop_table");
            delete_definition(writer, name);
            return std::move(*current);
        });
    });
    std::lock_guard lock(tables_mutex_);
    const auto found = tables_.find(name);
    if (found != tables_.end()) {
        found->second->mark_deleted();
        tables_.erase(found);
    }
    return definition;
}

database::database(const database_options& options) : impl_(std::make_unique<impl>(options)) {}

database::~database() = default;

std::shared_ptr<table> database::ensure_table(const std::string& name, const key_schema& schema) {
    return impl_->ensure_table(name, schema);
}

std::shared_ptr<table> database::open_table(std::string_view name) {
    return std::make_shared<named_table>(impl_->open_table(name), [this](std::string_view current) {
        return impl_->open_table(current);
    });
}

std::vector<std::string> database::table_names() {
    return translate_sqlite_errors([&] {
        return impl_->pool()->read([](connection& reader) { return read_table_names(reader); });
    });
}

std::shared_ptr<sqlite_table> database::create_table(table_definition definition) {
    return impl_->create_table(std::move(definition));
}

std::shared_ptr<sqlite_table> database::open_sqlite_table(std::string_view name) {
    return impl_->open_table(name);
}

std::optional<table_definition> database::describe_table(const std::string& name) {
    return translate_sqlite_errors([&] {
        return impl_->pool()->read(
            [&](connection& reader) { return read_definition(reader, name); });
    });
}

void database::update_table(const table_definition& definition) {
    impl_->update_table(definition);
}

table_definition database::delete_table(const std::string& name) {
    return impl_->delete_table(name);
}

connection_pool& database::pool() {
    return *impl_->pool();
}

const std::string& database::path() const {
    return impl_->pool()->path();
}

const std::string& database::journal_mode() const {
    return impl_->pool()->journal_mode();
}

}  // namespace lambdad::storage
