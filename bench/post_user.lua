-- wrk script for scripts/bench: each request creates a new user with POST /users.
-- Every wrk thread runs its own copy, so the counter repeats across threads. The items stay
-- distinct anyway because the Users function generates each userid.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

local counter = 0

request = function()
    counter = counter + 1
    local body = string.format(
        '{"name": "Bench User %d", "email": "user%d@example.com"}', counter, counter)
    return wrk.format(nil, "/users", nil, body)
end
