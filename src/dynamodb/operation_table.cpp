#include "dynamodb/operation.hpp"

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

}  // namespace lambdad::dynamodb
