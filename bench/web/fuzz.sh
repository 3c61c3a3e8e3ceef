#!/usr/bin/env bash
# API fuzz run (not a test): schemathesis (PyPI) generates requests from /api/openapi.json against a
# small demo workspace served on loopback, as an administrator with an API token, and checks that no
# answer is a 500 and that every answer matches the document (status codes, content types, schemas).
#
#   bash bench/web/fuzz.sh [--examples 50]
set -euo pipefail
cd "$(dirname "$0")/../.."

examples=50
[ "${1:-}" = "--examples" ] && examples="$2"
python3 -c "import schemathesis" 2>/dev/null || python3 -m pip install -q --disable-pip-version-check schemathesis
bin="${LANDWATCH_BIN:-.build/debug/landwatch}"
ws=".bench-web/fuzz/ws"
if [ ! -f "$ws/landwatch.sqlite" ]; then
  "$bin" demo --workspace "$ws" --patches 300 --columns 40 --rows 30 > /dev/null
fi
token=$("$bin" users token admin -w "$ws" --name fuzz)
port=18090
"$bin" serve -w "$ws" --port $port > ".bench-web/fuzz/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && break; sleep 0.1; done
schemathesis run "http://127.0.0.1:$port/api/openapi.json" --url "http://127.0.0.1:$port" \
  -H "Authorization: Bearer $token" --max-examples "$examples" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance
