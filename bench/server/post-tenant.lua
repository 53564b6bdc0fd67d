-- wrk script for bench/server/run-http-bench: POST /v1/tenants with a unique Idempotency-Key,
-- name and slug on every request (a repeated key would be replayed, not written again).
-- The bearer token comes from the environment (BENCH_TOKEN); BENCH_RUN makes keys unique
-- across runs against the same data folder.

local counter = 0
local prefix = ""
local token = os.getenv("BENCH_TOKEN") or ""
local run = os.getenv("BENCH_RUN") or "0"
local threads = {}
local nextThread = 0

function setup(thread)
    thread:set("threadId", nextThread)
    nextThread = nextThread + 1
    table.insert(threads, thread)
end

function init(args)
    prefix = "b" .. run .. "-" .. threadId .. "-"
end

function request()
    counter = counter + 1
    local id = prefix .. counter
    local body = '{"name":"Bench ' .. id .. '","region":"eu-west-1","slug":"' .. id .. '"}'
    local headers = {
        ["Authorization"] = "Bearer " .. token,
        ["Content-Type"] = "application/json",
        ["Idempotency-Key"] = "bench-" .. id,
    }
    return wrk.format("POST", "/v1/tenants", headers, body)
end

created = 0
function response(status, headers, body)
    if status == 201 then
        created = created + 1
    end
end

function done(summary, latency, requests)
    local total = 0
    for _, thread in ipairs(threads) do
        total = total + thread:get("created")
    end
    io.write(string.format("created_201 %d\n", total))
end
