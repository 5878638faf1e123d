-- wrk script for scripts/bench: each request calls the Lambda Invoke API (RequestResponse) on
-- UsersFunction with the proxy event of GET /users/bench-user-0500, as the AWS CLI would.
wrk.method = "POST"
wrk.path = "/2015-03-31/functions/UsersFunction/invocations"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Amz-Invocation-Type"] = "RequestResponse"
wrk.body = '{"httpMethod": "GET", "resource": "/users/{userid}", "path": "/users/bench-user-0500", '
    .. '"pathParameters": {"userid": "bench-user-0500"}, "body": null}'
