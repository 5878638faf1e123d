-- wrk script for scripts/bench: each request is a DynamoDB GetItem of one seeded item.
-- A Signature Version 4 header with dummy credentials: dynalite requires one, lambdad accepts
-- any, and neither checks the signature.
local authorization = "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/dynamodb/aws4_request, "
    .. "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" .. string.rep("0", 64)
wrk.method = "POST"
wrk.path = "/"
wrk.headers["Content-Type"] = "application/x-amz-json-1.0"
wrk.headers["X-Amz-Target"] = "DynamoDB_20120810.GetItem"
wrk.body = '{"TableName":"BenchItems","Key":{"pk":{"S":"seed"},"sk":{"N":"50"}}}'
wrk.headers["X-Amz-Date"] = "20260101T000000Z"
wrk.headers["Authorization"] = authorization
