-- wrk script for scripts/bench: each request is a DynamoDB PutItem of a new item in
-- BenchItems. Each wrk thread numbers its items, so no two requests write the same key.
-- A Signature Version 4 header with dummy credentials: dynalite requires one, lambdad accepts
-- any, and neither checks the signature.
local authorization = "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/dynamodb/aws4_request, "
    .. "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" .. string.rep("0", 64)
local counter = 0
local next_thread_id = 0

-- setup runs in the main Lua state and sets the global thread_id in each thread's own state.
function setup(thread)
    next_thread_id = next_thread_id + 1
    thread:set("thread_id", next_thread_id)
end

function request()
    counter = counter + 1
    local body = string.format(
        '{"TableName":"BenchItems","Item":{"pk":{"S":"put-%d"},"sk":{"N":"%d"},'
            .. '"payload":{"S":"%s"}}}',
        thread_id or 0, counter, string.rep("x", 100))
    return wrk.format("POST", "/", {
        ["Content-Type"] = "application/x-amz-json-1.0",
        ["X-Amz-Target"] = "DynamoDB_20120810.PutItem",
        ["X-Amz-Date"] = "20260101T000000Z",
        ["Authorization"] = authorization,
    }, body)
end
