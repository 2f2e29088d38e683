-- wrk script for `cotation serve` (docs/performance.md, "cotation serve"): POST /v1/decisions,
-- one claim per request on keep-alive connections, cycling over the claims of a JSON Lines file
-- (CLAIMS, default examples/claims.jsonl; its first 1,000 lines).
--   cotation serve --rules rules/ --listen 127.0.0.1:8080 2>/dev/null &
--   CLAIMS=/work/baseline/claims-1M.jsonl wrk -t2 -c32 -d20s --latency -s bench/serve_claims.lua http://127.0.0.1:8080
local requests = {}
local next_request = 1

function init(args)
  local headers = {["Content-Type"] = "application/json"}
  for line in io.lines(os.getenv("CLAIMS") or "examples/claims.jsonl") do
    requests[#requests + 1] = wrk.format("POST", "/v1/decisions", headers, line)
    if #requests == 1000 then break end
  end
end

function request()
  local chosen = requests[next_request]
  next_request = next_request % #requests + 1
  return chosen
end
