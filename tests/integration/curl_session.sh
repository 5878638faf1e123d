#!/usr/bin/env bash
# Drives the Users service with curl the way the README shows: create, list, read, replace and
# delete a user, then call an unknown route. Starts its own daemon on a free port with a
# temporary data directory and stops it by pid at the end.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
lambdad=${LAMBDAD_BIN:-$root/build/src/lambdad}
python=/usr/bin/python3
work=$(mktemp -d)
pid=""

cleanup() {
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid"
    fi
    rm -rf "$work"
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*" >&2
    echo "--- lambdad stderr ---" >&2
    cat "$work/stderr" >&2 || true
    exit 1
}

# json_field FIELD reads a JSON object on stdin and prints one top-level field.
json_field() {
    "$python" -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"
}

echo "==> Starting $lambdad"
"$lambdad" serve --port 0 --aws-port 0 --data-dir "$work/data" --ready-file "$work/ready" \
    >"$work/stdout" 2>"$work/stderr" &
pid=$!

for _ in $(seq 1 200); do
    [[ -s "$work/ready" ]] && break
    kill -0 "$pid" 2>/dev/null || fail "lambdad exited before it was ready"
    sleep 0.05
done
[[ -s "$work/ready" ]] || fail "lambdad was not ready within 10 s"
url=$(head -n 1 "$work/ready")
echo "==> lambdad is listening on $url"

echo "==> POST /users"
created=$(curl -sS -X POST "$url/users" -H 'Content-Type: application/json' \
    -d '{"name": "Ada Lovelace", "email": "ada@example.com"}')
echo "$created"
userid=$(json_field userid <<<"$created")
[[ "$userid" =~ ^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$ ]] ||
    fail "userid $userid is not a version 1 UUID"
[[ $(json_field name <<<"$created") == "Ada Lovelace" ]] || fail "POST changed the name"

echo "==> GET /users"
listed=$(curl -sS "$url/users")
echo "$listed"
list_check='
import json, sys
items = json.load(sys.stdin)
assert [item["userid"] for item in items] == [sys.argv[1]], items
'
"$python" -c "$list_check" "$userid" <<<"$listed" ||
    fail "GET /users should list exactly the new user"

echo "==> GET /users/$userid"
fetched=$(curl -sS "$url/users/$userid")
echo "$fetched"
[[ $(json_field email <<<"$fetched") == "ada@example.com" ]] || fail "GET returned another item"

echo "==> PUT /users/$userid"
replaced=$(curl -sS -X PUT "$url/users/$userid" -H 'Content-Type: application/json' \
    -d '{"name": "Ada King", "email": "ada@example.com"}')
echo "$replaced"
[[ $(json_field name <<<"$replaced") == "Ada King" ]] || fail "PUT did not replace the name"
[[ $(json_field userid <<<"$replaced") == "$userid" ]] || fail "PUT changed the userid"

echo "==> DELETE /users/$userid"
deleted=$(curl -sS -X DELETE "$url/users/$userid")
echo "$deleted"
[[ "$deleted" == "{}" ]] || fail "DELETE should return {}"
[[ $(curl -sS "$url/users/$userid") == "{}" ]] || fail "the user is still there after DELETE"

echo "==> GET /orders (no such route)"
headers=$(curl -sS -o "$work/body" -D - "$url/orders")
echo "$headers"
cat "$work/body"
echo
grep -q '^HTTP/1.1 403' <<<"$headers" || fail "an unknown route should return 403"
grep -qi '^x-amzn-ErrorType: MissingAuthenticationTokenException' <<<"$headers" ||
    fail "the 403 lacks x-amzn-ErrorType"
grep -q '"message": *"Missing Authentication Token"' "$work/body" || fail "wrong 403 body"

echo "==> Stopping lambdad (pid $pid) with SIGTERM"
kill -TERM "$pid"
for _ in $(seq 1 200); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
done
kill -0 "$pid" 2>/dev/null && fail "lambdad did not stop within 10 s of SIGTERM"
status=0
wait "$pid" || status=$?
pid=""
[[ $status -eq 0 ]] || fail "lambdad exited with $status after SIGTERM"
echo "curl session passed"
