#include "dynamodb/operation.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace lambdad::dynamodb {

operation find_operation(std::string_view name) {
    static constexpr std::array<std::pair<std::string_view, operation>, 22> operations{{
        {"BatchGetItem", batch_get_item},
        {"BatchWriteItem", batch_write_item},
        {"CreateTable", create_table},
        {"DeleteItem", delete_item},
        {"DeleteTable", delete_table},
        {"DescribeEndpoints", describe_endpoints},
        {"DescribeLimits", describe_limits},
        {"DescribeTable", describe_table},
        {"DescribeTimeToLive", describe_time_to_live},
        {"GetItem", get_item},
        {"ListTables", list_tables},
        {"ListTagsOfResource", list_tags_of_resource},
        {"PutItem", put_item},
        {"Query", query},
        {"Scan", scan},
        {"TagResource", tag_resource},
        {"TransactGetItems", transact_get_items},
        {"TransactWriteItems", transact_write_items},
        {"UntagResource", untag_resource},
        {"UpdateItem", update_item},
        {"UpdateTable", update_table},
        {"UpdateTimeToLive", update_time_to_live},
    }};
    for (const auto& [operation_name, run] : operations) {
        if (operation_name == name) {
            return run;
        }
    }
    return nullptr;
}

bool runs_on_io_thread(std::string_view name) {
    // Each of these touches at most one item or reads table metadata, so it finishes in tens of
    // microseconds. Operations that may read a megabyte (Query, Scan), touch up to a hundred
    // items (batches, transactions) or rebuild tables run on the worker pool instead.
    static constexpr std::array<std::string_view, 7> single_item_operations{{
        "DescribeEndpoints",
        "DescribeLimits",
        "DescribeTable",
        "DescribeTimeToLive",
        "GetItem",
        "ListTables",
        "ListTagsOfResource",
    }};
    return std::find(single_item_operations.begin(), single_item_operations.end(), name) !=
           single_item_operations.end();
}

bool runs_in_write_lane(std::string_view name) {
    return name == "PutItem" || name == "DeleteItem" || name == "UpdateItem";
}

}  // namespace lambdad::dynamodb
