#include "storage/catalogue.hpp"
#include "storage/database.hpp"
#include "storage/sqlite.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <stdlib.h>
#include <string>

namespace lambdad::storage {
namespace {

// The catalogue and item table as lambdad wrote them before tables had metadata and indexes.
constexpr const char* older_catalogue_sql =
    "CREATE TABLE lambdad_tables (name TEXT PRIMARY KEY, hash_key_name TEXT NOT NULL, "
    "hash_key_type TEXT NOT NULL, range_key_name TEXT, range_key_type TEXT, "
    "created_at_ms INTEGER NOT NULL);"
    "INSERT INTO lambdad_tables VALUES ('Users', 'userid', 'S', NULL, NULL, 1);"
    "CREATE TABLE \"items_Users\" (hk BLOB NOT NULL, rk BLOB NOT NULL, item TEXT NOT NULL, "
    "PRIMARY KEY (hk, rk)) WITHOUT ROWID;";

TEST(CatalogueMigration, OlderDatabaseOpensAndWrites) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "lambdad-catalogue-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    const std::filesystem::path dir = pattern;
    {
        connection older((dir / "lambdad.sqlite3").string());
        older.execute(older_catalogue_sql, "older_catalogue");
    }
    {
        database opened(database_options{dir.string(), false});
        const auto definition = opened.describe_table("Users");
        ASSERT_TRUE(definition.has_value());
        EXPECT_EQ(definition->schema.hash_key.name, "userid");
        EXPECT_TRUE(definition->metadata.empty());
        EXPECT_TRUE(definition->indexes.empty());
        const auto users = opened.open_table("Users");
        users->put({{"userid", attribute_value::string("u1")}});
        EXPECT_TRUE(users->get({{"userid", attribute_value::string("u1")}}).has_value());
    }
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace lambdad::storage
